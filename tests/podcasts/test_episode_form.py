"""The episode form: files survive a failed validation, the slug and the
publication date fill themselves, chapters are rows, errors are summarised."""

from __future__ import annotations

import hashlib

import lxml.html
import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ecoc_hub.podcasts.forms import format_clock, parse_clock
from ecoc_hub.podcasts.models import Episode
from ecoc_hub.podcasts.mp3 import silent_mp3

from .conftest import TRANSCRIPT, make_episode
from .test_manage import _episode_data


def _new_url(show) -> str:
    return f"/podcasts/manage/shows/{show.pk}/episodes/new/"


def _page(response) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(response.content)


def _staged(page, name: str) -> str:
    return page.xpath(f'//input[@name="{name}-staged"]')[0].get("value")


def test_chosen_audio_and_transcript_survive_a_validation_error(
    curator_client, show, season
):
    audio = silent_mp3(20)
    first = curator_client.post(
        _new_url(show),
        _episode_data(
            season,
            title="",
            slug="",
            transcript_text="",
            audio_file=SimpleUploadedFile("talk.mp3", audio),
            transcript_file=SimpleUploadedFile("talk.vtt", TRANSCRIPT.encode()),
        ),
    )

    page = _page(first)
    assert first.status_code == 200
    assert Episode.objects.count() == 0
    kept = [p.text_content() for p in page.xpath('//p[@class="staged-file-name"]')]
    assert kept == [
        f"Already uploaded: talk.mp3, {len(audio) / 1024:.1f}\xa0KB. "
        "Choose another file below only to replace it.",
        f"Already uploaded: talk.vtt, {len(TRANSCRIPT.encode())}\xa0bytes. "
        "Choose another file below only to replace it.",
    ]
    tokens = [_staged(page, "audio_file"), _staged(page, "transcript_file")]

    second = curator_client.post(
        _new_url(show),
        _episode_data(
            season,
            transcript_text="",
            **{"audio_file-staged": tokens[0], "transcript_file-staged": tokens[1]},
        ),
    )

    episode = Episode.objects.get()
    assert second.status_code == 302
    assert episode.audio_sha256 == hashlib.sha256(audio).hexdigest()
    assert episode.transcript_vtt == TRANSCRIPT.strip() + "\n"
    assert [storages["staging"].exists(t) for t in tokens] == [False, False]


def test_an_invalid_form_shows_the_error_summary_linked_to_each_field(
    curator_client, show, season
):
    response = curator_client.post(
        _new_url(show),
        _episode_data(season, title="", slug="", **{"chapters-0-start": "soon"}),
    )

    summary = _page(response).xpath('//div[@class="error-summary"]')[0]
    links = [(a.get("href"), a.text) for a in summary.xpath(".//a")]
    assert summary.get("role") == "alert"
    assert links == [
        ("#id_title", "Title: This field is required."),
        ("#id_audio_file", "Audio file: An episode needs an audio file."),
        (
            "#id_chapters-0-start",
            "Start time, row 1: Write the start time as minutes and seconds, "
            "for example 12:30.",
        ),
    ]


def test_every_label_is_in_the_row_of_its_own_field(curator_client, show):
    page = _page(curator_client.get(_new_url(show)))

    form = page.xpath("//main//form")[0]
    drifted = [
        label.get("for")
        for label in form.xpath(".//label[@for]")
        if not label.xpath(
            f'ancestor::div[contains(@class, "form-row") or contains(@class, '
            f'"check-row")][1]//*[@id="{label.get("for")}"]'
        )
    ]
    assert drifted == []
    assert len(form.xpath(".//label[@for]")) > 20


def test_a_published_episode_without_a_date_is_published_now(
    curator_client, show, season, mp3_upload
):
    before = timezone.now().replace(second=0, microsecond=0)

    curator_client.post(
        _new_url(show), _episode_data(season, published_at="", audio_file=mp3_upload)
    )

    episode = Episode.objects.get()
    assert before <= episode.published_at <= timezone.now()
    assert episode.is_public is True


def test_an_empty_slug_is_made_from_the_title_and_kept_unique(
    curator_client, show, season, episode
):
    response = curator_client.post(
        _new_url(show),
        _episode_data(
            season,
            title="Audience Development",
            slug="",
            number=2,
            audio_file=SimpleUploadedFile("a.mp3", silent_mp3(5)),
        ),
    )

    assert response.status_code == 302
    assert Episode.objects.latest("pk").slug == "audience-development-2"


