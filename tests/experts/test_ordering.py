"""Lists read by name are sorted by the name in the reader's language, not by
the code behind it (issue 13): the call manager's pages, the forms' menus
and the lists of capacity areas and profiles."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from ecoc_hub.core.collation import sort_by_name
from ecoc_hub.experts import review
from ecoc_hub.experts.enums import Profile
from ecoc_hub.experts.support_forms import SupportRequestForm
from tests.experts.conftest import make_call, submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILES = (Profile.MANAGEMENT, Profile.AUDIENCE, Profile.DIGITAL, Profile.EVALUATION)


def _headings(html: str) -> list[str]:
    return re.findall(r"<h2>([^<]+)</h2>", html)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Audience development",
                "Digital",
                "Management",
                "Monitoring and evaluation",
            ],
        ),
        (
            "fr",
            [
                "Développement des publics",
                "Gestion",
                "Numérique",
                "Suivi et évaluation",
            ],
        ),
        (
            "de",
            [
                "Digitales",
                "Management",
                "Monitoring und Evaluierung",
                "Publikumsentwicklung",
            ],
        ),
    ],
)
def test_the_ranking_lists_the_profiles_by_their_names_in_the_reader_s_language(
    curator_client, language, expected
):
    call = make_call(profiles=PROFILES)
    for number, code in enumerate(PROFILES):
        submitted(call, name=f"Person {number}", profiles=[code])
    curator_client.cookies["ecoc_hub_language"] = language

    response = curator_client.get(reverse("experts:ranking", args=[call.slug]))

    assert _headings(response.content.decode()) == expected


def test_the_assignment_page_lists_each_profile_s_reviewers_by_name(curator_client):
    call = make_call(profiles=(Profile.MANAGEMENT,))
    for name in ("Zoë Quill", "Émile Roux", "Anna Berg"):
        review.add_reviewer(
            call=call, user=UserFactory(display_name=name), profiles=["management"]
        )
    submitted(call, profiles=[Profile.MANAGEMENT])

    response = curator_client.get(reverse("experts:assignment", args=[call.slug]))

    html = response.content.decode()
    loads = re.findall(r"<li>([^<:]+): \d+ application", html)
    assert loads == ["Anna Berg", "Émile Roux", "Zoë Quill"]


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_the_request_form_offers_areas_and_profiles_by_their_names(language):
    with translation.override(language):
        form = SupportRequestForm()
        areas = [str(label) for _value, label in form.fields["capacity_areas"].choices]
        profiles = [str(label) for _value, label in form.fields["profiles"].choices]

        assert areas == sort_by_name(areas)
        assert len(areas) == 23
        assert profiles == sort_by_name(profiles)
        assert len(profiles) == len(Profile.choices)


def test_a_chosen_area_stays_ticked_in_the_sorted_list():
    from ecoc_hub.cities.models import CapacityArea

    area = CapacityArea.objects.get(code="digital")

    html = str(SupportRequestForm(initial={"capacity_areas": [area]}))

    ticked = re.findall(r'<input[^>]*value="(\d+)"[^>]*checked', html)
    assert ticked == [str(area.pk)]


def test_the_call_page_lists_its_profiles_by_their_names_in_german(client):
    call = make_call(profiles=PROFILES)
    client.cookies["ecoc_hub_language"] = "de"

    html = client.get(call.get_absolute_url()).content.decode()

    found = re.findall(r"<h3>([^<]+)</h3>", html)
    assert found == [
        "Digitales",
        "Management",
        "Monitoring und Evaluierung",
        "Publikumsentwicklung",
    ]
