"""The experts app's sections on directory pages (``cities.related``).

- A capacity area's page lists pool experts who work in it.
- A title's page lists the support its city team received: completed
  assignments of requests whose team agreed to show them
  (``SupportRequest.show_on_city_page``), with the expert's name.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ecoc_hub.cities.related import RelatedSection, register

from .pool_queries import sorted_by_name
from .search_index import public_entries
from .support_enums import AssignmentState
from .support_models import SupportAssignment

LIMIT = 8


def experts_for_capacity_area(*, obj: Any, user: Any) -> RelatedSection | None:
    entries = public_entries().filter(capacity_areas=obj).select_related("expert")
    found = sorted_by_name(entries.distinct(), now=timezone.now())
    if not found:
        return None
    return RelatedSection(
        heading=_("Experts of the pool"),
        template="experts/includes/related_experts.html",
        context={
            "entries": found[:LIMIT],
            "total": len(found),
            "list_url": f"{reverse('experts:pool')}?{urlencode({'area': obj.code})}",
        },
        order=50,
    )


def support_for_title(*, obj: Any, user: Any) -> RelatedSection | None:
    done = list(
        SupportAssignment.objects.filter(
            state=AssignmentState.COMPLETED,
            request__team__title=obj,
            request__show_on_city_page=True,
        )
        .select_related("request__team", "expert")
        .prefetch_related("request__capacity_areas")
        .order_by("-request__ends_on", "pk")
    )
    if not done:
        return None
    return RelatedSection(
        heading=_("Support from the expert pool"),
        template="experts/includes/related_support.html",
        context={"assignments": done},
        order=60,
    )


def register_sections() -> None:
    register("capacity_area", experts_for_capacity_area)
    register("title", support_for_title)
