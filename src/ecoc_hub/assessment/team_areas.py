"""The assessment's answer to ``accounts.team_areas``: a team's strong and
weak areas from its latest submitted self-assessment."""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.team_areas import TeamAreas

from .enums import STRONG_AT, AssessmentState
from .models import Assessment
from .profile import build_profile


def latest_areas(team: Any, *, shared_only: bool) -> TeamAreas | None:
    assessments = Assessment.objects.filter(
        organisation=team, state=AssessmentState.SUBMITTED
    )
    if shared_only:
        assessments = assessments.filter(peer_visible=True)
    latest = assessments.order_by("-submitted_at", "-pk").first()
    if latest is None:
        return None
    profile = build_profile(latest)
    scored = profile.weakest()
    strong = [
        a for a in reversed(scored) if a.score is not None and a.score >= STRONG_AT
    ]
    return TeamAreas(
        strong=tuple(a.area.code for a in strong),
        weak=tuple(a.area.code for a in profile.weak()),
    )
