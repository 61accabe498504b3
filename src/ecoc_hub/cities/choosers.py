"""What finds a country or a title city in a chooser (core.forms.ChooserWidget):
its names in every interface language, so "Lissabon" finds Lisbon on an
English page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation

from .countries import country_name
from .models import Title


def country_terms(code: str) -> str:
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(country_name(code))
    return " ".join(sorted(names))


def title_terms(title: Title) -> str:
    """The city's names (Lisbon, Lisbonne, Lissabon) and its country's."""
    return " ".join([*title.city.all_names, country_terms(title.city.country_code)])


class TitleMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)  # "Lisbonne 1994": the city in the reader's language
