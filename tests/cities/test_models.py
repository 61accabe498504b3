import pytest
from django.utils import translation

from ecoc_hub.cities.models import CapacityArea, City, Criterion, Title

pytestmark = pytest.mark.django_db


def test_criterion_name_and_description_are_translated():
    criterion = Criterion.objects.get(letter="B")

    with translation.override("fr"):
        assert criterion.display_name == "Dimension européenne"
    with translation.override("de"):
        assert criterion.display_name == "Europäische Dimension"
        assert criterion.display_description.startswith("Artikel 5 Buchstabe b:")


def test_capacity_area_name_is_translated():
    area = CapacityArea.objects.get(code="legacy")

    with translation.override("de"):
        assert area.display_name == "Nachwirkung und Nachhaltigkeit"
    with translation.override("en"):
        assert area.display_name == "Legacy and sustainability"


def test_title_note_and_status_are_translated():
    title = Title.objects.get(city__name="Kiruna", year=2029)

    with translation.override("fr"):
        assert title.display_note == (
            "une seule source de presse ; à vérifier avant publication"
        )
        assert title.get_status_display() == "Non vérifié"


def test_city_country_name_is_translated():
    city = City.objects.get(slug="trencin-sk")

    with translation.override("de"):
        assert city.country_name == "Slowakei"


def test_directory_page_in_french(client):
    response = client.get("/cities/", {"q": "oulu"}, headers={"Accept-Language": "fr"})

    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "<h1>Capitales européennes de la culture, 1985\u20132030</h1>" in content
    assert '<span class="meta">Finlande</span>' in content
    assert "1 titre trouvé" in content
