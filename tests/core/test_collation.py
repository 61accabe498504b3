"""Names sorted as the reader's language sorts them (core.collation)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from ecoc_hub.cities.countries import country_name
from ecoc_hub.core.collation import collation_key, sort_by_name, sort_choices

COUNTRIES = ["AT", "DE", "EE", "EG", "ES", "IE", "OM", "TR"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Austria",
                "Egypt",
                "Estonia",
                "Germany",
                "Ireland",
                "Oman",
                "Spain",
                "Türkiye",
            ],
        ),
        (
            "fr",
            [
                "Allemagne",
                "Autriche",
                "Égypte",
                "Espagne",
                "Estonie",
                "Irlande",
                "Oman",
                "Türkiye",
            ],
        ),
        (
            "de",
            [
                "Ägypten",
                "Deutschland",
                "Estland",
                "Irland",
                "Oman",
                "Österreich",
                "Spanien",
                "Türkei",
            ],
        ),
    ],
)
def test_countries_sort_by_their_names_in_the_reader_s_language(language, expected):
    with translation.override(language):
        ordered = sort_by_name(COUNTRIES, key=country_name)

        assert [country_name(code) for code in ordered] == expected


def test_an_accented_letter_sorts_with_its_letter_not_after_z():
    names = ["Zypern", "Österreich", "Éire", "Oman", "Estland", "Ungarn"]

    assert sort_by_name(names) == [
        "Éire",
        "Estland",
        "Oman",
        "Österreich",
        "Ungarn",
        "Zypern",
    ]


def test_letters_without_a_decomposition_sort_as_their_latin_spelling():
    names = ["Lyon", "Łódź", "Oulu", "Ørsted", "Oeuvre", "Œdipe", "Straßburg"]

    assert sort_by_name(names) == [
        "Łódź",
        "Lyon",
        "Œdipe",
        "Oeuvre",
        "Ørsted",
        "Oulu",
        "Straßburg",
    ]


def test_case_does_not_count_and_ties_always_come_out_in_the_same_order():
    names = ["côté", "Cote", "cote", "coté", "côte", "bravo", "Delta"]

    assert sort_by_name(names) == [
        "bravo",
        "cote",
        "Cote",
        "coté",
        "côte",
        "côté",
        "Delta",
    ]
    assert sort_by_name(reversed(names)) == sort_by_name(names)


def test_spacing_and_typographic_punctuation_do_not_change_the_order():
    letters, accents, _case = collation_key("Côte  d\u2019Ivoire")

    assert (letters, accents) == collation_key("Côte d'Ivoire")[:2]
    assert sort_by_name(["Côte d\u2019Ivoire", "Côte dans"]) == [
        "Côte d\u2019Ivoire",
        "Côte dans",
    ]


def test_choices_are_sorted_by_their_labels_not_their_values():
    pairs = [("b", "Zeta"), ("z", "Alpha"), ("a", "Émile")]

    assert sort_choices(pairs) == [("z", "Alpha"), ("a", "Émile"), ("b", "Zeta")]


def test_the_template_filter_sorts_by_an_attribute_in_the_active_language():
    class Named:
        def __init__(self, code):
            self.code = code

        @property
        def display_name(self):
            return country_name(self.code)

    template = Template(
        '{% load collation %}{% for c in items|by_name:"display_name" %}'
        "{{ c.display_name }};{% endfor %}"
    )
    items = [Named("AT"), Named("OM"), Named("DE")]

    with translation.override("de"):
        assert template.render(Context({"items": items})) == (
            "Deutschland;Oman;Österreich;"
        )
    with translation.override("fr"):
        assert template.render(Context({"items": items})) == (
            "Allemagne;Autriche;Oman;"
        )
