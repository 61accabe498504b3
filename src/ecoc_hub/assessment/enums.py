"""The assessment's vocabularies, defined once: fields, constraints, forms."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("Being answered")
    SUBMITTED = "submitted", _("Submitted")


class Stage(models.TextChoices):
    """Where the city stands in the ECoC cycle of Decision 445/2014/EU."""

    BID = "bid", _("Preparing the bid")
    PRE_SELECTION = "pre_selection", _("Pre-selection (shortlisted)")
    SELECTION = "selection", _("Final selection")
    MONITORING_1 = "monitoring_1", _("First monitoring meeting")
    MONITORING_2 = "monitoring_2", _("Second monitoring meeting")
    MONITORING_3 = "monitoring_3", _("Third monitoring meeting")
    TITLE_YEAR = "title_year", _("Title year")
    AFTER = "after", _("After the title year")


#: The maturity scale: 1 = not started … 5 = embedded and evaluated.
LEVELS = (1, 2, 3, 4, 5)
LOWEST, HIGHEST = LEVELS[0], LEVELS[-1]
#: An area whose mean is at or below this counts as weak (recommendations).
WEAK_AT = 3.0
#: An area a team rated at or above this counts as strong (peer cities).
STRONG_AT = 4.0
