from __future__ import annotations

from django.utils import timezone

from .models import Title


def home_titles() -> dict[str, object]:
    year = timezone.localdate().year
    public = Title.objects.select_related("city").exclude(status=Title.Status.UNVERIFIED)
    return {
        "current_year": year,
        "current_titles": list(public.filter(year=year)),
        "next_titles": list(public.filter(year__gt=year, year__lte=year + 4)),
    }
