from pathlib import Path

import pytest

from ecoc_hub.cities import reference_strings
from ecoc_hub.cities.models import CapacityArea, City, Criterion, Title
from ecoc_hub.cities.reference import (
    ensure_reference_data,
    load_reference_data,
    read_csv,
    reference_strings_source,
)


def test_reference_strings_file_is_generated_from_the_current_data():
    path = Path(reference_strings.__file__)

    assert path.read_text(encoding="utf-8") == reference_strings_source()


def test_reference_strings_hold_every_name_description_and_note():
    wanted = {row["name"] for row in read_csv("criteria.csv")}
    wanted |= {row["description"] for row in read_csv("criteria.csv")}
    wanted |= {row["name"] for row in read_csv("capacity_areas.csv")}
    wanted |= {row["description"] for row in read_csv("capacity_areas.csv")}
    wanted |= {row["note"] for row in read_csv("ecoc_titles.csv") if row["note"]}

    assert set(reference_strings.STRINGS) == wanted


@pytest.mark.django_db
def test_the_migration_loaded_every_row_of_the_reference_data():
    assert Criterion.objects.count() == len(read_csv("criteria.csv"))
    assert CapacityArea.objects.count() == len(read_csv("capacity_areas.csv"))
    assert Title.objects.count() == len(read_csv("ecoc_titles.csv"))


@pytest.mark.django_db
def test_loading_the_reference_data_again_changes_nothing():
    before = (
        list(
            Title.objects.order_by("pk").values_list("pk", "year", "city_id", "status")
        ),
        City.objects.count(),
        CapacityArea.objects.count(),
    )

    counts = load_reference_data()

    after = (
        list(
            Title.objects.order_by("pk").values_list("pk", "year", "city_id", "status")
        ),
        City.objects.count(),
        CapacityArea.objects.count(),
    )
    assert after == before
    assert counts == {
        "criteria": 6,
        "capacity_areas": len(read_csv("capacity_areas.csv")),
        "titles": len(read_csv("ecoc_titles.csv")),
    }


@pytest.mark.django_db
def test_ensure_reference_data_loads_nothing_when_the_data_is_there():
    assert ensure_reference_data() is False


@pytest.mark.django_db
def test_ensure_reference_data_reloads_an_emptied_directory():
    Title.objects.all().delete()

    loaded = ensure_reference_data()

    assert loaded is True
    assert Title.objects.count() == len(read_csv("ecoc_titles.csv"))
