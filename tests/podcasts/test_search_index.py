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


def test_cues_are_grouped_by_speaker_turn():
    cues = [
        {"start": 0.0, "end": 4.0, "speaker": "Anna", "text": "Hello."},
        {"start": 4.0, "end": 8.0, "speaker": "Anna", "text": "Welcome."},
        {"start": 8.0, "end": 9.0, "speaker": "Jonas", "text": "Thanks."},
        {"start": 9.0, "end": 12.0, "speaker": "", "text": "Music."},
    ]

    assert cue_groups(cues) == [
        (0.0, "Anna: Hello. Welcome."),
        (8.0, "Jonas: Thanks."),
        (9.0, "Music."),
    ]


def test_a_long_turn_is_cut_about_every_thirty_seconds():
    cues = [
        {"start": float(t), "end": t + 10.0, "speaker": "Anna", "text": f"Part {t}."}
        for t in range(0, 70, 10)
    ]

    assert [start for start, _text in cue_groups(cues)] == [0.0, 30.0, 60.0]


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


def test_a_scheduled_episode_is_queued_for_indexing_at_its_time(
    settings, show, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    due = timezone.now() + dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        episode = make_episode(show, published_at=due)

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "ecoc_hub.podcasts.tasks.index_episode_task"
    assert queued.args_kwargs == {"args": [], "kwargs": {"episode_id": episode.pk}}
    assert queued.run_after == due


def test_the_indexing_task_indexes_an_episode_that_fell_due(show):
    from ecoc_hub.podcasts.models import Episode
    from ecoc_hub.podcasts.tasks import index_episode_task

    episode = make_episode(show, published_at=timezone.now() + dt.timedelta(hours=1))
    Episode.objects.filter(pk=episode.pk).update(
        published_at=timezone.now() - dt.timedelta(minutes=1)
    )  # an hour later

    index_episode_task.call(episode_id=episode.pk)

    assert _search("volunteers carried the whole programme").total == 1
