# ruff: noqa: E501 - the demo texts read better unwrapped
"""Demo content: the programme's five Academy Camps and its webinar, and one
upcoming camp open for applications with about 80 fictional applicants.

The camps' themes, host cities, formats and dates are the public facts of
the original capacity-building programme (2019 to 2022); where the facts give
only a year or a span of months, the days are chosen inside it. Every person
is fictional. Running it again changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import User
from ecoc_hub.cities.models import CapacityArea, Title

from . import services
from .enums import ApplicantRole
from .feedback.demo import load_feedback_demo
from .models import Application, Event, Question, Session, Speaker
from .search_index import index_event

ORGANISER_EMAIL = "demo-organiser@example.org"
PARTICIPANT_EMAIL = "demo-participant@example.org"
UPCOMING_SLUG = "academy-camp-legacy-evaluation-2027"
#: A coming webinar, a live session of the demo cohort course (courses.demo).
COHORT_WEBINAR_SLUG = "webinar-digital-evaluation-demo"

SPEAKERS = [
    (
        "Ines Moreau",
        "Audience researcher",
        "Ines has evaluated audience programmes for three title years and teaches mixed-method evaluation.",
    ),
    (
        "Jonas Berger",
        "Digital strategist",
        "Jonas builds online communities for cultural organisations and ran the digital programme of a title city.",
    ),
    (
        "Katalin Horváth",
        "International relations coordinator",
        "Katalin brokers partnerships between cultural operators across the Danube region.",
    ),
    (
        "Radu Ionescu",
        "Community artist",
        "Radu works with neighbourhoods on participatory art projects.",
    ),
    (
        "Elena Papadaki",
        "Programme manager",
        "Elena managed the artistic programme of a title year from bid to legacy.",
    ),
    (
        "Mikko Virtanen",
        "Moderator",
        "Mikko hosts public talks on culture-led urban development.",
    ),
]


def _at(zone: str, *parts: int) -> datetime:
    year, month, day, hour, minute = (*parts, 0, 0)[:5]
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def _title(city: str, year: int) -> Title | None:
    return Title.objects.filter(city__name=city, year=year).first()


def _areas(*codes: str) -> list[CapacityArea]:
    return list(CapacityArea.objects.filter(code__in=codes))


CAMPS: list[dict[str, Any]] = [
    {
        "slug": "academy-camp-1-audience-development",
        "title": "Academy Camp 1: Audience development",
        "summary": "Eight online sessions of theory and practice, hosted by Elefsina 2023.",
        "host": ("Elefsina", 2023),
        "areas": ["audience-development"],
        "format": "online",
        "zone": "Europe/Athens",
        "start": (2021, 3, 3, 10, 0),
        "end": (2021, 4, 21, 13, 0),
    },
    {
        "slug": "academy-camp-2-digital-approaches",
        "title": "Academy Camp 2: Digital approaches",
        "summary": "Six online sessions from May to October 2021, hosted by Chemnitz 2025.",
        "host": ("Chemnitz", 2025),
        "areas": ["digital", "communication-marketing"],
        "format": "online",
        "zone": "Europe/Berlin",
        "start": (2021, 5, 19, 10, 0),
        "end": (2021, 10, 13, 12, 30),
    },
    {
        "slug": "academy-camp-3-european-cooperation",
        "title": "Academy Camp 3: European and international cooperation",
        "summary": "Three hybrid days on partnerships, communication and financing, hosted by Veszprém-Balaton 2023.",
        "host": ("Veszprém", 2023),
        "areas": ["european-cooperation", "fundraising-budget"],
        "format": "hybrid",
        "zone": "Europe/Budapest",
        "start": (2021, 11, 24, 9, 0),
        "end": (2021, 11, 26, 17, 0),
        "venue": "Veszprém, Hungary",
    },
    {
        "slug": "academy-camp-4-community-development",
        "title": "Academy Camp 4: Community development through creative action",
        "summary": "Three days on site in Timișoara, hosted by Timișoara 2023.",
        "host": ("Timișoara", 2023),
        "areas": ["community-development"],
        "format": "on_site",
        "zone": "Europe/Bucharest",
        "start": (2022, 3, 2, 9, 0),
        "end": (2022, 3, 4, 17, 0),
        "venue": "Timișoara, Romania",
    },
    {
        "slug": "academy-camp-5-synthesis",
        "title": "Academy Camp 5: Synthesis for all ECoCs",
        "summary": "Two online days drawing the camps together, adding governance, project management, narrative and legacy.",
        "host": None,
        "areas": ["governance", "project-management", "european-narrative", "legacy"],
        "format": "online",
        "zone": "Europe/Brussels",
        "start": (2022, 5, 12, 9, 30),
        "end": (2022, 5, 13, 16, 0),
    },
]

CAMP_2_SESSIONS = [
    ("Digital evaluation", (2021, 5, 19), 0),
    ("Building digital communities, part 1", (2021, 6, 16), 1),
    ("Building digital communities, part 2", (2021, 7, 14), 1),
    ("Digital communications", (2021, 8, 25), 1),
    ("Digital and hybrid artistic programming", (2021, 9, 15), 4),
    ("Digital tools for project management", (2021, 10, 13), 4),
]

WEBINAR_PARTS = [
    (
        "Lessons learnt and future outlooks, part 1: audience development",
        (2022, 6, 8),
        0,
    ),
    (
        "Lessons learnt and future outlooks, part 2: the European and international dimension",
        (2022, 6, 15),
        2,
    ),
    (
        "Lessons learnt and future outlooks, part 3: community development",
        (2022, 6, 22),
        3,
    ),
    ("Lessons learnt and future outlooks, part 4: digital", (2022, 6, 29), 1),
]

FIRST = ["Ana", "Bruno", "Chiara", "Dmitri", "Eva", "Filip", "Greta", "Hugo", "Irina", "Jan",
         "Klara", "Luca", "Marta", "Nils", "Olga", "Pavel", "Rita", "Sven", "Tereza", "Viktor"]  # fmt: skip
LAST = [
    "Almeida",
    "Berzina",
    "Costa",
    "Dvořák",
    "Eriksen",
    "Fischer",
    "Gomes",
    "Horvat",
]


def _speakers() -> list[Speaker]:
    result = []
    for name, affiliation, bio in SPEAKERS:
        slug = name.lower().replace(" ", "-").replace("á", "a")
        speaker, _created = Speaker.objects.get_or_create(
            slug=f"demo-{slug}",
            defaults={"name": f"{name} (demo)", "affiliation": affiliation, "bio": bio},
        )
        result.append(speaker)
    return result


def _event(data: dict[str, Any], **extra: Any) -> tuple[Event, bool]:
    existing = Event.objects.filter(slug=data["slug"]).first()
    if existing is not None:
        return existing, False
    zone = data["zone"]
    host = _title(*data["host"]) if data.get("host") else None
    event = Event.objects.create(
        slug=data["slug"],
        kind=data.get("kind", Event.Kind.ACADEMY_CAMP),
        title=data["title"],
        summary=data["summary"],
        description=data.get(
            "description",
            "Peers from other title cities join the host city's team. "
            "Each camp is followed by a **webinar** and a **podcast season**.",
        ),
        host_title=host,
        format=data["format"],
        venue_name=data.get("venue", ""),
        time_zone=zone,
        starts_at=_at(zone, *data["start"]),
        ends_at=_at(zone, *data["end"]),
        languages=["en"],
        visibility=Event.Visibility.PUBLISHED,
        **extra,
    )
    event.capacity_areas.set(_areas(*data["areas"]))
    return event, True


def _sessions(event: Event, rows, speakers, *, hour: int, minutes: int) -> None:
    zone = event.time_zone
    for title, day, speaker in rows:
        start = _at(zone, *day, hour, 0)
        session = Session.objects.create(
            event=event, title=title, starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
        )  # fmt: skip
        session.speakers.set([speakers[speaker], speakers[5]])


def _person(email: str, name: str, *, language: str = "en") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        from allauth.account.models import EmailAddress

        user = User(email=email, display_name=name, preferred_language=language)
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def _camper(n: int) -> User:
    """One of camp 2's fictional participants (they answer its survey)."""
    name = f"{FIRST[(n + 5) % len(FIRST)]} {LAST[(n + 3) % len(LAST)]} (demo)"
    return _person(
        f"demo-camp2-{n + 1:02d}@example.org", name, language=["en", "fr", "de"][n % 3]
    )


