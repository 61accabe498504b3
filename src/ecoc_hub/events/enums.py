"""The choices of the events app; constraints and the API are built from them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ACADEMY_CAMP = "academy_camp", _("Academy Camp")
    WEBINAR = "webinar", _("Webinar")
    STUDY_VISIT = "study_visit", _("Study visit")
    OTHER = "other", _("Other event")


class Format(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid")


class Visibility(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class RegistrationMode(models.TextChoices):
    SELECTION = "selection", _("Selection by application")
    OPEN = "open", _("Open registration, first come first served")


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class OfferState(models.TextChoices):
    NONE = "none", _("No offer")
    OFFERED = "offered", _("Place offered")
    CONFIRMED = "confirmed", _("Offer confirmed")
    EXPIRED = "expired", _("Offer expired")
    DECLINED = "declined", _("Offer declined")


class DraftDecision(models.TextChoices):
    NONE = "", _("No decision drafted")
    ACCEPT = "accept", _("Accept")
    WAITLIST = "waitlist", _("Waiting list")
    REJECT = "reject", _("Reject")


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes or no")
    FILE = "file", _("File upload")


class ApplicantRole(models.TextChoices):
    DELIVERY_TEAM = "delivery_team", _("ECoC delivery team")
    CANDIDATE_CITY = "candidate_city", _("Candidate city team")
    MUNICIPALITY = "municipality", _("Municipality or public authority")
    CULTURAL_OPERATOR = "cultural_operator", _("Cultural operator")
    RESEARCHER = "researcher", _("Researcher or evaluator")
    OTHER = "other", _("Other role")
