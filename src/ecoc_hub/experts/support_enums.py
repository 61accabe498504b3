"""The vocabularies of support requests and their assignments."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Looking for experts")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SupportFormat(models.TextChoices):
    REMOTE = "remote", _("Remote")
    ON_SITE = "on_site", _("On site")
    EITHER = "either", _("Remote or on site")


class AssignmentState(models.TextChoices):
    INVITED = "invited", _("Invited")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Invitation withdrawn")
    AGREED = "agreed", _("Agreed")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Side(models.TextChoices):
    TEAM = "team", _("City team")
    EXPERT = "expert", _("Expert")


class Rating(models.IntegerChoices):
    POOR = 1, _("1: poor")
    FAIR = 2, _("2: fair")
    GOOD = 3, _("3: good")
    VERY_GOOD = 4, _("4: very good")
    EXCELLENT = 5, _("5: excellent")
