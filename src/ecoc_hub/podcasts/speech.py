"""Synthesised speech for the demo episodes, when the machine has the tools.

espeak-ng speaks each transcript line into a WAV file; the lines are joined
with short pauses and encoded to MP3 by lame (or ffmpeg). The timing of every
line is measured from the audio, so the transcript follows the voices. Neither
tool is required: without them ``available()`` is False and the demo falls
back to ``mp3.silent_mp3``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

LEAD_IN = 1.0  # seconds of silence before the first line
PAUSE = 0.5  # between lines
TAIL = 1.0  # after the last line
TIMEOUT = 60  # seconds for one tool run
VOICES = ("en+f3", "en+m3", "en+f4", "en+m1", "en+f2", "en+m7")


@dataclass(frozen=True)
class Tools:
    espeak: str
    encoder: str

    @property
    def uses_lame(self) -> bool:
        return Path(self.encoder).name == "lame"


def available() -> Tools | None:
    espeak = shutil.which("espeak-ng")
    encoder = shutil.which("lame") or shutil.which("ffmpeg")
    if espeak is None or encoder is None:
        return None
    return Tools(espeak=espeak, encoder=encoder)


def _run(args: list[str]) -> None:
    subprocess.run(  # noqa: S603 - fixed tools, arguments are not shell-parsed
        args, check=True, capture_output=True, timeout=TIMEOUT
    )


def synthesise(
    lines: list[tuple[str, str]], *, tools: Tools
) -> tuple[bytes, list[tuple[float, float]]]:
    """Speak ``(speaker, text)`` lines, one voice per speaker. Return the MP3
    bytes and the (start, end) seconds of each line in it."""
    voices: dict[str, str] = {}
    timings: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="ecoc-speech-") as tmp:
        folder = Path(tmp)
        frames: list[bytes] = []
        params = None
        rate = width = 0
        position = 0  # in samples
        for index, (speaker, text) in enumerate(lines):
            voice = voices.setdefault(speaker, VOICES[len(voices) % len(VOICES)])
            line_wav = folder / f"line-{index}.wav"
            _run([tools.espeak, "-v", voice, "-s", "160", "-w", str(line_wav), text])
            with wave.open(str(line_wav), "rb") as reader:
                if params is None:
                    params = reader.getparams()
                    rate = params.framerate
                    width = params.sampwidth * params.nchannels
                    frames.append(bytes(int(LEAD_IN * rate) * width))
                    position = int(LEAD_IN * rate)
                elif index:
                    frames.append(bytes(int(PAUSE * rate) * width))
                    position += int(PAUSE * rate)
                count = reader.getnframes()
                frames.append(reader.readframes(count))
            timings.append(
                (round(position / rate, 3), round((position + count) / rate, 3))
            )
            position += count
        if params is None:
            raise ValueError("No lines to speak")
        frames.append(bytes(int(TAIL * rate) * width))
        joined = folder / "episode.wav"
        with wave.open(str(joined), "wb") as writer:
            writer.setparams(params)
            writer.writeframes(b"".join(frames))
        mp3 = folder / "episode.mp3"
        if tools.uses_lame:
            _run(
                [tools.encoder, "--quiet", "-b", "48", "-m", "m", str(joined), str(mp3)]
            )
        else:
            ffmpeg = [tools.encoder, "-loglevel", "error", "-y", "-i", str(joined)]
            _run([*ffmpeg, "-codec:a", "libmp3lame", "-b:a", "48k", str(mp3)])
        return mp3.read_bytes(), timings
