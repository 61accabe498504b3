"""Template tags of the search pages."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from ..queries import FacetCount, FacetGroup

register = template.Library()


@register.simple_tag
def facet_options(group: FacetGroup) -> SafeString:
    """The checkboxes of one facet, as ``<li>`` items.

    Built in Python: a search page shows up to a hundred of them, and the same
    markup through template variables was about a third of the page's cost.
    """

    def fields(value: FacetCount) -> tuple[object, ...]:
        element_id = f"facet-{group.name}-{slugify(value.value)}"
        checked = mark_safe(" checked") if value.selected else ""
        # As {{ count }} renders an int with USE_THOUSAND_SEPARATOR off.
        count = (
            number_format(value.count)
            if settings.USE_THOUSAND_SEPARATOR
            else value.count
        )
        return (
            element_id,
            group.name,
            value.value,
            checked,
            element_id,
            value.label,
            count,
        )

    return format_html_join(
        "\n",
        '<li><input type="checkbox" class="facet-input" id="{}" name="{}" '
        'value="{}"{}><label for="{}">{} <span class="facet-count">({})</span>'
        "</label></li>",
        (fields(value) for value in group.values),
    )
