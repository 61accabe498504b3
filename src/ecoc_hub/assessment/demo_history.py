"""The demo's past self-assessments (the dashboard's weakest areas by
stage): ten fictional city teams, each tied to a real title city of the
cities app, with one coordinator each, assessed themselves over the last
fourteen months. Five teams of the 2027 and 2028 titles did so before
their first and their second monitoring meetings, five teams of the 2024
and 2025 titles after their title year (the 2025 ones also in it), so that
two stages have five teams or more (the dashboard leaves out a stage with
fewer, so that no team's answers can be read back).

Made in bulk through the models, once per team (a team that has a
self-assessment is left alone), with the levels drawn from a generator
seeded by the team's name, so every run gives the same history.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import Membership, Organisation
from ecoc_hub.cities.models import Title
from ecoc_hub.core import demo_history, metrics

from .enums import AssessmentState, Stage
from .framework import current_version, load_first_version
from .models import Answer, Assessment, AssessmentEvent, Statement

#: (city, title year, team name, [(stage, between this many days ago and
#: this many), ...]).
TEAMS: list[tuple[str, int, str, list[tuple[str, int, int]]]] = [
    (
        "Évora",
        2027,
        "Évora 2027 programme office (demo)",
        [(Stage.MONITORING_1, 290, 350), (Stage.MONITORING_2, 30, 140)],
    ),
    (
        "Liepāja",
        2027,
        "Liepāja 2027 delivery team (demo)",
        [(Stage.MONITORING_1, 290, 350), (Stage.MONITORING_2, 30, 140)],
    ),
    (
        "Bourges",
        2028,
        "Bourges 2028 delivery team (demo)",
        [(Stage.MONITORING_1, 200, 300), (Stage.MONITORING_2, 20, 90)],
    ),
    (
        "České Budějovice",
        2028,
        "České Budějovice 2028 programme team (demo)",
        [(Stage.MONITORING_1, 200, 300), (Stage.MONITORING_2, 20, 90)],
    ),
    (
        "Skopje",
        2028,
        "Skopje 2028 delivery team (demo)",
        [(Stage.MONITORING_1, 180, 280), (Stage.MONITORING_2, 15, 60)],
    ),
    (
        "Tartu",
        2024,
        "Tartu 2024 legacy team (demo)",
        [(Stage.AFTER, 60, 250)],
    ),
    (
        "Bodø",
        2024,
        "Bodø 2024 legacy office (demo)",
        [(Stage.AFTER, 60, 250)],
    ),
    (
        "Bad Ischl",
        2024,
        "Bad Ischl 2024 legacy team (demo)",
        [(Stage.AFTER, 60, 250)],
    ),
    (
        "Chemnitz",
        2025,
        "Chemnitz 2025 evaluation team (demo)",
        [(Stage.TITLE_YEAR, 370, 420), (Stage.AFTER, 20, 200)],
    ),
    (
        "Nova Gorica",
        2025,
        "Nova Gorica 2025 delivery team (demo)",
        [(Stage.TITLE_YEAR, 370, 420), (Stage.AFTER, 20, 200)],
    ),
]


def coordinator_email(n: int) -> str:
    return f"demo-team-coordinator-{n + 1:02d}@example.org"


def teams() -> list[Organisation]:
    """The history's city teams, made where missing, each with its
    coordinator as the team's admin (the experts' history finds them by
    their "(demo)" names)."""
    from ecoc_hub.accounts.services import create_team

    found = []
    people = demo_history.people(
        [coordinator_email(n) for n in range(len(TEAMS))], offset=200
    )
    for (city, year, name, _stages), person in zip(TEAMS, people, strict=True):
        team = Organisation.objects.filter(name=name).first()
        if team is None:
            title = Title.objects.filter(city__name=city, year=year).first()
            if title is None:
                continue
            team = create_team(
                kind=Organisation.Kind.TITLE_TEAM,
                name=name,
                title=title,
                description="A fictional team of the demo's past activity.",
            )
        Membership.objects.get_or_create(
            organisation=team, user=person, defaults={"role": Membership.Role.ADMIN}
        )
        found.append(team)
    return found


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    load_first_version()
    version = current_version()
    if version is None:
        stdout.write(_("Self-assessment history: no framework version."))
        return 0
    statements = list(Statement.objects.filter(version=version).select_related("area"))
    now = timezone.now()
    by_name = {team.name: team for team in teams()}
    coordinators = {
        membership.organisation_id: membership.user
        for membership in Membership.objects.filter(
            organisation__in=list(by_name.values()),
            user__email__startswith="demo-team-coordinator-",
        ).select_related("user")
    }
    made: list[Assessment] = []
    levels: list[dict[int, int]] = []
    for _city, _year, name, stages in TEAMS:
        team = by_name.get(name)
        if team is None or team.assessments.exists():
            continue
        rng = demo_history.generator(f"assessment:{name}")
        # Where the team stands: a level per area, better at each later run.
        base = {s.area_id: rng.randint(1, 4) for s in statements}
        for step, (stage, nearest, farthest) in enumerate(stages):
            when = now - timedelta(days=rng.randint(nearest, farthest))
            assessment = Assessment(
                organisation=team,
                version=version,
                stage=stage,
                state=AssessmentState.SUBMITTED,
                started_by=coordinators.get(team.pk),
                submitted_at=when,
            )
            made.append(assessment)
            levels.append(
                {
                    s.pk: max(1, min(5, base[s.area_id] + step + rng.randint(-1, 1)))
                    for s in statements
                }
            )
    Assessment.objects.bulk_create(made)
    answers = []
    events = []
    for assessment, chosen in zip(made, levels, strict=True):
        submitted = assessment.submitted_at or now
        assessment.created_at = submitted - timedelta(days=12)
        person = coordinators.get(assessment.organisation_id)
        for statement in statements:
            answers.append(
                Answer(
                    assessment=assessment,
                    statement=statement,
                    level=chosen[statement.pk],
                    answered_by=person,
                    answered_at=submitted - timedelta(days=3),
                )
            )
        events.append(
            AssessmentEvent(
                assessment=assessment,
                action="submit",
                actor=person,
                from_state=AssessmentState.DRAFT,
                to_state=AssessmentState.SUBMITTED,
                created_at=submitted,
            )
        )
    # ``created_at`` is set on insert: the runs were started before.
    Assessment.objects.bulk_update(made, ["created_at"])
    Answer.objects.bulk_create(answers, batch_size=1000)
    AssessmentEvent.objects.bulk_create(events)
    metrics.changed("assessment")
    stdout.write(
        _(
            "Self-assessment history: %(count)d past self-assessments "
            "of %(teams)d teams."
        )
        % {"count": len(made), "teams": len({a.organisation_id for a in made})}
    )
    return len(made)
