"""Demo content of the experts app. Idempotent: a second run changes nothing.

- A closed call with four rounds whose totals follow the original
  programme's in proportion (246 → 95, 174 → 82, 126 → 66, 89 → 39),
  scaled down by ten: 25 → 10, 17 → 8, 13 → 7, 9 → 4 fictional applicants,
  reviewed by a five-member panel, ranked and decided.
- A call open now, with drafts and submitted applications, some assigned to
  the demo reviewer and waiting for their review.
- Demo sign-ins (``accounts.demo``): the call manager, a reviewer on both
  panels, and an expert accepted in the first round.
- The pool's profiles and calendars, and the demo team's support requests
  (``pool_demo``).

Every person is fictional.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ecoc_hub.accounts import roles
from ecoc_hub.accounts.demo import DEMO_PEOPLE
from ecoc_hub.accounts.models import User
from ecoc_hub.core import metrics
from ecoc_hub.core.pdf import build_pdf
from ecoc_hub.core.workflow import transition

from . import review, services
from .enums import Profile
from .models import Application, Call
from .pool_demo import load_pool_demo

CLOSED = "experts-2020-2022-demo"
OPEN = "experts-2026-2028-demo"
#: (submitted, accepted) per round: the real totals divided by ten.
ROUNDS = [(25, 10), (17, 8), (13, 7), (9, 4)]
CUTOFFS = [
    dt.date(2020, 9, 15),
    dt.date(2021, 2, 15),
    dt.date(2021, 10, 15),
    dt.date(2022, 4, 15),
]
FIRST = [
    "Ana", "Bruno", "Chiara", "Dalia", "Emil", "Freya", "Goran", "Hanna", "Ilias",
    "Jana", "Kasper", "Lea", "Marek", "Nora", "Oskar", "Petra", "Quentin", "Rasa",
    "Sven", "Tereza", "Uros", "Vera", "Wim", "Xenia", "Yannis", "Zofia",
]  # fmt: skip
LAST = [
    "Albescu", "Berzins", "Costa", "Dimitrova", "Eriksen", "Ferrante", "Grabowski",
    "Horvath", "Ilves", "Jansen", "Kovac", "Lindqvist", "Moreau", "Novak",
]  # fmt: skip
COUNTRIES = ["RO", "LV", "PT", "BG", "DK", "IT", "PL", "HU", "EE", "NL", "SI", "SE"]
LANGS = ["ro", "lv", "pt", "bg", "da", "it", "pl", "hu", "et", "nl", "sl", "sv"]
PROFILES = [
    Profile.MANAGEMENT,
    Profile.AUDIENCE,
    Profile.COMMUNITY,
    Profile.DIGITAL,
    Profile.EVALUATION,
]
PANEL = [
    ("demo-panel-1@example.org", "Helga Panel (demo)"),
    ("demo-panel-2@example.org", "Ines Panel (demo)"),
    ("demo-panel-3@example.org", "Jorge Panel (demo)"),
    ("demo-panel-4@example.org", "Katrin Panel (demo)"),
]


def _person(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, display_name=name)
        user.set_unusable_password()
        user.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def _demo(key: str) -> User:
    person = next(p for p in DEMO_PEOPLE if p.key == key)
    return User.objects.get(email=person.email)


def _cv() -> tuple[io.BytesIO, str]:
    text = (
        "Curriculum vitae (demo). Fifteen years of cultural projects across "
        "Europe: festival production, audience research and community work."
    )
    return io.BytesIO(build_pdf([text], title="CV")), "cv.pdf"


def _fill(application: Application, i: int, *, name: str) -> None:
    services.save_draft(
        application=application,
        full_name=name,
        country=COUNTRIES[i % len(COUNTRIES)],
        values={
            "profiles": [PROFILES[i % len(PROFILES)]],
            "languages": [
                {"code": "en", "level": "C1" if i % 3 else "C2"},
                {"code": LANGS[i % len(LANGS)], "level": "C2"},
            ],
            "countries": sorted({COUNTRIES[i % 12], COUNTRIES[(i + 5) % 12]}),
            "years_sector": 5 + i % 15,
            "years_consultancy": 1 + i % 6,
            "years_ecoc_team": i % 3,
            "motivation": (
                "I have worked with cultural organisations and city teams on "
                "participation, programming and evaluation."
            ),
            "references": "Two former employers, contact details on request.",
            "availability": "Two to four days a month, remote or on site.",
            "declaration": True,
        },
        capacity_areas=[],
        experience=[],
        cv=_cv(),
    )


def _new_call(slug: str, title: str, opens: dt.date, closes: dt.date) -> Call:
    call = Call.objects.create(
        slug=slug,
        title=title,
        description=(
            "A call for experts who help the teams of European Capitals of "
            "Culture and candidate cities. Being listed in the pool is not a "
            "contract: each city decides whom it works with."
        ),
        opens_on=opens,
        closes_on=closes,
        is_published=True,
        languages=["en", "fr", "de"],
        reviewers_per_application=2,
    )
    services.offer_profiles(call=call, profiles=PROFILES)
    with translation.override("en"):
        services.add_default_categories(call=call)
    return call


def _panel(call: Call) -> list[User]:
    people = [_person(email, name) for email, name in PANEL] + [_demo("reviewer")]
    for i, person in enumerate(people):
        scopes = {PROFILES[i % 5], PROFILES[(i + 1) % 5], PROFILES[(i + 2) % 5]}
        review.add_reviewer(call=call, user=person, profiles=sorted(scopes))
    call.managers.add(_demo("call_manager"))
    return people


def _score_all(call: Call, quality: dict[int, int]) -> None:
    categories = list(call.score_categories.all())
    for item in review.Review.objects.filter(application__call=call).select_related(
        "application__call", "reviewer"
    ):
        if item.reviewer is None:
            continue
        base = quality[item.application_id]
        wobble = (item.pk * 7) % 3 - 1
        scores = {
            c.pk: max(1, min(5, base + wobble + (j % 2)))
            for j, c in enumerate(categories)
        }
        review.submit_review(
            review=item,
            reviewer=item.reviewer,
            scores=scores,
            recommendation="accept"
            if base >= 4
            else "reject"
            if base <= 2
            else "unsure",
            comment="Relevant experience for the profile.",
        )


def _closed_call() -> None:
    call = _new_call(
        CLOSED,
        "Call for experts 2020 to 2022 (demo)",
        dt.date(2020, 6, 1),
        timezone.localdate() + dt.timedelta(days=1),
    )
    for number, cutoff in enumerate(CUTOFFS, start=1):
        call.rounds.create(number=number, cutoff_on=cutoff)
    _panel(call)
    manager = _demo("call_manager")
    expert = _demo("expert")
    index = 0
    quality: dict[int, int] = {}
    by_round: dict[int, list[Application]] = {}
    for number, (total, accepted) in enumerate(ROUNDS, start=1):
        for k in range(total):
            if number == 1 and k == 0:
                user = expert
                name = expert.display_name.replace(" (demo)", "")
            else:
                name = f"{FIRST[index % 26]} {LAST[(index * 5) % 14]}"
                user = _person(f"demo-applicant-{index}@example.org", f"{name} (demo)")
            application = services.start_application(user=user, call=call)
            _fill(application, index, name=name)
            transition(application, "submit", actor=None)
            application.round = call.rounds.get(number=number)
            application.submitted_at = timezone.make_aware(
                dt.datetime.combine(
                    CUTOFFS[number - 1] - dt.timedelta(days=20 - k % 20), dt.time(10)
                )
            )
            application.save(update_fields=["round", "submitted_at"])
            # The first ``accepted`` of each round are the stronger ones.
            quality[application.pk] = 4 + k % 2 if k < accepted else 2 + k % 2
            by_round.setdefault(number, []).append(application)
            index += 1
    proposal = review.propose_for(call)
    review.confirm_proposal(
        call=call, manager=manager, fingerprint=proposal.fingerprint()
    )
    _score_all(call, quality)
    for number, (_total, accepted) in enumerate(ROUNDS, start=1):
        ranked = sorted(by_round[number], key=lambda a: -quality[a.pk])
        for position, application in enumerate(ranked):
            application.refresh_from_db()
            review.draft_decision(
                application=application,
                decision="accept" if position < accepted else "reject",
            )
        round_ = call.rounds.get(number=number)
        review.send_decisions(round=round_, manager=manager, notify=False)
    Call.objects.filter(pk=call.pk).update(closes_on=dt.date(2022, 3, 31))
    metrics.changed("experts")


def _open_call() -> None:
    today = timezone.localdate()
    call = _new_call(
        OPEN,
        "Call for experts 2026 to 2028 (demo)",
        today - dt.timedelta(days=45),
        today + dt.timedelta(days=400),
    )
    call.rounds.create(number=1, cutoff_on=today + dt.timedelta(days=30))
    call.rounds.create(number=2, cutoff_on=today + dt.timedelta(days=210))
    _panel(call)
    manager = _demo("call_manager")
    for i in range(8):
        name = f"{FIRST[(i * 3 + 1) % 26]} {LAST[(i * 3) % 14]}"
        user = _person(f"demo-open-{i}@example.org", f"{name} (demo)")
        application = services.start_application(user=user, call=call)
        _fill(application, 100 + i, name=name)
        if i >= 3:
            transition(application, "submit", actor=user)
    proposal = review.propose_for(call)
    review.confirm_proposal(
        call=call, manager=manager, fingerprint=proposal.fingerprint()
    )


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    made = 0
    if not Call.objects.filter(slug=CLOSED).exists():
        _closed_call()
        made += 1
    if not Call.objects.filter(slug=OPEN).exists():
        _open_call()
        made += 1
    expert = _demo("expert")
    expert.groups.add(Group.objects.get(name=roles.EXPERT))
    stdout.write(
        _("Demo calls for experts: %(created)d created, %(total)d in the demo.")
        % {"created": made, "total": 2}
    )
    profiles, assignments = load_pool_demo()
    stdout.write(
        _(
            "Demo expert pool: %(profiles)d profiles filled in, "
            "%(assignments)d support assignments made."
        )
        % {"profiles": profiles, "assignments": assignments}
    )
    return made
