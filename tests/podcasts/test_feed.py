import datetime as dt
import uuid
from xml.etree import ElementTree as ET

import feedparser
import pytest
from django.utils import timezone

from ecoc_hub.podcasts.models import Person, State
from ecoc_hub.podcasts.services import podcast_guid_for

from .conftest import make_episode

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
SITE = "http://testserver.example"


def _xml(response):
    return ET.fromstring(response.content)  # noqa: S314 - our own output


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def feed_response(client, show, episode):
    Person.objects.create(
        episode=episode, name="Anna Berg", role="host", href="https://example.org/anna"
    )
    Person.objects.create(episode=episode, name="Jonas Weber", role="guest")
    return client.get(f"/podcasts/{show.slug}/feed.xml")


def test_feed_is_well_formed_rss_2_with_the_podcast_namespaces(feed_response):
    root = _xml(feed_response)

    assert feed_response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    assert (
        b'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
        in feed_response.content
    )
    assert (
        b'xmlns:podcast="https://podcastindex.org/namespace/1.0"'
        in feed_response.content
    )


def test_feed_channel_has_apple_and_podcasting_2_tags(feed_response, show):
    channel = _xml(feed_response).find("channel")
    category = channel.find(f"{ITUNES}category")

    assert channel.find(f"{ITUNES}image").get("href") == SITE + show.artwork_url
    assert category.get("text") == "Society & Culture"
    assert category.find(f"{ITUNES}category").get("text") == "Places & Travel"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.findtext(f"{ITUNES}author") == "ECoC Hub consortium"
    assert channel.findtext(f"{ITUNES}owner/{ITUNES}name") == "ECoC Hub"
    assert channel.findtext(f"{ITUNES}owner/{ITUNES}email") == "podcast@example.org"
    assert channel.findtext(f"{ITUNES}type") == "episodic"
    assert channel.findtext(f"{PODCAST}guid") == str(show.podcast_guid)
    assert channel.find(f"{PODCAST}locked").text == "yes"
    assert channel.find(f"{PODCAST}locked").get("owner") == "podcast@example.org"
    assert channel.findtext(f"{PODCAST}license") == "CC-BY-4.0"


def test_feed_item_has_enclosure_guid_and_per_episode_tags(feed_response, episode):
    item = _xml(feed_response).find("channel/item")
    enclosure = item.find("enclosure")
    guid = item.find("guid")
    transcript = item.find(f"{PODCAST}transcript")
    chapters = item.find(f"{PODCAST}chapters")
    people = [
        (p.text, p.get("role"), p.get("group"), p.get("href"))
        for p in item.findall(f"{PODCAST}person")
    ]

    assert enclosure.attrib == {
        "url": SITE + episode.audio_url,
        "length": str(episode.audio_size),
        "type": "audio/mpeg",
    }
    assert (guid.text, guid.get("isPermaLink")) == (str(episode.guid), "false")
    assert item.findtext(f"{ITUNES}duration") == "60"
    assert item.findtext(f"{ITUNES}episode") == "1"
    assert item.findtext(f"{ITUNES}season") == "1"
    assert item.findtext(f"{ITUNES}episodeType") == "full"
    assert item.findtext(f"{PODCAST}season") == "1"
    assert item.findtext(f"{PODCAST}episode") == "1"
    assert transcript.attrib == {
        "url": SITE + episode.transcript_url,
        "type": "text/vtt",
        "language": "en",
    }
    assert chapters.attrib == {
        "url": SITE + episode.chapters_url,
        "type": "application/json+chapters",
    }
    assert people == [
        ("Anna Berg", "host", "cast", "https://example.org/anna"),
        ("Jonas Weber", "guest", "cast", None),
    ]


def test_feedparser_reads_the_feed_without_errors(feed_response, show, episode):
    parsed = feedparser.parse(feed_response.content)
    entry = parsed.entries[0]

    assert parsed.bozo is False
    assert parsed.version == "rss20"
    assert parsed.feed.title == "Capital Conversations"
    assert parsed.feed.image.href == SITE + show.artwork_url
    # feedparser 6 only knows the old "yes"/"clean" values of itunes:explicit;
    # the true/false that Apple asks for now is checked with ElementTree above.
    assert parsed.feed.author_detail.email == "podcast@example.org"
    assert parsed.feed.tags[0].term == "Society & Culture"
    assert entry.id == str(episode.guid)
    assert entry.guidislink is False
    assert entry.itunes_duration == "60"
    assert entry.itunes_episode == "1"
    assert entry.itunes_season == "1"
    assert entry.itunes_episodetype == "full"
    assert entry.enclosures[0].href == SITE + episode.audio_url
    assert entry.enclosures[0].length == str(episode.audio_size)
    assert entry.enclosures[0].type == "audio/mpeg"


def test_podcast_guid_is_the_uuid5_of_the_feed_url_without_scheme(show):
    expected = uuid.uuid5(
        uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
        "127.0.0.1:8000/podcasts/capital-conversations/feed.xml",
    )

    assert (
        podcast_guid_for(
            "http://127.0.0.1:8000/podcasts/capital-conversations/feed.xml/"
        )
        == expected
    )
    # The worked example of the Podcasting 2.0 namespace documentation.
    assert podcast_guid_for("https://mp3s.nashownotes.com/pc20rss.xml") == uuid.UUID(
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )


def test_feed_lists_only_published_past_episodes(client, show, season, episode):
    make_episode(
        show, slug="draft", title="Draft", state=State.DRAFT, published_at=None
    )
    make_episode(
        show,
        slug="soon",
        title="Soon",
        published_at=timezone.now() + dt.timedelta(days=3),
    )

    parsed = feedparser.parse(client.get(f"/podcasts/{show.slug}/feed.xml").content)

    assert [e.title for e in parsed.entries] == ["Audience development"]


def test_feed_of_a_draft_show_is_not_found(client, show, episode):
    show.state = State.DRAFT
    show.save()

    assert client.get(f"/podcasts/{show.slug}/feed.xml").status_code == 404


def test_feed_answers_304_to_a_matching_etag(client, feed_response, show):
    response = client.get(
        f"/podcasts/{show.slug}/feed.xml", HTTP_IF_NONE_MATCH=feed_response["ETag"]
    )

    assert response.status_code == 304
    assert response.content == b""


def test_feed_answers_304_when_not_modified_since(client, feed_response, show):
    response = client.get(
        f"/podcasts/{show.slug}/feed.xml",
        HTTP_IF_MODIFIED_SINCE=feed_response["Last-Modified"],
    )

    assert response.status_code == 304


def test_feed_answers_200_when_the_etag_is_stale(client, feed_response, show):
    response = client.get(f"/podcasts/{show.slug}/feed.xml", HTTP_IF_NONE_MATCH='"old"')

    assert response.status_code == 200