def test_the_slug_field_asks_the_script_to_follow_the_title(curator_client, show):
    page = _page(curator_client.get(_new_url(show)))

    assert page.get_element_by_id("id_slug").get("data-slug-from") == "id_title"


def test_chapter_rows_become_chapters_in_time_order(curator_client, show, season):
    curator_client.post(
        _new_url(show),
        _episode_data(
            season,
            audio_file=SimpleUploadedFile("a.mp3", silent_mp3(90)),
            **{
                "chapters-TOTAL_FORMS": "3",
                "chapters-0-start": "1:05",
                "chapters-0-title": "Later",
                "chapters-1-start": "0",
                "chapters-1-title": "Opening",
                "chapters-2-start": "",
                "chapters-2-title": "",
            },
        ),
    )

    assert Episode.objects.get().chapters == {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 0, "title": "Opening"},
            {"startTime": 65, "title": "Later"},
        ],
    }


def test_editing_shows_the_chapters_as_rows_and_keeps_their_links(
    curator_client, show, season
):
    episode = make_episode(
        show,
        season=season,
        chapters={
            "version": "1.2.0",
            "chapters": [
                {"startTime": 0, "title": "Welcome", "url": "https://example.org"},
                {"startTime": 30, "title": "Harbour"},
            ],
        },
    )
    url = f"/podcasts/manage/shows/{show.pk}/episodes/{episode.pk}/"
    page = _page(curator_client.get(url))
    assert [i.get("value") for i in page.xpath('//input[contains(@name, "-start")]')][
        :2
    ] == ["00:00", "00:30"]

    curator_client.post(
        url,
        _episode_data(
            season,
            slug=episode.slug,
            **{
                "chapters-TOTAL_FORMS": "2",
                "chapters-INITIAL_FORMS": "2",
                "chapters-0-start": "00:00",
                "chapters-0-title": "Hello",
                "chapters-1-start": "00:30",
                "chapters-1-title": "Harbour",
                "chapters-1-DELETE": "on",
            },
        ),
    )

    episode.refresh_from_db()
    assert episode.chapters["chapters"] == [
        {"startTime": 0, "title": "Hello", "url": "https://example.org"}
    ]


def test_a_chapter_after_the_end_of_the_audio_is_refused_on_its_row(
    curator_client, show, season
):
    response = curator_client.post(
        _new_url(show),
        _episode_data(
            season,
            audio_file=SimpleUploadedFile("a.mp3", silent_mp3(5)),
            **{"chapters-0-start": "1:00"},
        ),
    )

    rows = response.context["form"].chapter_rows
    assert rows.forms[0].errors["start"] == [
        "A chapter starts after the end of the audio."
    ]
    assert Episode.objects.count() == 0
    assert 'name="audio_file-staged"' in response.content.decode()


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0", 0.0), ("90", 90.0), ("12:30", 750.0), ("1:02:05", 3725.0), ("0:05.5", 5.5)],
)
def test_start_times_are_read_as_clock_times(text, seconds):
    assert parse_clock(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "12:75", "1:75:00", "5:5", "1:2:3"])
def test_malformed_start_times_are_refused(text):
    with pytest.raises(Exception, match="minutes and seconds"):
        parse_clock(text)


def test_start_times_are_shown_as_clock_times():
    assert [format_clock(s) for s in (0, 5.5, 3725)] == ["00:00", "00:05.5", "1:02:05"]


def test_the_transcript_field_names_its_size_and_cue_limits(
    curator_client, show, settings
):
    settings.ECOC_HUB_MAX_CUES = 4000
    page = _page(curator_client.get(_new_url(show)))

    help_id = page.xpath('//input[@name="transcript_file"]')[0].get("aria-describedby")
    help_texts = [
        " ".join(page.xpath(f'//*[@id="{part}"]')[0].text_content().split())
        for part in help_id.split()
        if "help" in part
    ]
    assert help_texts == [
        "Replaces the text below. Mark speakers with <v Name> tags. "
        "Up to 2,048 kB and 4,000 cues."
    ]
