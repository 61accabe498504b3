"""The site's URLs plus the bare view the dashboard benchmark compares with:
the same counts as the dashboard's largest figures (events held, applications,
views and downloads, plays, per month of the period), each one plain grouped
query, returned as JSON with no registry, cache, template, chart or gate."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.utils import timezone

from ecoc_hub.events.models import Application, Event
from ecoc_hub.library.models import DailyCount
from ecoc_hub.podcasts.models import DailyPlays


def _months(start: date, end: date) -> list[tuple[date, date]]:
    found = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        following = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        found.append((max(start, cursor), min(end, following - timedelta(days=1))))
        cursor = following
    return found


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def bare_counts(request: HttpRequest) -> JsonResponse:
    end = timezone.localdate()
    start = date(end.year - 1 + (end.month == 12), end.month % 12 + 1, 1)
    months = _months(start, end)

    def per_month(queryset, field: str, aggregate, dates: bool) -> list[int]:
        columns = {}
        for i, (first, last) in enumerate(months):
            if dates:
                within = Q(**{f"{field}__gte": first, f"{field}__lte": last})
            else:
                within = Q(
                    **{
                        f"{field}__gte": _aware(first),
                        f"{field}__lt": _aware(last + timedelta(days=1)),
                    }
                )
            columns[f"m{i}"] = aggregate(within)
        row = queryset.aggregate(**columns)
        return [row[f"m{i}"] or 0 for i in range(len(months))]

    return JsonResponse(
        {
            "events": per_month(
                Event.objects.all(),
                "starts_at",
                lambda q: Count("pk", filter=q),
                dates=False,
            ),
            "applications": per_month(
                Application.objects.all(),
                "submitted_at",
                lambda q: Count("pk", filter=q),
                dates=False,
            ),
            "downloads": per_month(
                DailyCount.objects.filter(day__gte=start, day__lte=end),
                "day",
                lambda q: Sum("downloads", filter=q),
                dates=True,
            ),
            "views": per_month(
                DailyCount.objects.filter(day__gte=start, day__lte=end),
                "day",
                lambda q: Sum("views", filter=q),
                dates=True,
            ),
            "plays": per_month(
                DailyPlays.objects.filter(day__gte=start, day__lte=end),
                "day",
                lambda q: Sum("plays", filter=q),
                dates=True,
            ),
        }
    )


urlpatterns = [
    path("bare/dashboard/", bare_counts),
    path("", include("ecoc_hub.urls")),
]
