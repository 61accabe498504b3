from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ecoc_hub.core.permissions import get_for_user

from . import permissions, related
from .forms import DirectoryFilterForm
from .models import CapacityArea, City, Criterion, Title
from .queries import (
    capacity_area_counts,
    capacity_area_search_url,
    city_titles,
    directory,
    home_titles,
    visible_titles,
)


def _is_htmx_swap(request: HttpRequest) -> bool:
    # A history restore wants the whole page, not the fragment.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The site's first page: the titles of the moment and the capacity areas
    (the page itself is ``core/home.html``, with the base layout)."""
    counts = capacity_area_counts(user=request.user)
    context = {
        **home_titles(),
        # Every capacity area with how many things it holds, so "the capacity
        # areas that organise everything" lead somewhere from the first page.
        "capacity_areas": [
            (area, counts.get(area.code, 0))
            for area in CapacityArea.objects.select_related("criterion")
        ],
    }
    return render(request, "core/home.html", context)


@require_GET
def title_list(request: HttpRequest) -> HttpResponse:
    show_unverified = permissions.can_see_unverified_titles(request.user)
    form = DirectoryFilterForm(request.GET or None, show_unverified=show_unverified)
    groups = directory(user=request.user, filters=form.filters())
    context = {
        "form": form,
        "year_groups": groups,
        "result_count": sum(len(group.titles) for group in groups),
        "show_unverified": show_unverified,
        "status_choices": [
            choice
            for choice in Title.Status.choices
            if show_unverified or choice[0] != Title.Status.UNVERIFIED
        ],
        "breadcrumbs": [(_("Cities"), reverse("cities:list"))],
    }
    context["is_htmx_swap"] = _is_htmx_swap(request)
    template = "cities/title_list.html"
    if context["is_htmx_swap"]:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _get_city_for_user(request: HttpRequest, slug: str) -> tuple[City, list[Title]]:
    city = get_for_user(
        City.objects.prefetch_related("titles"),
        request.user,
        can_see=permissions.can_see_city,
        slug=slug,
    )
    return city, city_titles(user=request.user, city=city)


@require_GET
def city(request: HttpRequest, slug: str) -> HttpResponse:
    obj, titles = _get_city_for_user(request, slug)
    context = {
        "city": obj,
        "titles": titles,
        "related_sections": related.sections("city", obj=obj, user=request.user),
        "breadcrumbs": [
            (_("Cities"), reverse("cities:list")),
            (obj.display_name, obj.get_absolute_url()),
        ],
    }
    return render(request, "cities/city.html", context)


def _get_title_for_user(request: HttpRequest, slug: str, year: int) -> Title:
    return get_for_user(
        Title.objects.select_related("city"),
        request.user,
        can_see=permissions.can_see_title,
        city__slug=slug,
        year=year,
    )


@require_GET
def title(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    obj = _get_title_for_user(request, slug, year)
    same_year = list(
        visible_titles(request.user).filter(year=obj.year).exclude(pk=obj.pk)
    )
    context = {
        "title": obj,
        "same_year": same_year,
        "related_sections": related.sections("title", obj=obj, user=request.user),
        "breadcrumbs": [
            (_("Cities"), reverse("cities:list")),
            (obj.city.display_name, obj.city.get_absolute_url()),
            (str(obj.year), obj.get_absolute_url()),
        ],
    }
    return render(request, "cities/title.html", context)


@require_GET
def criteria(request: HttpRequest) -> HttpResponse:
    items = list(Criterion.objects.prefetch_related("capacity_areas"))
    counts = capacity_area_counts(user=request.user)
    context = {
        "criteria": items,
        # (criterion, [(area, how many things it holds, filtered search)])
        "criteria_areas": [
            (
                criterion,
                [
                    (
                        area,
                        counts.get(area.code, 0),
                        capacity_area_search_url(area.code),
                    )
                    for area in criterion.capacity_areas.all()
                ],
            )
            for criterion in items
        ],
        "breadcrumbs": [
            (_("Selection criteria and capacity areas"), reverse("cities:criteria"))
        ],
    }
    return render(request, "cities/criteria.html", context)


@require_GET
def capacity_area(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(
        CapacityArea.objects.select_related("criterion"), code=code
    )
    siblings = list(area.criterion.capacity_areas.exclude(pk=area.pk))
    context = {
        "area": area,
        "hub_count": capacity_area_counts(user=request.user).get(area.code, 0),
        "search_url": capacity_area_search_url(area.code),
        "siblings": siblings,
        "related_sections": related.sections(
            "capacity_area", obj=area, user=request.user
        ),
        "breadcrumbs": [
            (_("Selection criteria and capacity areas"), reverse("cities:criteria")),
            (area.display_name, area.get_absolute_url()),
        ],
    }
    return render(request, "cities/capacity_area.html", context)
