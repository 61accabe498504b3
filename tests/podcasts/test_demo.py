import io

from django.contrib.auth.models import AnonymousUser

from ecoc_hub.podcasts.demo import load_demo
from ecoc_hub.podcasts.models import Episode, Show
from ecoc_hub.search.queries import search


def test_demo_loads_the_two_seasons_once(db):
    first = load_demo(stdout=io.StringIO())
    second = load_demo(stdout=io.StringIO())

    show = Show.objects.get()
    assert (first, second) == (10, 0)
    assert [(s.number, s.title, s.episodes.count()) for s in show.seasons.all()] == [
        (1, "Audience development", 5),
        (2, "Digital approaches to ECoCs", 5),
    ]
    assert list(
        Episode.objects.filter(season__number=1)
        .order_by("number")
        .values_list("title", flat=True)
    ) == [
        "The history of the ECoC action",
        "Principles of audience development",
        "Managing change",
        "Iterative planning and implementation",
        "Cooperation and partnerships",
    ]


def test_demo_audio_lasts_as_long_as_its_transcript(db):
    load_demo(stdout=io.StringIO())

    episode = Episode.objects.get(slug="managing-change")

    assert episode.transcript_cues[-1]["end"] < episode.audio_duration
    assert round(episode.audio_duration - episode.transcript_cues[-1]["end"], 1) == 1.5
    assert episode.audio_mime == "audio/mpeg"


def test_a_sentence_spoken_in_a_demo_episode_is_found_at_its_moment(db, client):
    load_demo(stdout=io.StringIO())

    results = search('"founded an association"', user=AnonymousUser())

    passage = results.hits[0].passages[0]
    episode = Episode.objects.get(slug="digital-community-building")
    cue = next(c for c in episode.transcript_cues if "association" in c["text"])
    assert results.hits[0].title == "Community building"
    assert (
        passage.target_url
        == f"{episode.get_absolute_url()}?t={int(cue['start'])}#player"
    )
    assert client.get(passage.target_url).status_code == 200
