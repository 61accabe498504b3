"""City names in the interface languages: shipped for every title city and
used by the directory, its search, the city pages and the site search."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from ecoc_hub.cities.models import City
from ecoc_hub.cities.names import all_city_names, city_name
from ecoc_hub.cities.reference import read_csv


def test_every_title_city_has_a_name_in_every_interface_language():
    cities = {(row["city"], row["country_code"]) for row in read_csv("ecoc_titles.csv")}
    rows = {
        (row["city"], row["country_code"]): row for row in read_csv("city_names.csv")
    }

    assert set(rows) == cities
    for key, row in rows.items():
        assert row["en"] == key[0]
        assert all(row[code].strip() for code, _name in settings.LANGUAGES), key


@pytest.mark.parametrize(
    ("city", "code", "french", "german"),
    [
        ("Brussels", "BE", "Bruxelles", "Brüssel"),
        ("Lisbon", "PT", "Lisbonne", "Lissabon"),
        ("Genoa", "IT", "Gênes", "Genua"),
        ("Antwerp", "BE", "Anvers", "Antwerpen"),
        ("Kraków", "PL", "Cracovie", "Krakau"),
        ("Wrocław", "PL", "Wrocław", "Breslau"),
        ("Valletta", "MT", "La Valette", "Valletta"),
        ("West Berlin", "DE", "Berlin-Ouest", "West-Berlin"),
        ("Oulu", "FI", "Oulu", "Oulu"),
    ],
)
def test_city_names_follow_the_language(city, code, french, german):
    assert city_name(city, code, "en") == city
    assert city_name(city, code, "fr") == french
    assert city_name(city, code, "de") == german


def test_all_names_lists_each_name_once_the_stored_one_first():
    assert all_city_names("Brussels", "BE") == ["Brussels", "Bruxelles", "Brüssel"]
    assert all_city_names("Oulu", "FI") == ["Oulu"]


@pytest.mark.django_db
def test_directory_search_finds_a_city_by_its_name_in_any_language(client):
    response = client.get("/cities/", {"q": "brussel"})

    listed = [t.city.name for g in response.context["year_groups"] for t in g.titles]
    assert listed == ["Brussels"]


@pytest.mark.django_db
def test_directory_and_city_page_show_the_german_name(client):
    client.cookies["ecoc_hub_language"] = "de"

    directory = client.get("/cities/", {"q": "lisbon"}).content.decode()
    city = City.objects.get(name="Lisbon")
    page = client.get(city.get_absolute_url()).content.decode()

    assert f'<a href="/cities/{city.slug}/1994/">Lissabon</a>' in directory
    assert "<h1>Lissabon</h1>" in page


@pytest.mark.django_db
def test_a_title_reads_in_the_active_language():
    title = City.objects.get(name="Genoa").titles.get(year=2004)

    with translation.override("fr"):
        assert str(title) == "Gênes 2004"
