from __future__ import annotations

from typing import Any

from django import template

from ecoc_hub.core.forms import summary_errors

register = template.Library()


@register.inclusion_tag("core/forms/error_summary.html")
def error_summary(*items: Any) -> dict[str, Any]:
    """The GOV.UK error summary for forms and formsets laid out by hand."""
    return {"summary_errors": summary_errors(*items)}
