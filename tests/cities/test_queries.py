import pytest

from ecoc_hub.cities.models import Title
from ecoc_hub.cities.queries import DirectoryFilters, directory, home_titles

pytestmark = pytest.mark.django_db


def _names(groups) -> list[str]:
    return [f"{t.city.name} {t.year}" for group in groups for t in group.titles]


def test_directory_filters_by_decade(member):
    groups = directory(user=member, filters=DirectoryFilters(decade=1980))

    assert _names(groups) == [
        "Athens 1985",
        "Florence 1986",
        "Amsterdam 1987",
        "West Berlin 1988",
        "Paris 1989",
    ]


def test_directory_groups_the_titles_of_a_year_in_name_order(member):
    groups = directory(
        user=member,
        filters=DirectoryFilters(decade=2020, status=Title.Status.DESIGNATED),
    )

    assert [(g.year, [t.city.name for t in g.titles]) for g in groups] == [
        (2027, ["Évora", "Liepāja"]),
        (2028, ["Bourges", "České Budějovice", "Skopje"]),
    ]


def test_directory_filters_by_country_and_status(member):
    groups = directory(
        user=member, filters=DirectoryFilters(country="FR", status=Title.Status.HELD)
    )

    assert _names(groups) == [
        "Paris 1989",
        "Avignon 2000",
        "Lille 2004",
        "Marseille 2013",
    ]


def test_directory_hides_unverified_titles_from_a_member(member):
    groups = directory(user=member, filters=DirectoryFilters(q="kiruna"))

    assert groups == []


def test_directory_shows_unverified_titles_to_a_curator(curator):
    groups = directory(user=curator, filters=DirectoryFilters(q="kiruna"))

    assert _names(groups) == ["Kiruna 2029"]


def test_home_titles_are_this_years_and_the_next_four_years_without_unverified():
    context = home_titles(year=2026)

    assert [t.city.name for t in context["current_titles"]] == ["Oulu", "Trenčín"]
    assert [
        (g.year, [t.city.name for t in g.titles]) for g in context["next_years"]
    ] == [
        (2027, ["Évora", "Liepāja"]),
        (2028, ["Bourges", "České Budějovice", "Skopje"]),
        (2029, ["Lublin"]),
        (2030, ["Larnaca", "Leuven", "Nikšić"]),
    ]
