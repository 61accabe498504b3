from __future__ import annotations

import pytest

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.community import services
from ecoc_hub.community.models import PostRevision, Space
from tests.factories import OrganisationFactory

from .conftest import make_space, make_thread

pytestmark = pytest.mark.django_db


def test_each_capacity_area_gets_one_public_space_once():
    areas = CapacityArea.objects.count()

    first = services.ensure_area_spaces()
    second = services.ensure_area_spaces()

    assert (first, second) == (areas, 0)
    assert Space.objects.filter(kind="area", access="public").count() == areas


def test_a_team_space_is_made_once_and_private():
    team = OrganisationFactory(name="Oulu team", slug="oulu-team")

    space = services.team_space(organisation=team)

    assert services.team_space(organisation=team) == space
    assert (space.kind, space.access, space.slug) == ("team", "team", "team-oulu-team")


def test_two_spaces_of_one_name_get_two_slugs():
    assert [make_space(name="Volunteers").slug for _ in range(2)] == [
        "volunteers",
        "volunteers-2",
    ]


def test_a_reply_moves_the_thread_up(member):
    space = make_space()
    older = make_thread(space, title="Older")
    newer = make_thread(space, title="Newer")

    services.reply(thread=older, author=member, body="Up you go.")

    assert list(space.threads.values_list("title", flat=True)) == ["Older", "Newer"]
    assert older.posts.count() == 2
    assert newer.posts.count() == 1


def test_an_edit_keeps_the_text_it_replaced(member):
    post = make_thread(make_space(), author=member, body="First words").posts.get()

    services.edit_post(post=post, editor=member, body="Better words")
    services.edit_post(post=post, editor=member, body="Better words")

    post.refresh_from_db()
    assert post.body == "Better words"
    assert post.edited_at is not None
    assert list(PostRevision.objects.values_list("body", "edited_by")) == [
        ("First words", member.pk)
    ]


def test_the_start_up_hook_opens_the_area_spaces():
    services.area_spaces_hook(None)

    assert Space.objects.filter(kind="area").count() == CapacityArea.objects.count()
