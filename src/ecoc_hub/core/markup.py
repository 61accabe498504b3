"""HTML written in Python for a page's hot loops (a hundred table rows, the
options of its menus), where a template node per value costs more than the
rest of the page: the same escaping as Django's templates, without the lazy
wrapper ``conditional_escape`` pays on every call."""

from __future__ import annotations

import html
from typing import Any


def escape(value: Any) -> str:
    """The text of ``value`` escaped for HTML, unless it is already safe HTML
    (``__html__``), as ``{{ value }}`` does with autoescape on."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def attributes(attrs: dict[str, Any]) -> str:
    """Django's ``attrs.html``: `` name="value"`` each, a bare name for True,
    nothing for False or None."""
    return "".join(
        f" {escape(key)}" if value is True else f' {escape(key)}="{escape(value)}"'
        for key, value in attrs.items()
        if value is not False and value is not None
    )
