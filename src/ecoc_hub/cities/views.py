from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import CapacityArea, City, Criterion, Title


def title_list(request: HttpRequest) -> HttpResponse:
    titles = Title.objects.select_related("city").exclude(status=Title.Status.UNVERIFIED)
    return render(request, "cities/title_list.html", {"titles": titles})


def criteria(request: HttpRequest) -> HttpResponse:
    items = Criterion.objects.prefetch_related("capacity_areas")
    return render(request, "cities/criteria.html", {"criteria": items})


def capacity_area(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(CapacityArea, code=code)
    return render(request, "cities/capacity_area.html", {"area": area})


def city(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(City, slug=slug)
    return render(request, "cities/city.html", {"city": obj})


def title(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    obj = get_object_or_404(Title, city__slug=slug, year=year)
    return render(request, "cities/title.html", {"title": obj})
