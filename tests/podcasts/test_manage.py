import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecoc_hub.podcasts.models import Episode, Season, Show
from ecoc_hub.podcasts.mp3 import silent_mp3
from tests.factories import UserFactory

from .conftest import TRANSCRIPT, make_episode, png_bytes


@pytest.fixture
def manage_urls(show, season, episode):
    return [
        "/podcasts/manage/",
        "/podcasts/manage/shows/new/",
        f"/podcasts/manage/shows/{show.pk}/",
        f"/podcasts/manage/shows/{show.pk}/seasons/new/",
        f"/podcasts/manage/shows/{show.pk}/seasons/{season.pk}/",
        f"/podcasts/manage/shows/{show.pk}/episodes/new/",
        f"/podcasts/manage/shows/{show.pk}/episodes/{episode.pk}/",
        f"/podcasts/manage/shows/{show.pk}/episodes/{episode.pk}/delete/",
    ]


def test_visitors_are_sent_to_log_in(client, manage_urls):
    statuses = {url: client.get(url).status_code for url in manage_urls}

    assert set(statuses.values()) == {302}


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_members_who_are_not_curators_are_refused(client, who, request, manage_urls):
    client.force_login(request.getfixturevalue(who))

    statuses = {client.get(url).status_code for url in manage_urls}
    posted = {client.post(url, {}).status_code for url in manage_urls}

    assert (statuses, posted) == ({403}, {403})


def test_refused_delete_changes_nothing(member_client, show, episode):
    member_client.post(
        f"/podcasts/manage/shows/{show.pk}/episodes/{episode.pk}/delete/"
    )

    assert Episode.objects.count() == 1


def test_curators_without_a_second_factor_are_sent_to_set_one_up(
    client, db, manage_urls
):
    curator = UserFactory(roles=["curator"])
    client.force_login(curator)

    response = client.get(manage_urls[0])

    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/2fa/totp/activate/",
    )


def test_curators_open_every_management_page(curator_client, manage_urls):
    statuses = {url: curator_client.get(url).status_code for url in manage_urls}

    assert set(statuses.values()) == {200}


def _show_data(**extra):
    data = {
        "title": "New show",
        "slug": "new-show",
        "description": "About things.",
        "language": "en",
        "category": "Education",
        "author": "Hub",
        "owner_name": "Hub",
        "owner_email": "hub@example.org",
        "show_type": "serial",
        "licence": "CC-BY-4.0",
        "locked": "on",
        "state": "published",
    }
    data.update(extra)
    return data


def test_curator_creates_a_show_with_checked_artwork(curator_client, db):
    artwork = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")

    response = curator_client.post(
        "/podcasts/manage/shows/new/", _show_data(artwork_file=artwork)
    )

    show = Show.objects.get()
    assert response.status_code == 302
    assert (show.title, show.show_type, len(show.artwork_sha256)) == (
        "New show",
        "serial",
        64,
    )
    assert str(show.podcast_guid) != ""


