from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ecoc_hub.community import moderation, services
from ecoc_hub.community.models import Notification, Post, PostEvent, Statement
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError
from tests.factories import UserFactory

from .conftest import make_space, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def hold(settings):
    settings.ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS = True


def test_a_new_members_first_post_is_held_then_approved(hold, member, curator):
    thread = make_thread(make_space(), author=member)
    post = thread.posts.get()

    assert post.state == "held"
    moderation.approve_post(post=post, moderator=curator)

    post.refresh_from_db()
    assert post.state == "published"
    assert list(PostEvent.objects.values_list("action", "actor")) == [
        ("approve", curator.pk)
    ]
    assert Notification.objects.get().kind == "post_approved"


def test_a_second_post_is_not_held(hold, member, curator):
    thread = make_thread(make_space(), author=member)
    moderation.approve_post(post=thread.posts.get(), moderator=curator)

    reply = services.reply(thread=thread, author=member, body="Again.")

    assert reply.state == "published"


def test_a_team_space_never_holds_posts(hold, member):
    from tests.factories import OrganisationFactory

    space = services.team_space(organisation=OrganisationFactory())

    assert make_thread(space, author=member).posts.get().state == "published"


def test_others_do_not_see_a_thread_waiting_for_review(hold, client, member):
    space = make_space()
    thread = make_thread(space, author=member)

    listing = client.get(space.get_absolute_url())
    page = client.get(thread.get_absolute_url())

    assert list(listing.context["page"].object_list) == []
    assert page.status_code == 404


def test_the_author_sees_their_held_post(hold, client, member):
    thread = make_thread(make_space(), author=member)
    client.force_login(member)

    response = client.get(thread.get_absolute_url())

    assert response.status_code == 200
    assert "Your first post waits for a moderator" in response.text


def test_a_member_is_slowed_down_after_a_flood(client, member, monkeypatch):
    monkeypatch.setattr(moderation, "RATE_LIMIT", 2)
    thread = make_thread(make_space(), author=member)
    client.force_login(member)

    client.post(reverse("community:reply", args=[thread.pk]), {"body": "One"})
    response = client.post(
        reverse("community:reply", args=[thread.pk]), {"body": "Two"}
    )

    assert response.status_code == 400
    assert thread.posts.count() == 2
    assert "Wait a little" in response.text


def test_hiding_a_post_sends_a_statement_of_reasons(member, curator):
    post = make_thread(make_space(), author=member).posts.get()

    statement = moderation.hide_post(
        post=post, moderator=curator, ground="terms", explanation="Advertising."
    )

    post.refresh_from_db()
    assert post.state == "hidden"
    assert (statement.ground, statement.explanation, statement.notice) == (
        "terms",
        "Advertising.",
        None,
    )
    assert statement.event.actor == curator
    assert (
        Notification.objects.get(recipient=member).url == statement.get_absolute_url()
    )
    assert len(mail.outbox) == 1
    assert statement.get_absolute_url() in mail.outbox[0].body


def test_hiding_needs_reasons(member, curator):
    post = make_thread(make_space(), author=member).posts.get()

    with pytest.raises(TransitionError) as error:
        moderation.hide_post(
            post=post, moderator=curator, ground="terms", explanation=""
        )

    assert error.value.code == "comment_required"
    assert Statement.objects.count() == 0


def test_a_member_may_not_hide_posts(member):
    post = make_thread(make_space()).posts.get()

    with pytest.raises(ActionRefused):
        moderation.hide_post(
            post=post, moderator=member, ground="terms", explanation="x"
        )


def test_a_space_moderator_moderates_their_space_only(member):
    space, other = make_space(name="Mine"), make_space(name="Other")
    space.moderators.add(member)
    post = make_thread(space).posts.get()
    elsewhere = make_thread(other).posts.get()

    moderation.hide_post(post=post, moderator=member, ground="terms", explanation="x")
    with pytest.raises(ActionRefused):
        moderation.hide_post(
            post=elsewhere, moderator=UserFactory(), ground="terms", explanation="x"
        )

    assert Post.objects.get(pk=post.pk).state == "hidden"


def test_others_read_a_placeholder_for_a_hidden_post(client, member, curator):
    thread = make_thread(make_space(), body="First, visible.")
    hidden = services.reply(thread=thread, author=member, body="Buy my tickets")
    moderation.hide_post(
        post=hidden, moderator=curator, ground="terms", explanation="x"
    )

    response = client.get(thread.get_absolute_url())

    assert "Buy my tickets" not in response.text
    assert "A moderator hid this post." in response.text


def test_a_moderator_locks_pins_and_moves_a_thread(curator_client, member, client):
    space, other = make_space(name="Here"), make_space(name="There")
    thread = make_thread(space)

    curator_client.post(
        reverse("community:thread_moderate", args=[thread.pk]), {"action": "lock"}
    )
    curator_client.post(
        reverse("community:thread_moderate", args=[thread.pk]), {"action": "pin"}
    )
    curator_client.post(
        reverse("community:thread_move", args=[thread.pk]), {"space": other.pk}
    )

    thread.refresh_from_db()
    assert (thread.is_locked, thread.is_pinned, thread.space) == (True, True, other)
    client.force_login(member)
    refused = client.post(reverse("community:reply", args=[thread.pk]), {"body": "Hi"})
    assert refused.status_code == 403
