"""Atom and RSS 2.0 feeds of the library: new resources, and any search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from ecoc_hub.library.librarysearch import describe, matching_resources
from ecoc_hub.library.metadata import absolute, with_record_related
from ecoc_hub.library.models import Resource
from ecoc_hub.library.search_index import results_url
from ecoc_hub.search.params import FACETS, SearchParams

from .queries import new_resources

FEED_SIZE = 50


class TextSummaryAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are plain text (``type="text"``).

    Django writes every summary as ``type="html"``: a plain-text abstract
    such as ``<img src=x onerror=alert(1)>`` would then be escaped only once
    by the XML writer and rendered as markup by feed readers.
    """

    def add_item_elements(
        self, handler: SimplerXMLGenerator, item: dict[str, Any]
    ) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


@dataclass(frozen=True)
class FeedContext:
    full_path: str
    user: Any
    query: SearchParams = field(default_factory=SearchParams)


class NewResourcesFeed(Feed):
    """Links use SITE_URL, as OAI-PMH and the landing pages do."""

    feed_type: type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return FeedContext(full_path=request.get_full_path(), user=request.user)

    def feed_url(self, obj: FeedContext) -> str:
        return absolute(obj.full_path)

    def title(self, obj: FeedContext) -> str:
        return _("ECoC Hub library: new resources")

    def description(self, obj: FeedContext) -> str:
        return _("Resources newly published in the ECoC Hub library.")

    def link(self, obj: FeedContext) -> str:
        return absolute(reverse("library:list"))

    def items(self, obj: FeedContext) -> list[Resource]:
        return list(with_record_related(new_resources(FEED_SIZE)))

    def item_title(self, item: Resource) -> str:
        return item.title

    def item_description(self, item: Resource) -> str:
        # An RSS description is HTML: the plain-text abstract becomes escaped
        # paragraphs, which the XML writer escapes once more.
        return linebreaks(item.abstract, autoescape=True)

    def item_link(self, item: Resource) -> str:
        return absolute(item.get_absolute_url())

    def item_guid(self, item: Resource) -> str:
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Resource) -> dt.datetime:
        return item.published_at or item.created_at

    def item_updateddate(self, item: Resource) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Resource) -> str:
        return ", ".join(c.name for c in item.creators.all())

    def item_categories(self, item: Resource) -> list[str]:
        return [str(item.get_resource_type_display())] + [
            area.display_name for area in item.capacity_areas.all()
        ]


class _AtomText:
    """The Atom variant of a feed: the abstract as a text summary."""

    feed_type: type = TextSummaryAtom1Feed

    def subtitle(self, obj: FeedContext) -> str:
        return self.description(obj)  # type: ignore[attr-defined,no-any-return]

    def item_description(self, item: Resource) -> str:
        return item.abstract


class NewResourcesAtomFeed(_AtomText, NewResourcesFeed):
    pass


class SearchFeed(NewResourcesFeed):
    """The results of a library search, newest first, as the user sees them."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # A feed lists the newest first, whatever the page was sorted by.
        params = replace(
            SearchParams.from_query(request.GET, facets=FACETS), sort="newest", page=1
        )
        return FeedContext(
            full_path=request.get_full_path(), user=request.user, query=params
        )

    def title(self, obj: FeedContext) -> str:
        return _("ECoC Hub library search: %(query)s") % {"query": describe(obj.query)}

    def description(self, obj: FeedContext) -> str:
        return _("New resources matching a search in the ECoC Hub library.")

    def link(self, obj: FeedContext) -> str:
        # The page in its own order (the feed lists the newest first).
        return absolute(results_url(obj.query, sort=False))

    def items(self, obj: FeedContext) -> list[Resource]:
        return matching_resources(obj.query, user=obj.user, limit=FEED_SIZE)


class SearchAtomFeed(_AtomText, SearchFeed):
    pass
