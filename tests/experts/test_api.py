"""The experts' REST operations: the public pool and the published calls."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ecoc_hub.experts.pool_models import PoolExpert
from tests.experts.conftest import make_call
from tests.experts.support_factories import make_pool_expert

pytestmark = pytest.mark.django_db


def test_the_pool_lists_public_parts_only(client):
    profile = make_pool_expert(
        "Ana Ionescu", areas=["audience-development"], languages=[("ro", "C1")]
    )
    PoolExpert.objects.filter(expert=profile).update(show_email=True)
    hidden = make_pool_expert("Hidden")
    PoolExpert.objects.filter(expert=hidden).update(is_listed=False)

    body = client.get(reverse("rest:experts")).json()

    assert body["count"] == 1
    item = body["results"][0]
    assert item["name"] == "Ana Ionescu"
    assert item["capacity_areas"] == ["audience-development"]
    assert item["languages"] == [{"code": "ro", "level": "C1"}]
    assert profile.user.email not in str(body)


def test_the_pool_filters_by_language(client):
    make_pool_expert("Ana", languages=[("ro", "C1")])
    make_pool_expert("Bo", languages=[("da", "C2")])

    body = client.get(reverse("rest:experts"), {"language": "da"}).json()

    assert [r["name"] for r in body["results"]] == ["Bo"]


def test_an_unlisted_expert_is_not_found(client):
    profile = make_pool_expert("Hidden")
    entry = PoolExpert.objects.get(expert=profile)
    entry.is_listed = False
    entry.save()

    response = client.get(reverse("rest:expert", args=[entry.slug]))

    assert response.status_code == 404


def test_published_calls_are_listed_and_unpublished_ones_not_found(client):
    make_call(slug="open-call")
    make_call(slug="hidden-call", is_published=False)

    body = client.get(reverse("rest:expert_calls")).json()
    hidden = client.get(reverse("rest:expert_call", args=["hidden-call"]))

    assert [c["slug"] for c in body["results"]] == ["open-call"]
    assert body["results"][0]["open"] is True
    assert hidden.status_code == 404
