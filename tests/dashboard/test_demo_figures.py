"""The regression guard of the demo's history: after loading the whole demo
(as ``ecoc-hub demo`` does), every registered indicator shows something
over the dashboard's default period, and a second run of the histories adds
nothing. One test, so the demo is loaded once (the library with a few of
its resources only: the files are what takes time)."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from ecoc_hub.assessment.models import Assessment
from ecoc_hub.certificates.models import Certificate
from ecoc_hub.core import metrics
from ecoc_hub.core.management.commands.demo import demo_modules
from ecoc_hub.core.metrics import Filters
from ecoc_hub.dashboard.forms import default_period
from ecoc_hub.events.attendance import Attendance
from ecoc_hub.events.feedback.models import SurveyAnswer
from ecoc_hub.events.models import Event
from ecoc_hub.experts.models import Application, SupportFeedback, SupportRequest
from ecoc_hub.library.models import ModerationEvent

pytestmark = pytest.mark.django_db

#: The library demo's resources loaded here: published ones, and one left
#: waiting for review.
LIBRARY = {0, 1, 2, 3, 6, 7, 9, 12, 33}


def _load() -> str:
    out = io.StringIO()
    for module in demo_modules():
        if module.__name__ == "ecoc_hub.library.demo":
            module.load_demo(stdout=out, only=LIBRARY)
        else:
            module.load_demo(stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            ModerationEvent,
            Event,
            Attendance,
            SurveyAnswer,
            Certificate,
            Application,
            SupportRequest,
            SupportFeedback,
            Assessment,
        )
    }


def test_every_dashboard_figure_shows_something_after_the_demo():
    _load()
    start, end = default_period()
    filters = Filters(start=start, end=end)

    empty = [
        item.key
        for section in metrics.sections()
        for item in section.indicators
        if item.compute(filters).is_empty
    ]

    assert empty == []
    # Spread over several teams, title cities and hosts, not all on one.
    assessed = Assessment.objects.filter(
        state="submitted", submitted_at__date__gte=start
    )
    assert assessed.values("organisation").distinct().count() >= 10
    assert assessed.values("organisation__title__city").distinct().count() >= 8
    held = Event.objects.filter(starts_at__date__gte=start, starts_at__date__lt=end)
    assert held.values("host_title").distinct().count() >= 4
    assert all(
        c.issued_at < timezone.now() and c.credential_jwt
        for c in Certificate.objects.all()
    )
    before = _counts()
    _load()
    assert _counts() == before
