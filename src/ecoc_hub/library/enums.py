"""The choices of the library app, defined once: the models' fields and
database constraints, the forms and the API schemas read them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceType(models.TextChoices):
    BID_BOOK = "bid_book", _("Bid book")
    SELECTION_REPORT = "selection_report", _("Selection report")
    MONITORING_REPORT = "monitoring_report", _("Monitoring report")
    EVALUATION = "evaluation", _("Evaluation")
    TOOLKIT = "toolkit", _("Toolkit")
    GUIDE = "guide", _("Guide")
    CASE_STUDY = "case_study", _("Case study")
    RESEARCH_REPORT = "research_report", _("Research report")
    PRESENTATION = "presentation", _("Presentation")
    RECORDING = "recording", _("Recording")
    OTHER = "other", _("Other")


class Licence(models.TextChoices):
    CC0 = "cc0-1.0", _("CC0 1.0 (public domain dedication)")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0")
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", _("CC BY-NC-SA 4.0")
    CC_BY_ND = "cc-by-nd-4.0", _("CC BY-ND 4.0")
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", _("CC BY-NC-ND 4.0")
    PUBLIC_DOMAIN = "pdm-1.0", _("Public domain mark")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public: anyone")
    MEMBERS = "members", _("Members: signed-in members only")
    RESTRICTED = "restricted", _("Restricted: named city teams only")


class ResourceState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CreatorKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class RelationKind(models.TextChoices):
    TRANSLATION_OF = "translation_of", _("Translation of")
    PART_OF = "part_of", _("Part of")
    NEW_VERSION_OF = "new_version_of", _("New version of")


class Decision(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved and published")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    PUBLISHED_DIRECTLY = "published_directly", _("Published by a curator")


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    PPTX = "pptx", "PPTX"
    XLSX = "xlsx", "XLSX"
    ODT = "odt", "ODT"
    ODP = "odp", "ODP"
    TXT = "txt", _("Plain text")
    MARKDOWN = "md", "Markdown"
    HTML = "html", "HTML"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    WEBP = "webp", "WebP"
    MP3 = "mp3", "MP3"
    M4A = "m4a", "M4A"
    OGG = "ogg", "OGG"
    MP4 = "mp4", "MP4"
    WEBM = "webm", "WebM"
    VTT = "vtt", "WebVTT"


class Extraction(models.TextChoices):
    PENDING = "pending", _("Pending")
    OK = "ok", _("Done")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not applicable")


class ReportReason(models.TextChoices):
    COPYRIGHT = "copyright", _("Copyright or licence problem")
    PERSONAL_DATA = "personal_data", _("Personal data")
    INACCURATE = "inaccurate", _("Inaccurate or outdated")
    OFFENSIVE = "offensive", _("Offensive content")
    BROKEN = "broken", _("Broken file")
    OTHER = "other", _("Other")
