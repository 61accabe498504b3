"""gunicorn settings for ``ecoc-hub serve`` (``--config python:...``)."""

from __future__ import annotations

from typing import Any

from ecoc_hub.core.lifeline import watch_parent


def when_ready(server: Any) -> None:
    # In the master: stop (gracefully, as on SIGTERM) when serve is gone.
    watch_parent()
