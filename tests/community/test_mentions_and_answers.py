from __future__ import annotations

import pytest
from django.urls import reverse

from ecoc_hub.community import following, services
from ecoc_hub.community.mentions import ensure_handle, handles_in
from ecoc_hub.community.models import DirectoryEntry, Mention, Notification
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import make_space, make_thread

pytestmark = pytest.mark.django_db


def _handle(user, handle: str, *, listed: bool = False):
    DirectoryEntry.objects.update_or_create(
        user=user, defaults={"handle": handle, "is_listed": listed}
    )
    return user


def test_handles_are_found_but_not_in_email_addresses():
    assert handles_in("Hi @aino_k and @ben-2, write to x@example.org") == {
        "aino_k",
        "ben-2",
    }


def test_a_mention_of_a_listed_member_links_to_their_profile(client, member):
    aino = _handle(UserFactory(), "aino", listed=True)
    thread = make_thread(make_space(), author=member, body="Ask @aino, not `@aino`.")

    response = client.get(thread.get_absolute_url())

    profile = reverse("accounts:profile", args=[aino.pk])
    assert f'<a class="mention" href="{profile}">@aino</a>' in response.text
    assert "<code>@aino</code>" in response.text


def test_a_mention_of_an_unlisted_member_is_text_but_still_notifies(client, member):
    ben = _handle(UserFactory(), "ben")

    thread = make_thread(make_space(), author=member, body="Thanks @ben!")
    response = client.get(thread.get_absolute_url())

    assert 'class="mention"' not in response.text
    assert list(Notification.objects.values_list("recipient_id", "kind")) == [
        (ben.pk, "mention")
    ]


def test_a_mention_in_a_team_space_does_not_reach_someone_outside_it(mailoutbox):
    team = OrganisationFactory()
    author = UserFactory()
    MembershipFactory(organisation=team, user=author)
    outsider = _handle(UserFactory(), "outsider")
    following.set_email_frequency(user=outsider, email="immediate")

    make_thread(
        services.team_space(organisation=team),
        author=author,
        body="Secret plan, @outsider.",
    )

    assert Notification.objects.filter(recipient=outsider).count() == 0
    assert Mention.objects.count() == 0
    assert mailoutbox == []


def test_an_edit_tells_only_the_newly_mentioned(member):
    ben, cleo = _handle(UserFactory(), "ben"), _handle(UserFactory(), "cleo")
    thread = make_thread(make_space(), author=member, body="Hi @ben.")
    post = thread.posts.get()

    services.edit_post(post=post, editor=member, body="Hi @ben, and hello @cleo.")
    services.edit_post(post=post, editor=member, body="Hi @ben and @cleo!")

    assert sorted(
        Notification.objects.filter(kind="mention").values_list(
            "recipient_id", flat=True
        )
    ) == sorted([ben.pk, cleo.pk])


def test_a_mentioned_follower_gets_one_notification_not_two(member):
    thread = make_thread(make_space(), author=_handle(member, "aino"))

    services.reply(thread=thread, author=UserFactory(), body="@aino: here it is.")

    assert list(Notification.objects.values_list("kind", flat=True)) == ["mention"]


def test_posting_gives_the_author_a_handle_from_their_name():
    author = UserFactory(display_name="Élodie Martin")

    make_thread(make_space(), author=author)

    assert ensure_handle(author) == "elodie_martin"


# Marked as answer -------------------------------------------------------------


def _question(author):
    thread = services.start_thread(
        space=make_space(),
        author=author,
        title="How many volunteers?",
        body="Tell us.",
        kind="question",
        language="en",
    )
    reply = services.reply(thread=thread, author=UserFactory(), body="About 1,200.")
    return thread, reply


def test_the_author_of_a_question_marks_a_reply_as_the_answer(client, member):
    thread, reply = _question(member)
    client.force_login(member)

    response = client.post(
        reverse("community:thread_answer", args=[thread.pk]), {"post": reply.pk}
    )
    thread.refresh_from_db()
    page = client.get(thread.get_absolute_url())
    listing = client.get(thread.space.get_absolute_url())

    assert response.status_code == 302
    assert thread.answer_id == reply.pk
    assert page.context["answer"]["post"] == reply
    assert list(thread.events.values_list("action", "post_id", "actor_id")) == [
        ("answer_marked", reply.pk, member.pk)
    ]
    assert "Answered" in listing.text
    assert (
        Notification.objects.filter(recipient=reply.author, kind="answer").count() == 1
    )


def test_another_member_cannot_mark_the_answer(client, member):
    thread, reply = _question(UserFactory())
    client.force_login(member)

    response = client.post(
        reverse("community:thread_answer", args=[thread.pk]), {"post": reply.pk}
    )

    thread.refresh_from_db()
    assert (response.status_code, thread.answer_id) == (403, None)


def test_a_moderator_marks_and_replaces_and_unmarks_the_answer(curator_client):
    client = curator_client
    thread, first = _question(UserFactory())
    second = services.reply(thread=thread, author=UserFactory(), body="Or 900.")
    url = reverse("community:thread_answer", args=[thread.pk])

    client.post(url, {"post": first.pk})
    client.post(url, {"post": second.pk})
    thread.refresh_from_db()
    replaced = thread.answer_id
    client.post(url, {"post": ""})
    thread.refresh_from_db()

    assert (replaced, thread.answer_id) == (second.pk, None)
    assert list(thread.events.values_list("action", "post_id")) == [
        ("answer_marked", first.pk),
        ("answer_marked", second.pk),
        ("answer_unmarked", second.pk),
    ]


def test_the_question_itself_or_a_reply_elsewhere_cannot_be_the_answer(client, member):
    thread, _reply = _question(member)
    _other, elsewhere = _question(member)
    client.force_login(member)
    url = reverse("community:thread_answer", args=[thread.pk])

    own = client.post(url, {"post": thread.posts.order_by("pk")[0].pk})
    foreign = client.post(url, {"post": elsewhere.pk})

    thread.refresh_from_db()
    assert (own.status_code, foreign.status_code, thread.answer_id) == (403, 403, None)


def test_a_discussion_has_no_answer_to_mark(client, member):
    thread = make_thread(make_space(), author=member)
    reply = services.reply(thread=thread, author=UserFactory(), body="Yes.")
    client.force_login(member)

    response = client.post(
        reverse("community:thread_answer", args=[thread.pk]), {"post": reply.pk}
    )

    assert response.status_code == 403
