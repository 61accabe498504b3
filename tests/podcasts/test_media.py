import pytest

from ecoc_hub.podcasts.models import State


@pytest.fixture
def audio_url(episode):
    return episode.audio_url


@pytest.fixture
def audio_bytes(episode):
    with episode.audio.open("rb") as handle:
        return handle.read()


def test_audio_is_served_whole_with_etag_and_accept_ranges(
    client, audio_url, audio_bytes
):
    response = client.get(audio_url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == audio_bytes
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(audio_bytes))
    assert response["Content-Type"] == "audio/mpeg"
    assert response["ETag"] == f'"{audio_url.rsplit("/", 1)[1].split(".")[0]}"'


def test_head_gives_the_headers_and_no_body(client, audio_url, audio_bytes):
    response = client.head(audio_url)

    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(len(audio_bytes))
    assert response["Accept-Ranges"] == "bytes"


def test_range_of_the_first_bytes_is_partial_content(client, audio_url, audio_bytes):
    response = client.get(audio_url, HTTP_RANGE="bytes=0-99")

    assert response.status_code == 206
    assert b"".join(response.streaming_content) == audio_bytes[:100]
    assert response["Content-Range"] == f"bytes 0-99/{len(audio_bytes)}"
    assert response["Content-Length"] == "100"


def test_range_in_the_middle_is_partial_content(client, audio_url, audio_bytes):
    response = client.get(audio_url, HTTP_RANGE="bytes=1000-1999")

    assert response.status_code == 206
    assert b"".join(response.streaming_content) == audio_bytes[1000:2000]
    assert response["Content-Range"] == f"bytes 1000-1999/{len(audio_bytes)}"


def test_open_ended_range_runs_to_the_end(client, audio_url, audio_bytes):
    response = client.get(audio_url, HTTP_RANGE="bytes=1000-")

    assert response.status_code == 206
    assert b"".join(response.streaming_content) == audio_bytes[1000:]


def test_suffix_range_gives_the_last_bytes(client, audio_url, audio_bytes):
    response = client.get(audio_url, HTTP_RANGE="bytes=-500")

    assert response.status_code == 206
    assert b"".join(response.streaming_content) == audio_bytes[-500:]
    size = len(audio_bytes)
    assert response["Content-Range"] == f"bytes {size - 500}-{size - 1}/{size}"


def test_range_past_the_end_is_416(client, audio_url, audio_bytes):
    response = client.get(audio_url, HTTP_RANGE=f"bytes={len(audio_bytes)}-")

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(audio_bytes)}"


def test_head_with_a_range_reports_the_partial_length(client, audio_url, audio_bytes):
    response = client.head(audio_url, HTTP_RANGE="bytes=0-9")

    assert (response.status_code, response["Content-Length"]) == (206, "10")


def test_range_with_a_stale_if_range_gets_the_whole_file(
    client, audio_url, audio_bytes
):
    response = client.get(audio_url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"other"')

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == audio_bytes


def test_matching_etag_gives_304(client, audio_url):
    etag = client.head(audio_url)["ETag"]

    response = client.get(audio_url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_audio_url_is_the_content_hash_so_it_never_serves_other_bytes(episode):
    name = episode.audio.name

    assert (
        name == f"podcasts/audio/{episode.audio_sha256[:2]}/{episode.audio_sha256}.mp3"
    )
    assert episode.audio_url == f"/podcasts/audio/{episode.audio_sha256}.mp3"


def test_audio_of_a_draft_episode_is_not_found_for_visitors(client, episode):
    episode.state = State.DRAFT
    episode.save()

    assert client.get(episode.audio_url).status_code == 404


def test_audio_of_a_draft_episode_is_served_to_curators(curator_client, episode):
    episode.state = State.DRAFT
    episode.save()

    response = curator_client.get(episode.audio_url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_transcript_is_served_as_webvtt_at_a_stable_url(client, episode):
    response = client.get(f"/podcasts/episodes/{episode.guid}/transcript.vtt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response.content.decode() == episode.transcript_vtt


def test_chapters_are_served_as_json_chapters(client, episode):
    response = client.get(f"/podcasts/episodes/{episode.guid}/chapters.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json+chapters"
    assert response.json() == episode.chapters


def test_artwork_is_served_as_png(client, show):
    response = client.get(show.artwork_url)

    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
