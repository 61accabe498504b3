import pytest


@pytest.mark.django_db
def test_home_lists_the_2026_title_cities(client, settings):
    response = client.get("/")

    assert response.status_code == 200
    names = [t.city.name for t in response.context["current_titles"]]
    assert names == ["Oulu", "Trenčín"] or response.context["current_year"] != 2026
