"""A tiny MPEG-1 Layer III writer that needs no encoder.

Every frame carries a valid header (MPEG-1, Layer III, 32 kbit/s, 48 kHz,
mono, no CRC) followed by zeroed side information and main data. Decoders
play such frames as digital silence and metadata readers (mutagen, browsers,
podcast apps) compute the exact duration from the constant bit rate. The demo
content and the tests use it so that neither depends on ffmpeg, lame or
espeak-ng being installed.
"""

from __future__ import annotations

import math

SAMPLE_RATE = 48_000
BITRATE = 32_000
SAMPLES_PER_FRAME = 1152
# 144 * bitrate / sample rate: 96 bytes exactly, so no padding slot is needed.
FRAME_BYTES = 144 * BITRATE // SAMPLE_RATE
FRAME_SECONDS = SAMPLES_PER_FRAME / SAMPLE_RATE  # 24 ms
# 0xFFFB: sync + MPEG-1 + Layer III + no CRC; 0x14: bitrate index 1 (32 kbit/s),
# sample rate index 1 (48 kHz), no padding; 0xC0: mono.
FRAME_HEADER = bytes([0xFF, 0xFB, 0x14, 0xC0])
_FRAME = FRAME_HEADER + bytes(FRAME_BYTES - len(FRAME_HEADER))


def silent_mp3(seconds: float) -> bytes:
    """Return a constant-bit-rate MP3 of silence lasting ``seconds`` (rounded up
    to whole 24 ms frames, at least one frame)."""
    if seconds < 0:
        raise ValueError("seconds must not be negative")
    frames = max(1, math.ceil(round(seconds / FRAME_SECONDS, 6)))
    return _FRAME * frames


def duration_of(frames: int) -> float:
    return frames * FRAME_SECONDS
