"""The offers the assessment's own layer can see: library resources and
toolkits, and peer cities (registered with ``cities.offers`` in
``AppConfig.ready()``, beside those of events, courses and experts)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Avg
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecoc_hub.cities.models import Title
from ecoc_hub.cities.offers import Offer, register
from ecoc_hub.library.enums import ResourceState, ResourceType
from ecoc_hub.library.queries import visible_resources

from .enums import STRONG_AT, AssessmentState
from .models import Answer

#: How directly a kind of library item helps a team close a gap (0 to 1).
RESOURCE_QUALITY: dict[str, float] = {
    ResourceType.TOOLKIT: 1.0,
    ResourceType.GUIDE: 0.9,
    ResourceType.CASE_STUDY: 0.7,
    ResourceType.EVALUATION: 0.6,
    ResourceType.MONITORING_REPORT: 0.5,
    ResourceType.SELECTION_REPORT: 0.5,
    ResourceType.RESEARCH_REPORT: 0.5,
    ResourceType.RECORDING: 0.4,
    ResourceType.PRESENTATION: 0.4,
    ResourceType.BID_BOOK: 0.4,
    ResourceType.OTHER: 0.3,
}
#: Read this many resources per area before ranking them.
SCAN = 40


def library_resources(*, area: Any, user: Any, limit: int) -> list[Offer]:
    resources = (
        visible_resources(user)
        .filter(state=ResourceState.PUBLISHED, capacity_areas=area)
        .prefetch_related("capacity_areas")
        .order_by("-publication_year", "-pk")[:SCAN]
    )
    found = []
    for resource in resources:
        kind = resource.get_resource_type_display()
        reason = _("%(type)s on %(area)s, in the library.") % {
            "type": kind,
            "area": area.display_name,
        }
        if resource.resource_type in {ResourceType.TOOLKIT, ResourceType.GUIDE}:
            reason = _("%(type)s to put into practice on %(area)s.") % {
                "type": kind,
                "area": area.display_name,
            }
        detail = kind
        if resource.publication_year:
            detail = f"{kind} · {resource.publication_year}"
        found.append(
            Offer(
                kind="resource",
                key=str(resource.uuid),
                title=resource.title,
                url=resource.get_absolute_url(),
                reason=reason,
                specificity=1 / max(1, len(resource.capacity_areas.all())),
                quality=RESOURCE_QUALITY.get(resource.resource_type, 0.3),
                detail=detail,
            )
        )
    return found


def _strong_titles(area: Any, before_year: int) -> dict[int, float]:
    """Past titles whose team's latest submitted assessment, offered as a
    peer, scored the area at least STRONG_AT: title id → score."""
    rows = (
        Answer.objects.filter(
            statement__area=area,
            assessment__state=AssessmentState.SUBMITTED,
            assessment__peer_visible=True,
            assessment__organisation__title__year__lt=before_year,
        )
        .values(
            "assessment_id",
            "assessment__submitted_at",
            "assessment__organisation__title_id",
        )
        .annotate(score=Avg("level"))
        .order_by("assessment__submitted_at", "assessment_id")
    )
    latest: dict[int, float] = {}
    for row in rows:  # later rows replace earlier ones: the latest wins
        latest[row["assessment__organisation__title_id"]] = float(row["score"])
    return {title: score for title, score in latest.items() if score >= STRONG_AT}


def peer_cities(*, area: Any, user: Any, limit: int) -> list[Offer]:
    year = timezone.localdate().year
    strong = _strong_titles(area, year)
    published: dict[int, int] = defaultdict(int)
    for title_id in (
        visible_resources(user)
        .filter(
            state=ResourceState.PUBLISHED,
            capacity_areas=area,
            titles__year__lt=year,
        )
        .values_list("titles", flat=True)
    ):
        published[title_id] += 1
    titles = Title.objects.filter(pk__in=set(strong) | set(published)).select_related(
        "city"
    )
    found = []
    for title in titles:
        if not title.is_public:
            continue
        score, count = strong.get(title.pk), published.get(title.pk, 0)
        parts = []
        if score is not None:
            parts.append(
                _("Its team rated itself strong here (%(score)s out of 5).")
                % {"score": number_format(score, 1)}
            )
        if count:
            parts.append(
                ngettext(
                    "The library holds %(count)d resource about it on %(area)s.",
                    "The library holds %(count)d resources about it on %(area)s.",
                    count,
                )
                % {"count": count, "area": area.display_name}
            )
        quality = 0.5 * min(1.0, count / 3)
        if score is not None:
            quality += 0.5 * (score - STRONG_AT + 1) / 2
        found.append(
            Offer(
                kind="peer",
                key=str(title.pk),
                title=str(title),
                url=title.get_absolute_url(),
                reason=" ".join(parts),
                specificity=1.0,
                quality=min(1.0, quality),
                detail=_("European Capital of Culture %(year)s") % {"year": title.year},
            )
        )
    found.sort(key=lambda offer: -offer.quality)
    return found[:limit]


def register_offers() -> None:
    register("resource", library_resources)
    register("peer", peer_cities)
