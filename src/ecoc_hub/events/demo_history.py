"""The demo's past Academy events (the dashboard's events held,
applications, attendance, satisfaction and certificates): nine webinars,
study visits and a camp over the last fourteen months, hosted by several
title cities, each with 14 to 19 applications from 48 fictional
participants of the title cities (most given a place), check-ins at its
sessions, the answers to its feedback survey (stored without the person,
as the survey does) and the certificates of attendance of those who came
to enough sessions, signed by the certificate service's key.

Made through the models, in bulk, one event at a time (an event that
exists is left alone, so a second run adds nothing), with a generator
seeded by the event's slug, so every run gives the same history.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import User
from ecoc_hub.certificates.credential import sign_credential
from ecoc_hub.certificates.models import (
    STATUS_LIST_SIZE,
    Certificate,
    CertificateEvent,
    Status,
)
from ecoc_hub.certificates.services import ALPHABET, CODE_LENGTH
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core import demo_history, metrics

from .attendance import Attendance, CheckInMethod
from .certify import achievement_for, sessions_needed
from .enums import ApplicantRole, ApplicationState, Format, Kind, Visibility
from .feedback import services as feedback
from .feedback.models import (
    SurveyAnswer,
    SurveyHistory,
    SurveyInvitation,
    SurveyQuestionKind,
    SurveyResponse,
    SurveyState,
)
from .models import Application, Event, Session
from .search_index import index_event

PARTICIPANTS = 48
#: Where the participants come from (city, title year).
HOME_TITLES = [
    ("Oulu", 2026),
    ("Trenčín", 2026),
    ("Évora", 2027),
    ("Liepāja", 2027),
    ("Bourges", 2028),
    ("České Budějovice", 2028),
    ("Skopje", 2028),
    ("Chemnitz", 2025),
    ("Nova Gorica", 2025),
]

#: (slug, kind, title, host (city, year), format, days ago, sessions, areas).
EVENTS: list[tuple[str, str, str, tuple[str, int], str, int, int, list[str]]] = [
    ("demo-history-webinar-audiences", Kind.WEBINAR, "Webinar: Knowing your audiences",
     ("Chemnitz", 2025), Format.ONLINE, 400, 2, ["audience-development"]),
    ("demo-history-study-visit-nova-gorica", Kind.STUDY_VISIT,
     "Study visit: a title year across a border", ("Nova Gorica", 2025),
     Format.ON_SITE, 355, 3, ["european-cooperation", "governance"]),
    ("demo-history-webinar-volunteers", Kind.WEBINAR,
     "Webinar: Keeping volunteers after the title year", ("Tartu", 2024),
     Format.ONLINE, 310, 2, ["volunteering", "legacy"]),
    ("demo-history-camp-evaluation", Kind.ACADEMY_CAMP,
     "Academy Camp: Evaluation that cities use", ("Oulu", 2026), Format.HYBRID,
     265, 4, ["monitoring-evaluation", "long-term-strategy"]),
    ("demo-history-webinar-fundraising", Kind.WEBINAR,
     "Webinar: Sponsorship and private funding", ("Bodø", 2024), Format.ONLINE,
     215, 2, ["fundraising-budget"]),
    ("demo-history-study-visit-trencin", Kind.STUDY_VISIT,
     "Study visit: Trenčín's neighbourhood programme", ("Trenčín", 2026),
     Format.ON_SITE, 170, 3, ["community-development", "local-artists"]),
    ("demo-history-webinar-accessibility", Kind.WEBINAR,
     "Webinar: Accessible programmes and venues", ("Bad Ischl", 2024),
     Format.ONLINE, 120, 2, ["accessibility-inclusion"]),
    ("demo-history-study-visit-chemnitz", Kind.STUDY_VISIT,
     "Study visit: Chemnitz after its title year", ("Chemnitz", 2025),
     Format.ON_SITE, 75, 3, ["legacy", "infrastructure"]),
    ("demo-history-webinar-digital", Kind.WEBINAR,
     "Webinar: Digital communities that last", ("Oulu", 2026), Format.ONLINE,
     30, 2, ["digital", "communication-marketing"]),
]  # fmt: skip

COMMENTS = [
    "Concrete examples from the host city.",
    "Good mix of talks and discussion.",
    "Meeting colleagues from other title cities.",
    "",
]
ZONE = "Europe/Brussels"


def _email(n: int) -> str:
    return f"demo-academy-{n + 1:02d}@example.org"


def _participants() -> list[User]:
    return demo_history.people([_email(n) for n in range(PARTICIPANTS)], offset=300)


def _titles() -> dict[tuple[str, int], Title]:
    wanted = set(HOME_TITLES) | {spec[3] for spec in EVENTS}
    return {
        (title.city.name, title.year): title
        for title in Title.objects.select_related("city")
        if (title.city.name, title.year) in wanted
    }


def _code(rng: Any, taken: set[str]) -> str:
    while True:
        code = "".join(rng.choice(ALPHABET) for _n in range(CODE_LENGTH))
        if code not in taken:
            taken.add(code)
            return code


def _index(rng: Any, taken: set[int]) -> int:
    while True:
        index = rng.randrange(STATUS_LIST_SIZE)
        if index not in taken:
            taken.add(index)
            return index


def _event(
    spec: tuple[str, str, str, tuple[str, int], str, int, int, list[str]],
    *,
    people: list[User],
    titles: dict[tuple[str, int], Title],
    homes: list[Title | None],
) -> int:
    slug, kind, name, host, form, days_ago, sessions, areas = spec
    rng = demo_history.generator(f"events:{slug}")
    zone = ZoneInfo(ZONE)
    day = timezone.localdate() - timedelta(days=days_ago)
    starts = datetime.combine(day, time(9 if kind != Kind.WEBINAR else 14), zone)
    length = 1 if kind == Kind.WEBINAR else 2 if kind == Kind.STUDY_VISIT else 3
    ends = datetime.combine(day + timedelta(days=length - 1), time(17), zone)
    event = Event.objects.create(
        slug=slug,
        kind=kind,
        title=name,
        summary="Peers from other title cities learn from the host city's team.",
        description=(
            "A past event of the demo: talks by the host city's team, "
            "discussion in small groups and a visit or a case study."
        ),
        host_title=titles.get(host),
        format=form,
        venue_name="" if form == Format.ONLINE else f"{host[0]} city hall",
        time_zone=ZONE,
        starts_at=starts,
        ends_at=ends,
        languages=["en"],
        capacity=16,
        applications_open_at=starts - timedelta(days=60),
        applications_close_at=starts - timedelta(days=21),
        visibility=Visibility.PUBLISHED,
    )
    event.capacity_areas.set(CapacityArea.objects.filter(code__in=areas))
    rows = []
    for n in range(sessions):
        begins = datetime.combine(
            day + timedelta(days=n * length // sessions),
            time(10 if n % 2 == 0 else 14),
            zone,
        )
        if kind == Kind.WEBINAR:
            begins = starts + timedelta(minutes=100 * n)
        rows.append(
            Session(
                event=event,
                title=f"{name.split(': ', 1)[-1]}, part {n + 1}",
                starts_at=begins,
                ends_at=begins + timedelta(minutes=90),
            )
        )
    Session.objects.bulk_create(rows)
    sessions_made = list(event.sessions.order_by("starts_at"))

    chosen = rng.sample(range(len(people)), rng.randint(14, 19))
    places = rng.randint(11, min(14, len(chosen)))
    applications = []
    for position, n in enumerate(chosen):
        person, home = people[n], homes[n]
        state = (
            ApplicationState.ACCEPTED
            if position < places
            else rng.choice([ApplicationState.WAITLISTED, ApplicationState.REJECTED])
        )
        decided = starts - timedelta(days=rng.randint(10, 18))
        applications.append(
            Application(
                event=event,
                applicant=person,
                name=person.display_name,
                title=home,
                organisation=(
                    f"{home.city.name} {home.year}" if home is not None else ""
                ),
                country=home.city.country_code if home is not None else "",
                role=rng.choice(
                    [ApplicantRole.DELIVERY_TEAM, ApplicantRole.CULTURAL_OPERATOR]
                ),
                languages=["en"],
                language=person.preferred_language or "en",
                state=state,
                submitted_at=starts - timedelta(days=rng.randint(25, 55)),
                waitlisted_at=decided if state == ApplicationState.WAITLISTED else None,
                decided_at=decided,
                decision_sent_at=decided + timedelta(hours=2),
            )
        )
    Application.objects.bulk_create(applications)

    accepted = [
        a.applicant
        for a in applications
        if a.state == ApplicationState.ACCEPTED and a.applicant is not None
    ]
    checkins = []
    attended: dict[int, int] = {}
    for person in accepted:
        keen = rng.random() < 0.9  # a few never came
        for session in sessions_made:
            if keen and rng.random() < 0.88:
                checkins.append(
                    Attendance(
                        session=session,
                        participant=person,
                        method=CheckInMethod.LIST,
                        checked_in_at=session.starts_at
                        + timedelta(minutes=rng.randint(-10, 15)),
                    )
                )
                attended[person.pk] = attended.get(person.pk, 0) + 1
    Attendance.objects.bulk_create(checkins)
    present = [p for p in accepted if p.pk in attended]

    _survey(event, present, rng)
    return _certificates(event, present, attended, len(sessions_made), rng)


def _survey(event: Event, present: list[User], rng: Any) -> None:
    survey = feedback.survey_for(event)
    invited = event.ends_at + timedelta(days=1)
    answering = {p.pk for p in present if rng.random() < 0.8}
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(
            survey=survey,
            participant=person,
            language=person.preferred_language or "en",
            invited_at=invited,
            reminded_at=invited + timedelta(days=survey.reminder_days),
            answered=person.pk in answering,
        )
        for person in present
    )
    questions = list(survey.questions.all())
    responses = [SurveyResponse(survey=survey) for _pk in answering]
    SurveyResponse.objects.bulk_create(responses)
    answers = []
    for response in responses:
        mood = rng.choice([3, 4, 4, 4, 5, 5])
        for question in questions:
            if question.kind == SurveyQuestionKind.SCALE:
                rating = max(1, min(5, mood + rng.choice([-1, 0, 0, 1])))
                answers.append(
                    SurveyAnswer(response=response, question=question, rating=rating)
                )
            elif question.kind == SurveyQuestionKind.CHOICE and question.choices:
                answers.append(
                    SurveyAnswer(
                        response=response,
                        question=question,
                        choice=question.choices[0 if mood >= 4 else 1],
                    )
                )
            elif question.session_id is None and (text := rng.choice(COMMENTS)):
                answers.append(
                    SurveyAnswer(response=response, question=question, text=text)
                )
    SurveyAnswer.objects.bulk_create(answers)
    survey.state = SurveyState.CLOSED
    survey.save(update_fields=["state"])
    SurveyHistory.objects.bulk_create(
        [
            SurveyHistory(
                survey=survey,
                action="open",
                from_state=SurveyState.DRAFT,
                to_state=SurveyState.OPEN,
                created_at=invited,
            ),
            SurveyHistory(
                survey=survey,
                action="close",
                from_state=SurveyState.OPEN,
                to_state=SurveyState.CLOSED,
                created_at=invited + timedelta(days=21),
            ),
        ]
    )


def _certificates(
    event: Event,
    present: list[User],
    attended: dict[int, int],
    total: int,
    rng: Any,
) -> int:
    """Signed certificates for those who came to enough sessions, issued
    two days after the event (as ``certify.issue_attendance_certificates``
    would have, on that day)."""
    needed = sessions_needed(total, event.attendance_percent)
    source_type = ContentType.objects.get_for_model(Event)
    codes = set(Certificate.objects.values_list("code", flat=True))
    indexes = set(Certificate.objects.values_list("status_index", flat=True))
    issued = (event.ends_at + timedelta(days=2)).replace(microsecond=0)
    certificates = []
    for person in present:
        if total == 0 or attended.get(person.pk, 0) < needed:
            continue
        language = person.preferred_language or "en"
        achievement = achievement_for(event, language)
        certificate = Certificate(
            uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
            code=_code(rng, codes),
            recipient=person,
            recipient_name=person.display_name,
            title=achievement.title,
            description=achievement.description,
            criteria=achievement.criteria,
            language=language,
            source_type=source_type,
            source_id=str(event.pk),
            issued_at=issued,
            status=Status.VALID,
            status_index=_index(rng, indexes),
        )
        certificate.credential_jwt = sign_credential(certificate)
        certificates.append(certificate)
    Certificate.objects.bulk_create(certificates)
    CertificateEvent.objects.bulk_create(
        CertificateEvent(
            certificate=certificate,
            action="issued",
            to_state=Status.VALID,
            created_at=issued,
        )
        for certificate in certificates
    )
    return len(certificates)


def load_demo(*, stdout: Any) -> int:
    titles = _titles()
    people = _participants()
    homes = [titles.get(HOME_TITLES[n % len(HOME_TITLES)]) for n in range(len(people))]
    made = certificates = 0
    for spec in EVENTS:
        if Event.objects.filter(slug=spec[0]).exists():
            continue
        with transaction.atomic():
            certificates += _event(spec, people=people, titles=titles, homes=homes)
        event = Event.objects.get(slug=spec[0])
        index_event(event)
        made += 1
    metrics.changed("events")
    metrics.changed("certificates")
    stdout.write(
        _("Academy history: %(events)d past events, %(certificates)d certificates.")
        % {"events": made, "certificates": certificates}
    )
    return made
