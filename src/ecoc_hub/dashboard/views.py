"""The monitoring dashboard: the page, a CSV file per figure and of them all,
and the period report as a PDF. Curators and the programme's funder only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ecoc_hub.cities.countries import country_name
from ecoc_hub.cities.models import Title
from ecoc_hub.core import metrics
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.metrics import Filters
from ecoc_hub.core.permissions import requires

from . import figures
from .forms import FilterForm
from .permissions import can_view_dashboard
from .report import build_report


def _filters(request: AuthenticatedHttpRequest) -> tuple[FilterForm, Filters]:
    form = FilterForm(request.GET if request.GET else None)
    return form, form.filters()


def _scope(filters: Filters) -> str:
    """The filters in words, for the report and the page's heading."""
    period = _("%(start)s to %(end)s") % {
        "start": date_format(filters.start, "DATE_FORMAT"),
        "end": date_format(filters.end, "DATE_FORMAT"),
    }
    if filters.title_id:
        title = Title.objects.select_related("city").filter(pk=filters.title_id).first()
        return _("%(period)s, %(place)s") % {"period": period, "place": title}
    if filters.country:
        place = country_name(filters.country)
        return _("%(period)s, %(place)s") % {"period": period, "place": place}
    return _("%(period)s, every country") % {"period": period}


def _query(filters: Filters) -> str:
    params = {"start": filters.start.isoformat(), "end": filters.end.isoformat()}
    if filters.country:
        params["country"] = filters.country
    if filters.title_id:
        params["title"] = str(filters.title_id)
    return urlencode(params)


def _download(body: str | bytes, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(can_view_dashboard)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    sections = figures.all_sections(filters)
    return render(
        request,
        "dashboard/index.html",
        {
            "form": form,
            "filters": filters,
            "scope": _scope(filters),
            "query": _query(filters),
            "sections": sections,
            "min_count": metrics.MIN_COUNT,
            "breadcrumbs": [(_("Programme dashboard"), "")],
        },
    )


@requires(can_view_dashboard)
def figure_csv(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    indicator = metrics.indicator(key)
    if indicator is None:
        raise Http404
    _form, filters = _filters(request)
    shown = figures.show(indicator, filters)
    return _download(
        figures.figure_csv(shown),
        name=f"{key.replace('.', '-')}-{filters.start}-{filters.end}.csv",
        content_type="text/csv; charset=utf-8",
    )


@requires(can_view_dashboard)
def all_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    return _download(
        figures.all_csv(figures.all_sections(filters)),
        name=f"programme-figures-{filters.start}-{filters.end}.csv",
        content_type="text/csv; charset=utf-8",
    )


@requires(can_view_dashboard)
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    body = build_report(figures.all_sections(filters), scope=_scope(filters))
    return _download(
        body,
        name=f"programme-report-{filters.start}-{filters.end}.pdf",
        content_type="application/pdf",
    )