def _upcoming(speakers: list[Speaker], organiser: User, participant: User) -> Event:
    now = timezone.now()
    zone = "Europe/Riga"
    start = timezone.localtime(now + timedelta(days=90), ZoneInfo(zone)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    event, created = _event(
        {
            "slug": UPCOMING_SLUG,
            "title": "Academy Camp: Legacy and evaluation (demo)",
            "summary": "Three hybrid days for the teams of 2027 and 2028 on planning legacy and evaluation from the start.",
            "host": ("Liepāja", 2027),
            "areas": ["legacy", "monitoring-evaluation"],
            "format": "hybrid",
            "zone": zone,
            "start": (start.year, start.month, start.day, 9, 0),
            "end": (start.year, start.month, start.day + 0, 17, 0),
            "venue": "Liepāja, Latvia",
            "description": "A fictional camp to try selection: 80 applicants, 30 places.",
        },
        capacity=30,
        online_url="https://meet.example.org/demo-camp",
        venue_address="Demo venue\nLiepāja, Latvia",
        venue_accessibility="Step-free entrance, hearing loop in the main hall.",
        interpretation="English, with interpretation into Latvian",
        applications_open_at=now - timedelta(days=7),
        applications_close_at=now + timedelta(days=60),
        follow_up_deadline=now + timedelta(days=75),
    )
    if not created:
        return event
    event.ends_at = event.starts_at + timedelta(days=2, hours=8)
    event.save(update_fields=["ends_at"])
    event.organisers.set([organiser])
    for day in range(3):
        for slot, (title, speaker) in enumerate(
            [("Legacy from the bid onwards", 4), ("Evaluation frameworks", 0)]
        ):
            begins = event.starts_at + timedelta(days=day, hours=slot * 4)
            session = Session.objects.create(
                event=event,
                title=f"{title}, day {day + 1}",
                starts_at=begins,
                ends_at=begins + timedelta(hours=3),
                room="Main hall" if slot == 0 else "Workshop room",
            )
            session.speakers.set([speakers[speaker]])
    motivation = Question.objects.create(
        event=event, kind="long_text", label="What would you like to take home?",
        required=True, position=1,
    )  # fmt: skip
    first = Question.objects.create(
        event=event, kind="yes_no", label="Is this your first Academy Camp?", position=2
    )
    roles = list(ApplicantRole.values)
    titles = list(
        Title.objects.filter(year__in=[2026, 2027, 2028]).select_related("city")
    )
    applications: list[Application] = []
    users: dict[int, User] = {}
    for n in range(79):
        name = f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}"
        language = ["en", "fr", "de"][n % 3]
        user = _person(f"demo-applicant-{n + 1:02d}@example.org", f"{name} (demo)",
                       language=language)  # fmt: skip
        applicant_title = titles[n % len(titles)] if titles and n % 4 else None
        applications.append(
            services.create_application(
                event=event, applicant=user, name=f"{name} (demo)",
                title=applicant_title,
                organisation="" if applicant_title else "Demo Cultural Foundation",
                country="" if applicant_title else "BE", role=roles[n % len(roles)],
                languages=["en", language], language=language,
                answers={motivation.pk: "Tools to plan legacy with the city.",
                         first.pk: n % 2 == 0},
            )
        )  # fmt: skip
        users[applications[-1].pk] = user
    # The participant applies too: 80 in all.
    mine = services.create_application(
        event=event, applicant=participant, name="Petra Participant (demo)",
        title=titles[0] if titles else None, organisation="Demo team",
        role=ApplicantRole.DELIVERY_TEAM, languages=["en", "de"], language="en",
        answers={motivation.pk: "A plan for our evaluation.", first.pk: True},
    )  # fmt: skip
    for application in applications[:7]:
        services.decide(application=application, action="accept", actor=None)
    services.decide(application=mine, action="waitlist", actor=None)
    for application in applications[7:11]:
        services.decide(application=application, action="waitlist", actor=None)
    for application in applications[11:16]:
        services.decide(application=application, action="reject", actor=None)
    for application in applications[16:20]:
        services.withdraw_application(
            application=application, user=users[application.pk]
        )
    # Full for a moment: an accepted person withdraws and the first on the
    # waiting list (the demo participant) is offered the place.
    event.capacity = 7
    event.save(update_fields=["capacity"])
    withdrawing = applications[0]
    services.withdraw_application(application=withdrawing, user=users[withdrawing.pk])
    event.capacity = 30
    event.save(update_fields=["capacity"])
    return event


