import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from ecoc_hub.podcasts import services
from ecoc_hub.podcasts.models import State
from ecoc_hub.podcasts.search_index import KIND, cue_groups, reindex_all
from ecoc_hub.search.models import SearchDocument
from ecoc_hub.search.queries import search

from .conftest import make_episode


def _search(text):
    return search(f'"{text}"', user=AnonymousUser(), kinds=[KIND])


def test_a_phrase_spoken_in_an_episode_finds_it_at_that_moment(episode):
    results = _search("volunteers carried the whole programme")

    hit = results.hits[0]
    moment = next(p for p in hit.passages if p.locator.startswith("t="))
    assert (results.total, hit.object_id) == (1, episode.pk)
    assert (moment.locator, moment.label) == ("t=35", "00:35")
    assert moment.target_url == f"{episode.get_absolute_url()}?t=35#player"


def test_cues_are_grouped_into_passages_of_about_thirty_seconds(episode):
    groups = cue_groups(episode.transcript_cues)

    assert [start for start, _text in groups] == [0.0, 35.0]
    assert groups[0][1].startswith("Anna Berg: Welcome to the podcast")


def test_drafts_and_scheduled_episodes_are_not_indexed(show):
    make_episode(show, slug="draft", state=State.DRAFT, published_at=None)
    make_episode(show, slug="soon", published_at=timezone.now() + dt.timedelta(days=1))

    assert _search("volunteers carried the whole programme").total == 0


def test_unpublishing_an_episode_removes_it_from_the_index(episode):
    episode.state = State.DRAFT
    services.save_episode(episode=episode)

    assert SearchDocument.objects.filter(kind=KIND).count() == 0


def test_a_draft_show_takes_its_episodes_out_of_the_index(show, episode):
    show.state = State.DRAFT
    services.save_show(show=show)

    assert SearchDocument.objects.filter(kind=KIND).count() == 0


def test_reindex_all_restores_the_index(episode):
    SearchDocument.objects.filter(kind=KIND).delete()

    count = reindex_all()

    assert count == 1
    assert _search("participatory budgeting").total == 1


def test_deleting_an_episode_removes_it_from_the_index(episode):
    services.delete_episode(episode=episode)

    assert _search("participatory budgeting").total == 0
