"""How apps tell the search app what to index on ``ecoc-hub reindex``.

An app puts a ``search_index.py`` module next to its models::

    from ecoc_hub.search.registry import register_indexer

    def _resources():
        for resource in Resource.objects.filter(state="published").iterator():
            index_resource(resource)   # calls services.index_document
            yield resource

    register_indexer("library.resource", _resources, label=_("Library resource"))

The search app imports every installed app's ``search_index`` module when
Django starts (``SearchConfig.ready``). ``reindex`` then, for each kind, removes
what is indexed for it and consumes ``iterable_factory()``: each item it yields
counts as one indexed object for the progress bar. A module may instead (or as
well) define ``reindex_all()`` returning such an iterable; it is consumed
after the registered kinds, without removing anything first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

IterableFactory = Callable[[], Iterable[Any]]


@dataclass(frozen=True)
class Indexer:
    kind: str
    iterable_factory: IterableFactory
    label: Any = None
    count: Callable[[], int] | None = None


_indexers: dict[str, Indexer] = {}
_labels: dict[str, Any] = {}


def register_indexer(
    kind: str,
    iterable_factory: IterableFactory,
    *,
    label: Any = None,
    count: Callable[[], int] | None = None,
) -> None:
    """Register (or replace) the indexer of a kind such as "library.resource".

    ``count`` (optional) returns how many objects the factory will yield, for
    the progress bar.
    """
    if "." not in kind:
        raise ValueError(f"A kind is '<app>.<model>', not {kind!r}")
    _indexers[kind] = Indexer(kind, iterable_factory, label, count)
    if label is not None:
        _labels[kind] = label


def register_kind_label(kind: str, label: Any) -> None:
    """A human name for a kind, shown on result cards and in the kind facet."""
    _labels[kind] = label


def kind_label(kind: str) -> str:
    label = _labels.get(kind)
    return str(label) if label is not None else kind


def indexers() -> list[Indexer]:
    return [_indexers[kind] for kind in sorted(_indexers)]


def unregister_indexer(kind: str) -> None:
    _indexers.pop(kind, None)


# Facets: a label per facet name, and labellers for their values (apps
# register them next to their indexers, e.g. city slugs → city names). Several
# apps write values into one facet (the library's resource types and the
# podcasts' "podcast_episode" share "type"), so a facet keeps every app's
# labeller and each names the values it knows.
FacetValueLabeller = Callable[[list[str]], dict[str, str]]
_facet_labels: dict[str, Any] = {}
_value_labellers: dict[str, list[FacetValueLabeller]] = {}


def register_facet(
    name: str, label: Any, value_labels: FacetValueLabeller | None = None
) -> None:
    """Name a facet for people; ``value_labels`` maps raw values to names."""
    _facet_labels[name] = label
    if value_labels is not None:
        labellers = _value_labellers.setdefault(name, [])
        if value_labels not in labellers:
            labellers.append(value_labels)


def facet_label(name: str) -> str:
    label = _facet_labels.get(name)
    return str(label) if label is not None else name.replace("_", " ").capitalize()


def facet_value_labels(name: str, values: list[str]) -> dict[str, str]:
    """Names of ``values``; the labeller registered last wins for a value that
    two of them know."""
    labels: dict[str, str] = {}
    if not values:
        return labels
    for labeller in _value_labellers.get(name, []):
        labels.update(labeller(values))
    return labels


# Passage labels are shown in the reader's language, so they are made from the
# locator when a page is rendered; the label stored at indexing time is the
# fallback for locators no app claims.
LocatorLabeller = Callable[[str], str | None]
_locator_labellers: list[LocatorLabeller] = []


def register_locator_labeller(labeller: LocatorLabeller) -> None:
    if labeller not in _locator_labellers:
        _locator_labellers.append(labeller)


def locator_label(locator: str, stored: str) -> str:
    for labeller in _locator_labellers:
        label = labeller(locator)
        if label is not None:
            return label
    return stored


_results_links: dict[str, str] = {}


def register_results_links(kind: str, template_name: str) -> None:
    """A template shown above the site search's results when they are
    limited to this kind (the library's feeds and exports of the search).
    It is rendered with the page's context (``request``, ``params``)."""
    _results_links[kind] = template_name


def results_links(kinds: Iterable[str]) -> str | None:
    """The template registered for the one kind of ``kinds``, if any."""
    kinds = list(kinds)
    return _results_links.get(kinds[0]) if len(kinds) == 1 else None


#: The reserved facet that holds a restricted document's grants: never
#: counted, never a filter from a query string (``conditions.clean_filters``).
GRANT_FACET = "@grant"

AccessGrants = Callable[[Any], Iterable[str]]

_access_grants: list[AccessGrants] = []


def register_access_grants(grants: AccessGrants) -> None:
    """Grants beyond the teams: ``grants(user)`` returns the grant names this
    signed-in member holds (``"community.space:12"``); a restricted document
    indexed with ``grants=[...]`` is found by whoever holds one of them, in
    the same query as every other access rule. An event's or a course's
    discussion uses it: its people are no team."""
    if grants not in _access_grants:
        _access_grants.append(grants)


def access_grants(user: Any) -> list[str]:
    return sorted({grant for fn in _access_grants for grant in fn(user)})
