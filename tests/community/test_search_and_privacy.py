from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ecoc_hub.accounts.services import delete_account
from ecoc_hub.community import moderation, services
from ecoc_hub.community.privacy import export_community_data
from ecoc_hub.search.queries import search
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import make_space, make_thread

pytestmark = pytest.mark.django_db
KIND = ["community.thread"]


def _found(word, user):
    return search(word, user=user, kinds=KIND).total


def test_public_threads_are_found_by_anyone(member):
    make_thread(make_space(), body="Zythum festivals in winter")

    assert (_found("zythum", AnonymousUser()), _found("zythum", member)) == (1, 1)


def test_members_threads_are_kept_from_visitors(member):
    make_thread(make_space(access="members"), body="Zythum festivals")

    assert (_found("zythum", AnonymousUser()), _found("zythum", member)) == (0, 1)


def test_a_team_thread_is_found_by_its_team_only(member):
    team = OrganisationFactory()
    MembershipFactory(organisation=team, user=member)
    make_thread(services.team_space(organisation=team), body="Zythum budget")

    assert (_found("zythum", member), _found("zythum", UserFactory())) == (1, 0)


def test_a_hidden_post_leaves_the_index(member, curator):
    thread = make_thread(make_space(), body="Ordinary words")
    post = services.reply(thread=thread, author=member, body="Zythum spam")

    moderation.hide_post(post=post, moderator=curator, ground="terms", explanation="x")

    assert _found("zythum", curator) == 0
    assert _found("ordinary", curator) == 1


def test_making_a_space_members_only_reindexes_its_threads(member):
    space = make_space()
    make_thread(space, body="Zythum")

    services.update_space(
        space=space, name=space.name, access="members", description=""
    )

    assert _found("zythum", AnonymousUser()) == 0


def test_the_export_lists_posts_reports_and_earlier_versions(member):
    post = make_thread(make_space(), author=member, body="First").posts.get()
    services.edit_post(post=post, editor=member, body="Second")
    moderation.report_post(
        post=make_thread(make_space(name="B")).posts.get(),
        reporter=member,
        reason="spam",
        explanation="Ads.",
    )

    data = export_community_data(member)

    assert [p["text"] for p in data["posts"]] == ["Second"]
    assert data["posts"][0]["earlier_versions"][0]["text"] == "First"
    assert [r["reason"] for r in data["reports_made"]] == ["spam"]
    assert len(data["threads_started"]) == 1


def test_a_deleted_members_posts_stay_as_former_member(client, member):
    thread = make_thread(make_space(), author=member, body="Kept words")

    delete_account(user=member, contributions="anonymise")

    response = client.get(thread.get_absolute_url())
    assert "Kept words" in response.text
    assert "Former member" in response.text


def test_erasure_replaces_the_text(client, member):
    thread = make_thread(make_space(), author=member, body="Zythum secret")
    services.edit_post(post=thread.posts.get(), editor=member, body="Zythum again")

    delete_account(user=member, contributions="remove")

    post = thread.posts.get()
    response = client.get(thread.get_absolute_url())
    assert (post.body, post.is_erased, post.revisions.count()) == ("", True, 0)
    assert "The author erased this post." in response.text
    assert _found("zythum", AnonymousUser()) == 0
