"""The Academy's indicators for the programme dashboard (``core.metrics``).

Applications, decisions, attendance and certificates count people: they
come from the country and title city the applicant gave, and go through
``metrics.suppress`` and ``metrics.rate``. Events held are counted by their
host title city, and so is satisfaction: survey answers are stored without
the person (``events.feedback``), so they can only be placed by the event.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from ecoc_hub.certificates.models import Certificate, Status
from ecoc_hub.core import metrics
from ecoc_hub.core.metrics import Filters

from .attendance import Attendance
from .enums import ApplicationState, Kind, Visibility
from .feedback.defaults import OVERALL_RATING
from .feedback.models import SurveyAnswer, SurveyQuestionKind
from .models import Application, Event

DECIDED = [
    ApplicationState.ACCEPTED,
    ApplicationState.WAITLISTED,
    ApplicationState.REJECTED,
]


def _applications(filters: Filters) -> QuerySet[Application]:
    applications = Application.objects.all()
    if filters.title_id:
        return applications.filter(title_id=filters.title_id)
    if filters.country:
        return applications.filter(country=filters.country.upper())
    return applications


def _suppressed(values: list[int]) -> list[int | None]:
    return [metrics.suppress(value) for value in values]


def applications(filters: Filters) -> metrics.Figure:
    applications = _applications(filters)
    submitted = metrics.per_bucket(applications, "submitted_at", filters)["count"]
    accepted = metrics.per_bucket(
        applications.filter(state=ApplicationState.ACCEPTED), "decided_at", filters
    )["count"]
    return metrics.over_time(
        filters,
        [
            (_("Applications"), _suppressed(submitted)),
            (_("Places given"), _suppressed(accepted)),
        ],
        suppressed=True,
    )


def acceptance(filters: Filters) -> metrics.Figure:
    decided = metrics.per_bucket(
        _applications(filters).filter(state__in=DECIDED),
        "decided_at",
        filters,
        count=Count("pk"),
        accepted=Count("pk", filter=Q(state=ApplicationState.ACCEPTED)),
    )
    rates = [
        metrics.rate(accepted, whole)
        for accepted, whole in zip(decided["accepted"], decided["count"], strict=True)
    ]
    return metrics.over_time(
        filters,
        [(_("Accepted, in percent of decisions"), rates)],
        decimals=1,
        unit="%",
        maximum=100,
        suppressed=True,
        kind="bar",
    )


def attendance(filters: Filters) -> metrics.Figure:
    """Of the people given a place at an event, the share who were checked
    in at one of its sessions at least, by the month the event started."""
    present = Attendance.objects.filter(
        participant=OuterRef("applicant"), session__event=OuterRef("event")
    )
    places = (
        _applications(filters)
        .filter(state=ApplicationState.ACCEPTED, applicant__isnull=False)
        .annotate(present=Exists(present))
    )
    counts = metrics.per_bucket(
        places,
        "event__starts_at",
        filters,
        count=Count("pk"),
        present=Count("pk", filter=Q(present=True)),
    )
    rates = [
        metrics.rate(present, whole)
        for present, whole in zip(counts["present"], counts["count"], strict=True)
    ]
    return metrics.over_time(
        filters,
        [(_("Attended, in percent of places given"), rates)],
        decimals=1,
        unit="%",
        maximum=100,
        suppressed=True,
        kind="bar",
    )


def certificates(filters: Filters) -> metrics.Figure:
    issued = Certificate.objects.filter(
        source_type=ContentType.objects.get_for_model(Event),
        status=Status.VALID,
    )
    if filters.title_id or filters.country:
        theirs = _applications(filters).filter(
            applicant=OuterRef("recipient"),
            event_id=Cast(OuterRef("source_id"), IntegerField()),
        )
        issued = issued.filter(Exists(theirs))
    counts = metrics.per_bucket(issued, "issued_at", filters)["count"]
    return metrics.over_time(
        filters,
        [(_("Certificates issued"), _suppressed(counts))],
        suppressed=True,
        kind="bar",
    )


def events_held(filters: Filters) -> metrics.Figure:
    events: QuerySet[Event] = Event.objects.filter(is_cancelled=False).exclude(
        visibility=Visibility.DRAFT
    )
    if filters.title_id:
        events = events.filter(host_title_id=filters.title_id)
    elif filters.country:
        events = events.filter(host_title__city__country_code=filters.country.upper())
    aggregates: dict[str, Any] = {
        kind: Count("pk", filter=Q(kind=kind)) for kind in Kind.values
    }
    counts = metrics.per_bucket(events, "starts_at", filters, **aggregates)
    series = [
        (label, counts[value]) for value, label in Kind.choices if any(counts[value])
    ][: metrics.charts.MAX_SERIES]
    if not series:
        series = [(_("Events"), counts[Kind.ACADEMY_CAMP])]
    return metrics.over_time(filters, series, kind="bar")


def satisfaction(filters: Filters) -> metrics.Figure:
    """The average answer to the surveys' overall rating (1 to 5), by the
    month (or year) the event started; shown over five answers or more."""
    answers = SurveyAnswer.objects.filter(
        question__session__isnull=True,
        question__kind=SurveyQuestionKind.SCALE,
        question__label=OVERALL_RATING,
        rating__isnull=False,
    )
    if filters.title_id:
        answers = answers.filter(
            response__survey__event__host_title_id=filters.title_id
        )
    elif filters.country:
        answers = answers.filter(
            response__survey__event__host_title__city__country_code=(
                filters.country.upper()
            )
        )
    sums = metrics.per_bucket(
        answers,
        "response__survey__event__starts_at",
        filters,
        count=Count("pk"),
        total=Sum("rating"),
    )
    averages = [
        round(total / count, 2) if count >= metrics.MIN_COUNT else None
        for total, count in zip(sums["total"], sums["count"], strict=True)
    ]
    return metrics.over_time(
        filters,
        [(_("Average overall rating, from 1 to 5"), averages)],
        decimals=1,
        maximum=5,
        suppressed=True,
        kind="bar",
    )


def register() -> None:
    metrics.register(
        "events",
        heading=_("Academy"),
        indicators=[
            metrics.Indicator(
                key="events.events_held",
                title=_("Events held"),
                description=_(
                    "Published events that were not cancelled, by kind and by "
                    "the month (or year) they started; filtered by their host "
                    "city."
                ),
                compute=events_held,
                sources=[Event],
            ),
            metrics.Indicator(
                key="events.applications",
                title=_("Applications and places"),
                description=_(
                    "Applications and registrations received, and places "
                    "given; filtered by the applicant's country and title city."
                ),
                compute=applications,
                sources=[Application],
            ),
            metrics.Indicator(
                key="events.acceptance",
                title=_("Acceptance rate"),
                description=_(
                    "Accepted applications in percent of the decisions taken "
                    "(accepted, waiting list, not selected)."
                ),
                compute=acceptance,
                sources=[Application],
            ),
            metrics.Indicator(
                key="events.attendance",
                title=_("Attendance rate"),
                description=_(
                    "People given a place who were checked in at least once, "
                    "by the month (or year) the event started."
                ),
                compute=attendance,
                sources=[Application, Attendance, Event],
            ),
            metrics.Indicator(
                key="events.satisfaction",
                title=_("Satisfaction"),
                description=_(
                    "The average of the participants' answers to the feedback "
                    "survey's overall rating (1: very poor, 5: excellent), by "
                    "the month (or year) the event started; not shown over "
                    "fewer than five answers. Answers are anonymous, so the "
                    "country and title city filters apply to the host city."
                ),
                compute=satisfaction,
                sources=[SurveyAnswer, Event],
            ),
            metrics.Indicator(
                key="events.certificates",
                title=_("Certificates"),
                description=_("Valid certificates of attendance issued for events."),
                compute=certificates,
                sources=[Certificate, Application],
            ),
        ],
    )
