"""Reads reused by the library's pages: the permission rule as a queryset."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min, Q, QuerySet

from ecoc_hub.accounts.permissions import is_curator, is_member

from .models import Collection, Report, Resource


def visible_resources(user: Any) -> QuerySet[Resource]:
    """The SQL form of ``permissions.can_view_resource``."""
    queryset = Resource.objects.all()
    if is_curator(user):
        return queryset
    published = Q(state=Resource.State.PUBLISHED)
    if not is_member(user):
        return queryset.filter(published, access=Resource.Access.PUBLIC)
    audience = Q(access__in=[Resource.Access.PUBLIC, Resource.Access.MEMBERS]) | Q(
        access=Resource.Access.RESTRICTED,
        allowed_organisations__memberships__user=user,
    )
    own = Q(owner=user)
    ids = queryset.filter((published & audience) | own).values("pk")
    return queryset.filter(pk__in=ids)


def with_listing_related(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    return queryset.select_related("owner").prefetch_related("creators")


def my_contributions(user: Any) -> QuerySet[Resource]:
    return with_listing_related(
        Resource.objects.filter(owner=user).order_by("-updated_at")
    )


def moderation_queue() -> QuerySet[Resource]:
    return with_listing_related(
        Resource.objects.filter(state=Resource.State.SUBMITTED).order_by("submitted_at")
    )


def open_reports() -> QuerySet[Report]:
    return Report.objects.filter(resolved_at__isnull=True).select_related(
        "resource", "reporter"
    )


def collections_for_listing() -> QuerySet[Collection]:
    return (
        Collection.objects.filter(is_published=True)
        .annotate(item_count=Count("items"), first_item=Min("items__position"))
        .order_by("title")
    )
