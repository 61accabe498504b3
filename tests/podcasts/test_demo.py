import io

from django.contrib.auth.models import AnonymousUser

from ecoc_hub.podcasts import files
from ecoc_hub.podcasts.demo import episode_audio, load_demo, transcript_for
from ecoc_hub.podcasts.models import Episode, Show
from ecoc_hub.search.queries import search


def test_demo_loads_the_two_seasons_once_findable_and_in_time(db, client):
    # One test on purpose: with espeak-ng installed, loading speaks 50 lines.
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

    episode = Episode.objects.get(slug="managing-change")
    tail = episode.audio_duration - episode.transcript_cues[-1]["end"]
    assert 1.0 <= tail < 1.2
    assert episode.audio_mime == "audio/mpeg"

    results = search('"founded an association"', user=AnonymousUser())
    passage = results.hits[0].passages[0]
    episode = Episode.objects.get(slug="digital-community-building")
    cue = next(c for c in episode.transcript_cues if "association" in c["text"])
    assert results.hits[0].title == "Community building"
    assert passage.target_url == (
        f"{episode.get_absolute_url()}?t={int(cue['start'])}#player"
    )
    assert client.get(passage.target_url).status_code == 200


def test_without_speech_tools_the_audio_is_silence_paced_like_speech():
    lines = [("Anna", "Hello and welcome."), ("Jonas", "Thanks for having me here.")]

    data, timings = episode_audio(lines, tools=None)

    checked = files.check_audio(io.BytesIO(data))
    assert timings == [(1.0, 4.0), (4.5, 7.5)]
    assert checked.duration == 8.52  # 8.5 s rounded up to whole 24 ms frames
    assert transcript_for(lines, timings) == (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\n<v Anna>Hello and welcome.\n\n"
        "00:00:04.500 --> 00:00:07.500\n<v Jonas>Thanks for having me here.\n"
    )
