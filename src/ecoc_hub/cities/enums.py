"""The choices of the cities app, defined once: the models' fields and
database constraints, the forms and the API schemas read them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleStatus(models.TextChoices):
    HELD = "held", _("Held")
    TITLE_YEAR = "title_year", _("Title year")
    DESIGNATED = "designated", _("Designated")
    SELECTED = "selected", _("Selected")
    UNVERIFIED = "unverified", _("Unverified")
