from django import template

from ..enums import language_label

register = template.Library()


@register.filter
def working_language(code: str) -> str:
    return language_label(code)
