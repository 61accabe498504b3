from django.utils import translation

from ecoc_hub.cities.countries import COUNTRY_NAMES, country_choices, country_name, fold
from ecoc_hub.cities.reference import read_csv


def test_every_country_of_the_directory_has_a_translatable_name():
    codes = {row["country_code"] for row in read_csv("ecoc_titles.csv")}

    assert codes - set(COUNTRY_NAMES) == set()


def test_country_name_falls_back_to_the_stored_name_for_an_unknown_code():
    assert country_name("ZZ", "Zembla") == "Zembla"


def test_fold_ignores_case_and_accents():
    assert fold("Trenčín") == fold("TRENCIN") == "trencin"


def test_country_choices_are_sorted_by_their_name():
    names = [name for _, name in country_choices()]

    assert names == sorted(names, key=fold)
    assert len(names) == len(COUNTRY_NAMES)


def test_country_names_are_translated():
    with translation.override("de"):
        assert country_name("DE") == "Deutschland"
    with translation.override("fr"):
        assert country_name("DE") == "Allemagne"


def test_the_country_names_filter_reads_one_code_as_one_country():
    from ecoc_hub.cities.templatetags.places import country_names

    with translation.override("en"):
        assert country_names("BE") == "Belgium"
        assert country_names(["BE", "FI"]) == "Belgium, Finland"
        assert country_names("") == ""
