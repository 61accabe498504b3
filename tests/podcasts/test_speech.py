import io

import pytest

from ecoc_hub.podcasts import files, speech

TOOLS = speech.available()


@pytest.mark.skipif(TOOLS is None, reason="espeak-ng and lame/ffmpeg are not installed")
def test_synthesised_lines_are_timed_from_the_audio():
    lines = [
        ("Anna", "Hello and welcome."),
        ("Jonas", "Thank you, it is good to be here."),
    ]

    data, timings = speech.synthesise(lines, tools=TOOLS)

    checked = files.check_audio(io.BytesIO(data))
    (first_start, first_end), (second_start, second_end) = timings
    assert checked.mime == "audio/mpeg"
    assert first_start == speech.LEAD_IN
    assert round(second_start - first_end, 3) == speech.PAUSE
    assert second_end + speech.TAIL <= checked.duration < second_end + speech.TAIL + 0.2
