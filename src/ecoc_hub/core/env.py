"""Reading settings from the environment (used by ``ecoc_hub.settings`` only).

Unset and empty variables give the default; a value that cannot be read
stops the start with the variable's name, instead of running on a guess.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """A whole number from the environment; unset or empty gives the default,
    anything else that is not a number stops the start with its name."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r}."
        ) from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


def env_lines(name: str) -> list[str]:
    """Lines of a multi-line setting: newlines or a literal backslash-n."""
    value = os.environ.get(name, "")
    return [
        line.strip() for line in value.replace("\\n", "\n").splitlines() if line.strip()
    ]
