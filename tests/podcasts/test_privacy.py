"""Podcast appearances in the data export and at account deletion."""

from __future__ import annotations

import pytest

from ecoc_hub.accounts import services as account_services
from ecoc_hub.accounts.privacy import export_user_data
from ecoc_hub.podcasts.models import Person
from ecoc_hub.podcasts.search_index import KIND
from ecoc_hub.search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(member, episode):
    Person.objects.create(
        episode=episode,
        name="mia member",  # credited by name, in another letter case
        role="guest",
        href="https://mia.example.org",
    )
    Person.objects.create(episode=episode, name="Hugo Host", role="host")
    return member


def test_export_lists_the_episodes_that_credit_the_person(guest, episode):
    data = export_user_data(guest)["podcasts"]

    assert data == {
        "appearances": [
            {
                "show": "Capital Conversations",
                "episode": "Audience development",
                "url": "http://127.0.0.1:8000" + episode.get_absolute_url(),
                "role": "guest",
                "credited_as": "mia member",
                "web_page": "https://mia.example.org",
                "picture": "",
            }
        ]
    }


def test_a_person_without_a_display_name_has_no_appearances(outsider, episode):
    outsider.display_name = ""
    outsider.save()
    Person.objects.create(episode=episode, name="", role="guest")

    assert export_user_data(outsider)["podcasts"] == {"appearances": []}


def _names(episode) -> list[str]:
    return list(episode.people.order_by("pk").values_list("name", flat=True))


def test_keep_leaves_the_credit(guest, episode):
    account_services.delete_account(user=guest, contributions="keep")

    assert _names(episode) == ["mia member", "Hugo Host"]


def test_anonymise_credits_former_member_without_links(guest, episode):
    account_services.delete_account(user=guest, contributions="anonymise")

    assert _names(episode) == ["Former member", "Hugo Host"]
    assert episode.people.get(role="guest").href == ""
    document = SearchDocument.objects.get(kind=KIND, object_id=episode.pk)
    assert document.title == "Audience development"


def test_remove_deletes_the_credit_only(guest, episode):
    account_services.delete_account(user=guest, contributions="remove")

    assert _names(episode) == ["Hugo Host"]
    episode.refresh_from_db()
    assert episode.state == "published"
