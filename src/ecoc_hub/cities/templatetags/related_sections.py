"""``{% related_section section %}``: a provider's section rendered with its
own context (``cities.related``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ecoc_hub.cities.related import RelatedSection

register = template.Library()


@register.simple_tag(takes_context=True)
def related_section(context: template.Context, section: RelatedSection) -> SafeString:
    request: Any = context.get("request")
    return render_to_string(
        section.template, {**section.context, "section": section}, request=request
    )
