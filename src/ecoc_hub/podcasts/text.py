"""Small formatting helpers of the podcasts (the Markdown renderer is
``ecoc_hub.core.markdown``)."""

from __future__ import annotations

from ecoc_hub.core.markdown import plain_text as plain_text
from ecoc_hub.core.markdown import render_markdown as render_markdown


def clock(seconds: float) -> str:
    """125.4 -> "02:05"; 3725 -> "1:02:05"."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def iso_duration(seconds: float) -> str:
    """schema.org duration: 125 -> "PT2M5S"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    return out + f"{secs}S"
