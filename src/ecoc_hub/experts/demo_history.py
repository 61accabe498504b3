"""The demo's past expert activity (the dashboard's applications per round,
match and completion rates and feedback on support): a call for experts of
the last fourteen months with three evaluation rounds, to which 36
fictional experts from across Europe applied (about two thirds accepted),
and four to seven support requests a month from the demo's city teams,
most matched with one of the accepted experts, the older ones completed
and rated by both sides.

Made in bulk through the models, once (the call is the marker), with a
generator seeded by a fixed name, so every run gives the same history.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import Membership, Organisation
from ecoc_hub.core import demo_history, metrics

from .enums import ApplicationState, Decision, Profile
from .models import (
    Application,
    Call,
    EvaluationRound,
    ExpertProfile,
    SupportAssignment,
    SupportFeedback,
    SupportRequest,
)
from .support_enums import AssignmentState, RequestState, Side, SupportFormat

CALL_SLUG = "demo-history-call-2025"
EXPERTS = 36
COUNTRIES = ["PT", "FR", "DE", "IT", "PL", "SE", "HR", "IE", "NL", "EE", "ES", "AT"]
#: Days before today of each round's cut-off.
CUTOFFS = (390, 250, 110)
NEEDS = [
    ("Audience survey design", "We need help to design our first audience survey."),
    ("Volunteer programme review", "Our volunteer programme needs a fresh look."),
    ("Monitoring framework", "We want indicators the monitoring panel can follow."),
    ("Legacy planning workshop", "A workshop with our board on what stays after."),
    ("International partnerships", "Advice on finding partners in other countries."),
    ("Fundraising strategy", "Help us plan sponsorship for the title year."),
    ("Accessible venues", "A review of our venues' accessibility."),
]
TEAM_COMMENTS = ["Clear, practical advice.", "Very helpful for our board.", ""]
EXPERT_COMMENTS = ["A motivated team, well prepared.", "Good cooperation.", ""]


def _email(n: int) -> str:
    return f"demo-history-expert-{n + 1:02d}@example.org"


def _experts() -> list[ExpertProfile]:
    people = demo_history.people([_email(n) for n in range(EXPERTS)], offset=100)
    have = set(ExpertProfile.objects.filter(user__in=people).values_list("user_id"))
    ExpertProfile.objects.bulk_create(
        ExpertProfile(
            user=person,
            full_name=person.display_name.removesuffix(" (demo)"),
            country=COUNTRIES[n % len(COUNTRIES)],
        )
        for n, person in enumerate(people)
        if (person.pk,) not in have
    )
    return list(ExpertProfile.objects.filter(user__in=people).order_by("user__email"))


def _call_and_rounds(today: Any) -> tuple[Call, list[EvaluationRound]]:
    opens = today - timedelta(days=demo_history.DAYS)
    call = Call.objects.create(
        title="Call for experts 2025 to 2026 (demo)",
        slug=CALL_SLUG,
        description=(
            "Experts to support the title cities of 2025 to 2030 in "
            "capacity building: evaluated in three rounds."
        ),
        opens_on=opens,
        closes_on=today - timedelta(days=CUTOFFS[-1]),
        is_published=True,
        languages=["en"],
    )
    rounds = [
        EvaluationRound.objects.create(
            call=call,
            number=number,
            cutoff_on=today - timedelta(days=days),
            decisions_sent_at=demo_history.moment(
                today - timedelta(days=days - 30), demo_history.generator(str(days))
            ),
        )
        for number, days in enumerate(CUTOFFS, start=1)
    ]
    return call, rounds


def _applications(
    call: Call, rounds: list[EvaluationRound], experts: list[ExpertProfile]
) -> list[Application]:
    rng = demo_history.generator("experts:applications")
    rows = []
    for n, expert in enumerate(experts):
        stage = rounds[n % len(rounds)]
        accepted = rng.random() < 0.65
        submitted = demo_history.moment(
            stage.cutoff_on - timedelta(days=rng.randint(3, 60)), rng
        )
        rows.append(
            Application(
                call=call,
                expert=expert,
                round=stage,
                state=ApplicationState.ACCEPTED
                if accepted
                else ApplicationState.REJECTED,
                decision=Decision.ACCEPT if accepted else Decision.REJECT,
                profiles=rng.sample(Profile.values, rng.randint(1, 2)),
                languages=["en", rng.choice(["fr", "de", "it", "es", "pl"])],
                countries=[expert.country],
                years_sector=rng.randint(5, 25),
                years_consultancy=rng.randint(1, 12),
                years_ecoc_team=rng.randint(0, 4),
                motivation="Years of work with cultural organisations and city teams.",
                declaration=True,
                created_at=submitted - timedelta(days=rng.randint(1, 10)),
                submitted_at=submitted,
            )
        )
    Application.objects.bulk_create(rows)
    return rows


def _teams() -> list[Organisation]:
    """The demo's title city teams: the accounts demo's and the ones of the
    self-assessment history (loaded before this one)."""
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.TITLE_TEAM, name__endswith="(demo)"
        ).order_by("name")
    )


def _support(
    teams: list[Organisation], pool: list[ExpertProfile]
) -> tuple[int, int, int]:
    rng = demo_history.generator("experts:support")
    now = timezone.now()
    writers = {
        m.organisation_id: m.user
        for m in Membership.objects.filter(
            organisation__in=teams, role=Membership.Role.ADMIN
        ).select_related("user")
    }
    requests: list[SupportRequest] = []
    for month in demo_history.months()[:-1]:
        for _n in range(rng.randint(4, 7)):
            team = rng.choice(teams)
            title, need = rng.choice(NEEDS)
            sent = demo_history.moment(month + timedelta(days=rng.randint(0, 25)), rng)
            if sent >= now:
                continue
            starts = sent.date() + timedelta(days=rng.randint(14, 40))
            requests.append(
                SupportRequest(
                    team=team,
                    created_by=writers.get(team.pk),
                    title=title,
                    description=need,
                    text_language="en",
                    profiles=[rng.choice(Profile.values)],
                    languages=["en"],
                    format=rng.choice(SupportFormat.values),
                    starts_on=starts,
                    ends_on=starts + timedelta(days=rng.randint(30, 90)),
                    state=RequestState.SUBMITTED,
                    created_at=sent - timedelta(days=rng.randint(1, 7)),
                    submitted_at=sent,
                )
            )
    SupportRequest.objects.bulk_create(requests)
    assignments: list[SupportAssignment] = []
    for request in requests:
        sent = request.submitted_at or now
        age = (now - sent).days
        chosen = rng.sample(pool, 2)
        if rng.random() < 0.25:
            # The first expert asked declined; the second one may agree.
            assignments.append(
                SupportAssignment(
                    request=request,
                    expert=chosen[0],
                    state=AssignmentState.DECLINED,
                    created_at=sent + timedelta(days=2),
                )
            )
        if rng.random() < 0.15:
            continue  # no expert found (yet)
        if age > 120:
            state = (
                AssignmentState.COMPLETED
                if rng.random() < 0.85
                else AssignmentState.CANCELLED
            )
        elif age > 40:
            state = AssignmentState.IN_PROGRESS
        else:
            state = rng.choice([AssignmentState.INVITED, AssignmentState.AGREED])
        assignments.append(
            SupportAssignment(
                request=request,
                expert=chosen[1],
                state=state,
                score=rng.randint(55, 95),
                created_at=sent + timedelta(days=rng.randint(3, 10)),
            )
        )
        if state in (AssignmentState.COMPLETED, AssignmentState.CANCELLED):
            request.state = RequestState.CLOSED
    SupportAssignment.objects.bulk_create(assignments)
    SupportRequest.objects.bulk_update(
        [r for r in requests if r.state == RequestState.CLOSED], ["state"]
    )
    feedback: list[SupportFeedback] = []
    for assignment in assignments:
        if assignment.state != AssignmentState.COMPLETED:
            continue
        request = assignment.request
        given = demo_history.moment(
            request.ends_on + timedelta(days=rng.randint(1, 14)), rng
        )
        given = min(given, now - timedelta(days=1))
        expert_user = assignment.expert.user if assignment.expert else None
        for side, author, comments in (
            (Side.TEAM, request.created_by, TEAM_COMMENTS),
            (Side.EXPERT, expert_user, EXPERT_COMMENTS),
        ):
            feedback.append(
                SupportFeedback(
                    assignment=assignment,
                    side=side,
                    author=author,
                    rating=rng.choice([3, 4, 4, 5, 5]),
                    comment=rng.choice(comments),
                    created_at=given,
                )
            )
    SupportFeedback.objects.bulk_create(feedback)
    return len(requests), len(assignments), len(feedback)


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    if Call.objects.filter(slug=CALL_SLUG).exists():
        stdout.write(_("Expert history: already loaded."))
        return 0
    today = timezone.localdate()
    experts = _experts()
    call, rounds = _call_and_rounds(today)
    applications = _applications(call, rounds, experts)
    pool = [a.expert for a in applications if a.state == ApplicationState.ACCEPTED]
    teams = _teams()
    requests = feedback = 0
    if teams and len(pool) >= 2:
        requests, _assignments, feedback = _support(teams, pool)
    metrics.changed("experts")
    stdout.write(
        _(
            "Expert history: %(applications)d applications in %(rounds)d rounds, "
            "%(requests)d support requests, %(feedback)d ratings."
        )
        % {
            "applications": len(applications),
            "rounds": len(rounds),
            "requests": requests,
            "feedback": feedback,
        }
    )
    return len(applications) + requests
