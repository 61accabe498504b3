import io

import mutagen

from ecoc_hub.podcasts.mp3 import FRAME_BYTES, silent_mp3


def test_silent_mp3_is_read_by_mutagen_with_its_exact_duration():
    data = silent_mp3(12.0)

    audio = mutagen.File(io.BytesIO(data))

    assert type(audio).__name__ == "MP3"
    assert audio.info.length == 12.0
    assert audio.info.sample_rate == 48000
    assert len(data) == 500 * FRAME_BYTES


def test_silent_mp3_has_at_least_one_frame():
    assert len(silent_mp3(0)) == FRAME_BYTES
