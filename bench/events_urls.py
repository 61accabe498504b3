"""The site's URLs plus the bare views the events benchmark compares with:
plain Django views returning the same rows as JSON, with no templates, forms,
permission gate or workflow."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from ecoc_hub.events.models import Application, CalendarFeed, Session
from ecoc_hub.events.views.selection import SELECTION_PAGE_SIZE


def bare_selection(request: HttpRequest, slug: str) -> JsonResponse:
    rows = (
        Application.objects.filter(event__slug=slug)
        .order_by("submitted_at", "pk")
        .values(
            "pk",
            "name",
            "organisation",
            "country",
            "role",
            "state",
            "draft_decision",
            "title__city__name",
            "title__year",
            "submitted_at",
        )
    )
    # The same rows as the page: its first page of the table.
    return JsonResponse(list(rows[:SELECTION_PAGE_SIZE]), safe=False)


def bare_bulk(request: HttpRequest, slug: str) -> JsonResponse:
    changed = Application.objects.filter(
        event__slug=slug, pk__in=request.POST.getlist("selected")
    ).update(draft_decision=request.POST["decision"])
    return JsonResponse({"changed": changed})


def bare_feed(request: HttpRequest, token: str) -> JsonResponse:
    feed = CalendarFeed.objects.get(token=token)
    rows = (
        Session.objects.filter(
            event__applications__applicant=feed.user_id,
            event__applications__state="accepted",
        )
        .order_by("starts_at")
        .values("uuid", "title", "starts_at", "ends_at", "room", "event__title")
    )
    return JsonResponse(list(rows), safe=False)


urlpatterns = [
    path("bare/selection/<slug:slug>/", bare_selection),
    path("bare/bulk/<slug:slug>/", bare_bulk),
    path("bare/feed/<str:token>/", bare_feed),
    path("", include("ecoc_hub.urls")),
]
