from django import template

from ..enums import language_label

register = template.Library()


@register.filter
def working_language(code: str) -> str:
    return language_label(code)


@register.filter
def profile_label(code: str) -> str:
    from ..enums import Profile

    return str(dict(Profile.choices).get(code, code))


@register.filter
def profile_names(codes: list[str] | None) -> list[str]:
    """The profiles' names, sorted as the reader's language sorts them."""
    from ..enums import profile_labels

    return profile_labels(list(codes or []))
