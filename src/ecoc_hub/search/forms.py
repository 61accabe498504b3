from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .parser import MAX_QUERY_LENGTH
from .queries import DEFAULT_FACETS

SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest first")),
    ("title", _("Title (A-Z)")),
    ("popular", _("Most downloaded")),
]
MIN_YEAR, MAX_YEAR = 1900, 2100


class SearchForm(forms.Form):
    """The GET parameters of a search page. Facet values are read separately."""

    q = forms.CharField(
        label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH, strip=True
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )

    def __init__(
        self, data: QueryDict, *, facet_names: list[str] | None = None, **kwargs: Any
    ) -> None:
        # An over-long query is cut rather than refused: a search never fails.
        data = data.copy()
        query = str(data.get("q", ""))
        if len(query) > MAX_QUERY_LENGTH:
            data["q"] = query[:MAX_QUERY_LENGTH]
        super().__init__(data, **kwargs)
        self.query_data = data
        self.facet_names = list(DEFAULT_FACETS if facet_names is None else facet_names)

    def search_arguments(self) -> dict[str, Any]:
        """Arguments for queries.search; an invalid field falls back to its default."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})

        def value(name: str) -> Any:
            return cleaned.get(name) if name not in self.errors else None

        year_from, year_to = value("year_from"), value("year_to")
        if year_from and year_to and year_from > year_to:
            year_from, year_to = year_to, year_from
        filters = {
            # A NUL can never match a stored value, and PostgreSQL refuses it.
            name: [
                v[:200] for v in self.query_data.getlist(name) if v and "\x00" not in v
            ][:50]
            for name in self.facet_names
        }
        return {
            "query": value("q") or "",
            "sort": value("sort") or "relevance",
            "page": value("page") or 1,
            "year_range": (year_from, year_to) if year_from or year_to else None,
            "filters": {name: values for name, values in filters.items() if values},
            "facet_names": self.facet_names,
        }
