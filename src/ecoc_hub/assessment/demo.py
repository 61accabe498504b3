"""Demo content: two city teams' self-assessments on the shipped framework.

The Oulu 2026 team (the demo member and the demo team admin) assessed
itself at the final selection and again before its second monitoring
meeting, so its result shows progress, and shared both with the demo
expert; the demo member can start a third one. The Trenčín 2026 team (two
fictional colleagues without a sign-in) assessed itself once, in its title
year. Every level is fixed below, so a second run changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import Membership, Organisation, User
from ecoc_hub.core import metrics

from . import services
from .framework import current_version, load_first_version
from .models import Assessment, Statement

OULU = "Oulu 2026 programme team (demo)"
TRENCIN = "Trenčín 2026 delivery team (demo)"
EXPERT_EMAIL = "demo-expert@example.org"
MEMBER_EMAIL = "demo-member@example.org"
TEAM_ADMIN_EMAIL = "demo-team-admin@example.org"
TRENCIN_PEOPLE = (
    ("demo-trencin-director@example.org", "Zora Director (demo)", "admin"),
    ("demo-trencin-producer@example.org", "Viktor Producer (demo)", "member"),
)

#: Levels per capacity area (one per statement, in order) for each run.
OULU_SELECTION = {
    "long-term-strategy": (3, 3, 2),
    "monitoring-evaluation": (2, 1, 1),
    "legacy": (1, 2, 1),
    "european-cooperation": (3, 2, 3),
    "european-narrative": (3, 3, 2),
    "international-audiences": (2, 2, 1),
    "artistic-programming": (4, 3, 3),
    "local-artists": (3, 3, 2),
    "digital": (2, 1, 1),
    "political-support": (4, 3, 3),
    "infrastructure": (2, 2, 2),
    "production": (2, 2, 3),
    "audience-development": (2, 2, 1),
    "community-development": (3, 3, 3),
    "education-youth": (3, 2, 2),
    "accessibility-inclusion": (2, 1, 2),
    "volunteering": (1, 1, 1),
    "governance": (3, 4, 3),
    "fundraising-budget": (3, 2, 2),
    "communication-marketing": (2, 3, 2),
    "project-management": (2, 2, 1),
    "legal-ipr": (2, 2, 3),
    "human-resources": (2, 2, 2),
}
#: What changed by the second monitoring meeting (the rest stayed).
OULU_MONITORING_CHANGES = {
    "monitoring-evaluation": (3, 3, 2),
    "legacy": (2, 2, 2),
    "digital": (3, 3, 2),
    "volunteering": (3, 2, 3),
    "audience-development": (3, 3, 2),
    "project-management": (3, 3, 3),
    "international-audiences": (3, 2, 2),
    "infrastructure": (3, 3, 2),
}
TRENCIN_TITLE_YEAR = {
    code: tuple(min(5, level + 1) for level in levels)
    for code, levels in OULU_SELECTION.items()
} | {"volunteering": (5, 4, 4), "digital": (2, 2, 1), "legacy": (2, 1, 2)}


def _person(email: str, name: str, team: Organisation, role: str) -> User:
    user, made = User.objects.get_or_create(
        email=email, defaults={"display_name": name}
    )
    if made:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        organisation=team, user=user, defaults={"role": role}
    )
    return user


def _run(
    *,
    team: Organisation,
    stage: str,
    levels: Mapping[str, tuple[int, ...]],
    answerers: list[User],
    admin: User,
    days_ago: int,
) -> Assessment:
    assessment = services.start_assessment(
        organisation=team, stage=stage, person=answerers[0]
    )
    statements = Statement.objects.filter(version=assessment.version).select_related(
        "area__criterion"
    )
    by_person: dict[int, list[services.AnswerChange]] = {}
    for statement in statements:
        level = levels[statement.area.code][statement.position % 3]
        # The members answer the parts they know: criteria A to C one, D to
        # F the other.
        who = 0 if statement.area.criterion.letter in "ABC" else 1
        by_person.setdefault(who, []).append(
            services.AnswerChange(
                statement=statement,
                level=level,
                evidence=_("Discussed at the team meeting.") if level >= 4 else "",
            )
        )
    for who, changes in by_person.items():
        services.save_answers(
            assessment=assessment, person=answerers[who], changes=changes
        )
    services.submit_assessment(assessment=assessment, person=admin)
    when = timezone.now() - timedelta(days=days_ago)
    # Demo history: the runs happened months apart.
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=when - timedelta(days=10), submitted_at=when
    )
    assessment.history.update(created_at=when)
    assessment.answers.update(answered_at=when - timedelta(days=3))
    metrics.changed("assessment")
    return assessment


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    load_first_version()
    made = 0
    version = current_version()
    oulu = Organisation.objects.filter(name=OULU).first()
    trencin = Organisation.objects.filter(name=TRENCIN).first()
    expert = User.objects.filter(email=EXPERT_EMAIL).first()
    if version is None or oulu is None or trencin is None:
        stdout.write(_("Self-assessments: the demo teams are missing."))
        return 0
    if not oulu.assessments.exists():
        member = oulu.memberships.filter(user__email=MEMBER_EMAIL).first()
        admin = oulu.memberships.filter(user__email=TEAM_ADMIN_EMAIL).first()
        if member is None or admin is None:
            stdout.write(_("Self-assessments: the demo team has no members."))
            return 0
        people = [member.user, admin.user]
        first = _run(
            team=oulu,
            stage="selection",
            levels=OULU_SELECTION,
            answerers=people,
            admin=admin.user,
            days_ago=400,
        )
        second = _run(
            team=oulu,
            stage="monitoring_2",
            levels=OULU_SELECTION | OULU_MONITORING_CHANGES,
            answerers=people,
            admin=admin.user,
            days_ago=30,
        )
        if expert is not None:
            for assessment in (first, second):
                services.share_assessment(
                    assessment=assessment,
                    experts=[expert],
                    peer_visible=False,
                    person=admin.user,
                )
        made += 2
    if not trencin.assessments.exists():
        people = [
            _person(email, name, trencin, role) for email, name, role in TRENCIN_PEOPLE
        ]
        _run(
            team=trencin,
            stage="title_year",
            levels=TRENCIN_TITLE_YEAR,
            answerers=people,
            admin=people[0],
            days_ago=60,
        )
        made += 1
    stdout.write(
        _("Self-assessments: %(created)d created, %(total)d in the demo.")
        % {"created": made, "total": 3}
    )
    return made
