"""schema.org JSON-LD for pages: build a dict in Python, render it with
``jsonld_script``. The ``application/ld+json`` block is data that browsers
never execute, so the strict script-src CSP does not apply to it."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The same escapes as django.utils.html.json_script: the data can never close
# the <script> element or open a comment, whatever strings it holds.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _without_empty(value: Any) -> Any:
    """Drop None, "" and empty containers so that optional properties that
    have no value are left out rather than published empty."""
    if isinstance(value, dict):
        cleaned = {k: _without_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list | tuple):
        items = [_without_empty(v) for v in value]
        return [v for v in items if v not in (None, "", [], {})]
    return value


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """Return ``<script type="application/ld+json">…</script>`` for ``data``.

    ``@context`` defaults to https://schema.org.
    """
    payload = {"@context": "https://schema.org", **_without_empty(data)}
    text = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_ESCAPES)),  # noqa: S308 - escaped just above
    )