def test_show_with_bad_artwork_is_refused_and_nothing_is_stored(curator_client, db):
    artwork = SimpleUploadedFile("a.png", png_bytes(800, 800), content_type="image/png")

    response = curator_client.post(
        "/podcasts/manage/shows/new/", _show_data(artwork_file=artwork)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["artwork_file"] == [
        "The artwork is 800 by 800 pixels; it must be between 1400 and 3000 "
        "pixels wide."
    ]
    assert Show.objects.count() == 0


def test_show_slug_cannot_shadow_a_podcasts_path(curator_client, db):
    artwork = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")

    response = curator_client.post(
        "/podcasts/manage/shows/new/", _show_data(slug="manage", artwork_file=artwork)
    )

    assert response.context["form"].errors["slug"] == [
        "This slug is reserved; choose another."
    ]


def test_curator_adds_a_season(curator_client, show):
    curator_client.post(
        f"/podcasts/manage/shows/{show.pk}/seasons/new/",
        {"number": 2, "title": "Digital"},
    )

    assert list(show.seasons.values_list("number", "title")) == [(2, "Digital")]


def test_a_season_number_is_unique_per_show(curator_client, show, season):
    response = curator_client.post(
        f"/podcasts/manage/shows/{show.pk}/seasons/new/",
        {"number": 1, "title": "Again"},
    )

    assert response.context["form"].errors["number"] == [
        "This show already has a season with this number."
    ]
    assert Season.objects.count() == 1


def _episode_data(season, **extra):
    data = {
        "title": "Managing change",
        "slug": "managing-change",
        "season": season.pk,
        "number": 3,
        "episode_type": "full",
        "show_notes": "Notes",
        "published_at": "2026-01-10T10:00",
        "state": "published",
        "transcript_text": TRANSCRIPT,
        "chapters-TOTAL_FORMS": "2",
        "chapters-INITIAL_FORMS": "0",
        "chapters-0-start": "0:00",
        "chapters-0-title": "Start",
        "chapters-1-start": "",
        "chapters-1-title": "",
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "30",
        "people-0-name": "Anna Berg",
        "people-0-role": "host",
        "people-1-name": "",
        "people-1-role": "",
    }
    data.update(extra)
    return data


def test_curator_creates_an_episode_with_audio_transcript_chapters_and_people(
    curator_client, show, season
):
    audio = SimpleUploadedFile(
        "x.bin", silent_mp3(45), content_type="application/octet-stream"
    )

    response = curator_client.post(
        f"/podcasts/manage/shows/{show.pk}/episodes/new/",
        _episode_data(season, audio_file=audio),
    )

    episode = Episode.objects.get()
    assert response.status_code == 302
    assert (episode.audio_duration, episode.audio_mime, episode.audio_size) == (
        45.0,
        "audio/mpeg",
        len(silent_mp3(45)),
    )
    assert [c["speaker"] for c in episode.transcript_cues] == [
        "Anna Berg",
        "Jonas Weber",
        "Anna Berg",
    ]
    assert episode.chapters["chapters"] == [{"startTime": 0, "title": "Start"}]
    assert list(episode.people.values_list("name", "role")) == [("Anna Berg", "host")]
    assert episode.published_at.replace(tzinfo=None) == dt.datetime(2026, 1, 10, 9, 0)


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"audio_file": SimpleUploadedFile("a.mp3", b"not audio at all")},
            "audio_file",
            "This file is not MP3 or M4A (AAC) audio. Upload an MP3 or M4A file.",
        ),
        ({}, "audio_file", "An episode needs an audio file."),
        (
            {
                "audio_file": SimpleUploadedFile("a.mp3", silent_mp3(5)),
                "transcript_text": "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nx\n",
            },
            "transcript_text",
            "Cue 1 (00:00:05.000) ends before it starts.",
        ),
    ],
    ids=["not-audio", "no-audio", "bad-transcript"],
)
def test_invalid_episode_is_refused_and_nothing_is_stored(
    curator_client, show, season, extra, field, message
):
    response = curator_client.post(
        f"/podcasts/manage/shows/{show.pk}/episodes/new/",
        _episode_data(season, **extra),
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Episode.objects.count() == 0


def test_curator_edits_the_transcript_in_the_browser_and_keeps_the_guid(
    curator_client, show, season, episode
):
    guid, audio = episode.guid, episode.audio_sha256
    new_transcript = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Mia>Edited line.\n"

    curator_client.post(
        f"/podcasts/manage/shows/{show.pk}/episodes/{episode.pk}/",
        _episode_data(season, slug=episode.slug, transcript_text=new_transcript),
    )

    episode.refresh_from_db()
    assert episode.transcript_cues == [
        {"start": 1.0, "end": 3.0, "speaker": "Mia", "text": "Edited line."}
    ]
    assert (episode.guid, episode.audio_sha256) == (guid, audio)


def test_curator_deletes_an_episode(curator_client, show, episode):
    curator_client.post(
        f"/podcasts/manage/shows/{show.pk}/episodes/{episode.pk}/delete/"
    )

    assert Episode.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_manage_list_query_count_does_not_grow_with_episodes(
    curator_client, show, season, django_assert_num_queries, count
):
    for number in range(count):
        make_episode(show, season=season, slug=f"e{number}", number=number + 1)

    with django_assert_num_queries(7):
        response = curator_client.get("/podcasts/manage/")

    assert response.content.decode().count("/delete/") == count


def test_episode_form_shows_webvtt_tags_in_its_help_as_text(curator_client, show):
    html = curator_client.get(f"/podcasts/manage/shows/{show.pk}/episodes/new/").content

    assert b"Mark speakers with &lt;v Name&gt; tags." in html
    assert b"<v Name>" not in html


def test_an_uploaded_transcript_replaces_the_text_area(curator_client, show, season):
    upload = SimpleUploadedFile(
        "t.vtt",
        b"WEBVTT\n\n00:00:02.000 --> 00:00:05.000\n<v Lea Hoffmann>From a file.\n",
    )

    curator_client.post(
        f"/podcasts/manage/shows/{show.pk}/episodes/new/",
        _episode_data(
            season,
            audio_file=SimpleUploadedFile("a.mp3", silent_mp3(10)),
            transcript_file=upload,
        ),
    )

    assert Episode.objects.get().transcript_cues == [
        {"start": 2.0, "end": 5.0, "speaker": "Lea Hoffmann", "text": "From a file."}
    ]


def test_a_transcript_file_that_is_not_utf8_is_refused(curator_client, show, season):
    upload = SimpleUploadedFile("t.vtt", "WEBVTT\n\nÉté".encode("latin-1"))

    response = curator_client.post(
        f"/podcasts/manage/shows/{show.pk}/episodes/new/",
        _episode_data(
            season,
            audio_file=SimpleUploadedFile("a.mp3", silent_mp3(10)),
            transcript_file=upload,
        ),
    )

    assert response.context["form"].errors["transcript_file"] == [
        "The file is not UTF-8 text."
    ]
    assert Episode.objects.count() == 0
