import io
import json

import pytest
from django.core.exceptions import ValidationError

from ecoc_hub.podcasts import files
from ecoc_hub.podcasts.mp3 import silent_mp3

from .conftest import CHAPTERS, TRANSCRIPT, png_bytes


def test_check_audio_reads_duration_size_and_type_from_an_mp3():
    data = silent_mp3(30)

    checked = files.check_audio(io.BytesIO(data))

    assert (checked.duration, checked.size, checked.mime, checked.extension) == (
        30.0,
        len(data),
        "audio/mpeg",
        "mp3",
    )


@pytest.mark.parametrize("data", [b"hello, not audio", b"%PDF-1.7\n" + bytes(4000)])
def test_check_audio_refuses_a_file_that_is_not_audio(data):
    with pytest.raises(ValidationError) as error:
        files.check_audio(io.BytesIO(data))

    assert error.value.messages == [
        "This file is not MP3 or M4A (AAC) audio. Upload an MP3 or M4A file."
    ]


def test_check_audio_refuses_a_file_over_the_size_limit(settings):
    settings.ECOC_HUB_MAX_UPLOAD_MB = 1
    data = silent_mp3(300)  # 1.2 MB

    with pytest.raises(ValidationError) as error:
        files.check_audio(io.BytesIO(data))

    assert error.value.messages == [
        "The audio file is 1.1 MB; the largest accepted is 1 MB."
    ]


def test_check_artwork_accepts_a_square_rgb_png():
    checked = files.check_artwork(io.BytesIO(png_bytes()))

    assert (checked.mime, checked.extension) == ("image/png", "png")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            png_bytes(1400, 1500),
            "The artwork must be square; it is 1400 by 1500 pixels.",
        ),
        (
            png_bytes(1000, 1000),
            "The artwork is 1000 by 1000 pixels; it must be between 1400 and 3000 "
            "pixels wide.",
        ),
        (
            png_bytes(1400, 1400, "RGBA"),
            "The artwork must use RGB colour (it uses RGBA). Save it as RGB without "
            "transparency or a colour palette.",
        ),
        (b"GIF89a not an image", "This file is not a JPEG or PNG image."),
    ],
)
def test_check_artwork_refuses_with_a_clear_message(data, message):
    with pytest.raises(ValidationError) as error:
        files.check_artwork(io.BytesIO(data))

    assert error.value.messages == [message]


def test_parse_transcript_reads_times_speakers_and_text():
    cues = files.parse_transcript(TRANSCRIPT)

    assert cues[1] == {
        "start": 4.0,
        "end": 9.5,
        "speaker": "Jonas Weber",
        "text": "Today we talk about participatory budgeting in neighbourhoods.",
    }
    assert len(cues) == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hello", "A WebVTT transcript must start with the line WEBVTT."),
        ("WEBVTT\n", "The transcript has no cues."),
        (
            "WEBVTT\n\n00:00:0 --> x\nfoo\n",
            "This is not valid WebVTT. Each cue needs a line like "
            "00:00:01.000 --> 00:00:04.000 followed by its text.",
        ),
        (
            "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nfoo\n",
            "Cue 1 (00:00:05.000) ends before it starts.",
        ),
    ],
)
def test_parse_transcript_refuses_malformed_webvtt(text, message):
    with pytest.raises(ValidationError) as error:
        files.parse_transcript(text)

    assert error.value.messages == [message]


def test_parse_chapters_accepts_the_1_2_0_format():
    assert files.parse_chapters(json.dumps(CHAPTERS)) == CHAPTERS


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{", "The chapters are not valid JSON (line 1, column 2)."),
        (
            '{"version": "1.0.0", "chapters": []}',
            'The chapters must declare "version": "1.2.0".',
        ),
        (
            '{"version": "1.2.0", "chapters": []}',
            '"chapters" must be a non-empty list.',
        ),
        (
            '{"version": "1.2.0", "chapters": [{"startTime": 10}, {"startTime": 5}]}',
            "Chapter 2: chapters must be in order of startTime.",
        ),
        (
            '{"version": "1.2.0", "chapters": [{"startTime": "0"}]}',
            "Chapter 1: startTime must be a number of seconds, 0 or more.",
        ),
        (
            '{"version": "1.2.0", "chapters": '
            '[{"startTime": 0, "url": "javascript:x"}]}',
            "Chapter 1: url must be an http or https URL.",
        ),
    ],
)
def test_parse_chapters_refuses_invalid_chapters(data, message):
    with pytest.raises(ValidationError) as error:
        files.parse_chapters(data)

    assert error.value.messages == [message]


def _transcript(cues: int) -> str:
    lines = ["WEBVTT", ""]
    for n in range(cues):
        lines += [
            f"00:{n // 60 % 60:02d}:{n % 60:02d}.000 --> "
            f"00:{n // 60 % 60:02d}:{n % 60:02d}.500",
            f"Cue {n}",
            "",
        ]
    return "\n".join(lines)


def test_parse_transcript_refuses_more_cues_than_the_limit(settings):
    settings.ECOC_HUB_MAX_CUES = 20

    with pytest.raises(ValidationError) as refused:
        files.parse_transcript(_transcript(21))

    assert refused.value.messages == [
        "The transcript has 21 cues; at most 20 are accepted. "
        "Merge short cues into longer ones."
    ]


def test_parse_transcript_accepts_exactly_the_cue_limit(settings):
    settings.ECOC_HUB_MAX_CUES = 20

    assert len(files.parse_transcript(_transcript(20))) == 20