def _cohort_webinar(speakers: list[Speaker]) -> Event:
    """An online webinar three weeks ahead, open registration, one session."""
    zone = "Europe/Brussels"
    day = timezone.localtime(timezone.now() + timedelta(days=21), ZoneInfo(zone))
    webinar, created = _event(
        {
            "slug": COHORT_WEBINAR_SLUG,
            "kind": Event.Kind.WEBINAR,
            "title": "Webinar: Digital evaluation in practice (demo)",
            "summary": "A live session of the course Digital approaches for title cities.",
            "areas": ["digital", "monitoring-evaluation"],
            "format": "online",
            "zone": zone,
            "start": (day.year, day.month, day.day, 14, 0),
            "end": (day.year, day.month, day.day, 15, 30),
            "description": "Bring a question about your city's data: two evaluators answer.",
        },
        registration_mode=Event.RegistrationMode.OPEN,
        online_url="https://meet.example.org/demo-webinar",
    )  # fmt: skip
    if created:
        session = Session.objects.create(
            event=webinar, title=webinar.title,
            starts_at=webinar.starts_at, ends_at=webinar.ends_at,
        )  # fmt: skip
        session.speakers.set([speakers[0]])
    index_event(webinar)
    return webinar


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    speakers = _speakers()
    created = 0
    for data in CAMPS:
        event, made = _event(data)
        created += made
        if made and data["slug"] == "academy-camp-2-digital-approaches":
            _sessions(event, CAMP_2_SESSIONS, speakers, hour=10, minutes=150)
        index_event(event)
    webinar, made = _event(
        {
            "slug": "webinar-lessons-learnt-and-future-outlooks",
            "kind": Event.Kind.WEBINAR,
            "title": "Webinar: Lessons learnt and future outlooks",
            "summary": "Four parts, each with a moderator, a keynote and ECoC practitioners.",
            "areas": ["audience-development", "european-cooperation",
                      "community-development", "digital"],
            "format": "online",
            "zone": "Europe/Brussels",
            "start": (2022, 6, 8, 14, 0),
            "end": (2022, 6, 29, 15, 30),
        },
        registration_mode=Event.RegistrationMode.OPEN,
    )  # fmt: skip
    created += made
    if made:
        _sessions(webinar, WEBINAR_PARTS, speakers, hour=14, minutes=90)
    index_event(webinar)
    organiser = _person(ORGANISER_EMAIL, "Olga Organiser (demo)")
    participant = _person(PARTICIPANT_EMAIL, "Petra Participant (demo)")
    upcoming = _upcoming(speakers, organiser, participant)
    load_feedback_demo(organiser=organiser, participant=participant, people=_camper)
    _cohort_webinar(speakers)
    index_event(upcoming)
    stdout.write(
        _("Academy: %(created)d events created, %(applications)d applications.")
        % {"created": created + 0, "applications": upcoming.applications.count()}
    )
    return created
