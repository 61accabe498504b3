"""The RSS 2.0 feed of a show, with Apple's itunes tags and the Podcasting 2.0
namespace (https://podcastindex.org/namespace/1.0)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from django.utils.feedgenerator import rfc2822_date

from ecoc_hub.core.links import absolute

from .models import Episode, Show
from .text import plain_text, render_markdown

NAMESPACES = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def _q(prefixed: str) -> str:
    prefix, local = prefixed.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _sub(
    parent: ET.Element, tag: str, value: str | None = None, **attrs: str
) -> ET.Element:
    element = ET.SubElement(parent, _q(tag) if ":" in tag else tag, attrs)
    if value is not None:
        element.text = value
    return element


def build_feed(show: Show, episodes: Sequence[Episode]) -> bytes:
    """``episodes`` must be the public ones, with season and people prefetched."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    show_url = absolute(show.get_absolute_url())
    feed_url = absolute(show.get_feed_url())
    _sub(channel, "title", show.title)
    _sub(channel, "link", show_url)
    _sub(channel, "description", show.description)
    _sub(channel, "language", show.language)
    _sub(channel, "copyright", show.licence)
    _sub(channel, "generator", "ECoC Hub")
    _sub(channel, "atom:link", href=feed_url, rel="self", type="application/rss+xml")
    if episodes:
        newest = max(e.published_at for e in episodes if e.published_at)
        _sub(channel, "lastBuildDate", rfc2822_date(newest))
    if show.artwork_url:
        artwork = absolute(show.artwork_url)
        _sub(channel, "itunes:image", href=artwork)
        image = _sub(channel, "image")
        _sub(image, "url", artwork)
        _sub(image, "title", show.title)
        _sub(image, "link", show_url)
    category, subcategory = show.category_parts
    top = _sub(channel, "itunes:category", text=category)
    if subcategory:
        _sub(top, "itunes:category", text=subcategory)
    _sub(channel, "itunes:explicit", "true" if show.explicit else "false")
    _sub(channel, "itunes:author", show.author)
    owner = _sub(channel, "itunes:owner")
    _sub(owner, "itunes:name", show.owner_name)
    _sub(owner, "itunes:email", show.owner_email)
    _sub(channel, "itunes:type", show.show_type)
    _sub(channel, "itunes:summary", show.description)
    _sub(channel, "podcast:guid", str(show.podcast_guid))
    _sub(
        channel,
        "podcast:locked",
        "yes" if show.locked else "no",
        owner=show.owner_email,
    )
    licence_attrs = {"url": show.licence_url} if show.licence_url else {}
    _sub(channel, "podcast:license", show.licence, **licence_attrs)
    for episode in episodes:
        _item(channel, show, episode)
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def _item(channel: ET.Element, show: Show, episode: Episode) -> None:
    item = _sub(channel, "item")
    url = absolute(episode.get_absolute_url())
    notes_html = str(render_markdown(episode.show_notes))
    _sub(item, "title", episode.title)
    _sub(item, "link", url)
    _sub(item, "description", notes_html)
    _sub(item, "content:encoded", notes_html)
    _sub(item, "itunes:summary", plain_text(episode.show_notes))
    _sub(item, "guid", str(episode.guid), isPermaLink="false")
    if episode.published_at:
        _sub(item, "pubDate", rfc2822_date(episode.published_at))
    _sub(
        item,
        "enclosure",
        url=absolute(episode.audio_url),
        length=str(episode.audio_size),
        type=episode.audio_mime,
    )
    _sub(item, "itunes:title", episode.title)
    _sub(item, "itunes:duration", str(episode.duration_seconds))
    _sub(item, "itunes:episodeType", episode.episode_type)
    _sub(item, "itunes:explicit", "true" if show.explicit else "false")
    if episode.number is not None:
        _sub(item, "itunes:episode", str(episode.number))
        _sub(item, "podcast:episode", str(episode.number))
    if episode.season is not None:
        _sub(item, "itunes:season", str(episode.season.number))
        _sub(
            item,
            "podcast:season",
            str(episode.season.number),
            name=episode.season.title,
        )
    if episode.transcript_cues:
        _sub(
            item,
            "podcast:transcript",
            url=absolute(episode.transcript_url),
            type="text/vtt",
            language=show.language,
        )
    if episode.chapters:
        _sub(
            item,
            "podcast:chapters",
            url=absolute(episode.chapters_url),
            type="application/json+chapters",
        )
    for person in episode.people.all():
        attrs = {"role": person.role, "group": person.group}
        if person.href:
            attrs["href"] = person.href
        if person.img:
            attrs["img"] = person.img
        _sub(item, "podcast:person", person.name, **attrs)
