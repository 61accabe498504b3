"""What a search answers: hits with their passages, facet counts, pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.safestring import SafeString

from . import registry
from .models import Access


@dataclass(frozen=True)
class HitPassage:
    snippet_html: SafeString
    locator: str
    label: str
    target_url: str
    score: float = 0.0


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    summary: str
    score: float
    language: str = ""
    access: str = "public"
    published: datetime | None = None
    passages: list[HitPassage] = field(default_factory=list)
    type: str = ""

    @property
    def kind_label(self) -> str:
        return registry.kind_label(self.kind)

    @property
    def type_label(self) -> str:
        """What the hit is for a reader ("Guide", "Podcast episode"): its
        "type" facet value's name, else the name of its kind."""
        if self.type:
            label = registry.facet_value_labels("type", [self.type]).get(self.type)
            if label:
                return label
        return self.kind_label

    @property
    def access_label(self) -> str:
        return str(dict(Access.choices).get(self.access, self.access))


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool
    label: str = ""


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    values: list[FacetCount]

    @property
    def selected_count(self) -> int:
        return sum(1 for value in self.values if value.selected)


@dataclass
class SearchResults:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    page: int
    num_pages: int
    per_page: int
    sort: str

    @property
    def facet_groups(self) -> list[FacetGroup]:
        """Facets in order with their labels, for templates."""
        return [
            FacetGroup(name, registry.facet_label(name), values)
            for name, values in self.facets.items()
        ]

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def previous_page(self) -> int:
        return max(1, self.page - 1)

    @property
    def next_page(self) -> int:
        return min(self.num_pages, self.page + 1)

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def end_index(self) -> int:
        return min(self.total, self.page * self.per_page)


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    kind: str
