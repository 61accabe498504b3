import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from ecoc_hub.podcasts.models import State

from .conftest import make_episode, make_show

# Listening pages


def test_show_page_lists_seasons_and_episodes_and_links_the_feed(client, show, episode):
    response = client.get(f"/podcasts/{show.slug}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="Capital Conversations" '
        'href="http://127.0.0.1:8000/podcasts/capital-conversations/feed.xml">'
    ) in html
    assert [
        (s.title, [e.title for e in eps]) for s, eps in response.context["groups"]
    ] == [("Audience development", ["Audience development"])]


def test_show_page_carries_podcast_series_json_ld(client, show, episode):
    html = client.get(f"/podcasts/{show.slug}/").content.decode()

    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "PodcastSeries"
    assert (
        data["webFeed"]
        == "http://127.0.0.1:8000/podcasts/capital-conversations/feed.xml"
    )


def test_episode_page_has_the_player_transcript_chapters_and_json_ld(client, episode):
    response = client.get(episode.get_absolute_url())
    html = response.content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )

    assert response.status_code == 200
    assert (
        f'<audio id="player" controls preload="metadata" src="{episode.audio_url}"'
        in html
    )
    assert html.count('class="cue"') == 3
    assert '<button type="button" class="cue" data-start="4.0" data-end="9.5">' in html
    assert html.count('class="chapter"') == 2
    assert "<strong>audiences</strong>" in html
    assert data["@type"] == "PodcastEpisode"
    assert data["partOfSeries"]["name"] == "Capital Conversations"
    assert data["duration"] == "PT1M0S"


def test_episode_page_starts_at_the_time_in_the_address(client, episode):
    response = client.get(episode.get_absolute_url() + "?t=35")

    assert response.context["start"] == 35.0


def test_episode_page_ignores_a_start_time_outside_the_audio(client, episode):
    response = client.get(episode.get_absolute_url() + "?t=9999")

    assert response.context["start"] == 0.0


def test_start_times_are_not_localised_in_french(client, episode):
    client.cookies["ecoc_hub_language"] = "fr"

    html = client.get(episode.get_absolute_url()).content.decode()

    assert '<html lang="fr">' in html
    assert 'data-start="4.0" data-end="9.5"' in html


def test_show_notes_are_sanitised(client, show):
    episode = make_episode(
        show, show_notes="Hi <script>alert(1)</script> [x](javascript:alert(1))"
    )

    html = client.get(episode.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "javascript:" not in html


# Drafts and scheduled episodes


@pytest.mark.parametrize(
    "fields",
    [
        {"state": State.DRAFT, "published_at": None},
        {"published_at": timezone.now() + dt.timedelta(days=2)},
    ],
    ids=["draft", "scheduled"],
)
@pytest.mark.parametrize("who", ["visitor", "member"])
def test_unpublished_episodes_are_not_found_for_the_public(
    client, member, show, fields, who
):
    episode = make_episode(show, **fields)
    if who == "member":
        client.force_login(member)

    assert client.get(episode.get_absolute_url()).status_code == 404
    assert client.get(episode.transcript_url).status_code == 404
    assert client.get(episode.chapters_url).status_code == 404
    assert client.get(f"/podcasts/{show.slug}/").context["episode_count"] == 0


def test_curators_preview_a_draft_episode(curator_client, show):
    episode = make_episode(show, state=State.DRAFT, published_at=None)

    response = curator_client.get(episode.get_absolute_url())

    assert response.status_code == 200


def test_episodes_of_a_draft_show_are_not_found(client, show, episode):
    show.state = State.DRAFT
    show.save()

    assert client.get(f"/podcasts/{show.slug}/").status_code == 404
    assert client.get(episode.get_absolute_url()).status_code == 404
    assert client.get(episode.audio_url).status_code == 404


def test_show_list_hides_draft_shows(client, show):
    make_show(slug="hidden", title="Hidden", state=State.DRAFT)

    response = client.get("/podcasts/")

    assert [s.title for s in response.context["shows"]] == ["Capital Conversations"]


# Query counts


@pytest.mark.parametrize("count", [1, 3])
def test_show_list_runs_one_query(client, db, django_assert_num_queries, count):
    for number in range(count):
        make_show(slug=f"show-{number}", title=f"Show {number}")

    with django_assert_num_queries(1):
        response = client.get("/podcasts/")

    assert len(response.context["shows"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_show_page_episode_list_runs_three_queries(
    client, show, season, django_assert_num_queries, count
):
    for number in range(count):
        make_episode(show, season=season, slug=f"e{number}", number=number + 1)

    with django_assert_num_queries(3):
        response = client.get(f"/podcasts/{show.slug}/")

    assert response.context["episode_count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_feed_query_count_does_not_grow_with_episodes(
    client, show, season, django_assert_num_queries, count
):
    for number in range(count):
        make_episode(show, season=season, slug=f"e{number}", number=number + 1)

    with django_assert_num_queries(3):
        response = client.get(f"/podcasts/{show.slug}/feed.xml")

    assert response.content.count(b"<item>") == count


def test_episode_page_lists_only_library_resources_the_visitor_may_see(client, episode):
    from ecoc_hub.library.models import Resource

    now = timezone.now()
    public = Resource.objects.create(
        title="Audience toolkit",
        state="published",
        published_at=now,
        publication_year=2021,
    )
    members = Resource.objects.create(
        title="Members notes",
        state="published",
        published_at=now,
        publication_year=2021,
        access="members",
    )
    draft = Resource.objects.create(title="Draft guide", state="draft")
    episode.resources.set([public, members, draft])

    response = client.get(episode.get_absolute_url())

    assert [r.title for r in response.context["resources"]] == ["Audience toolkit"]
