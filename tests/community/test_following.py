"""Following, notifications, e-mail as each person chose, digests and the
one-click unsubscribe (community/following.py, views/following.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import signing
from django.urls import reverse

from ecoc_hub.community import following, services
from ecoc_hub.community.mentions import ensure_handle
from ecoc_hub.community.models import (
    Digest,
    DirectoryEntry,
    Follow,
    Notification,
    Space,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import make_space, make_thread

pytestmark = pytest.mark.django_db


def _prefer(user, email: str, language: str = "en"):
    following.set_email_frequency(user=user, email=email)
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def test_the_author_follows_their_thread_and_a_replier_follows_it_too(member):
    thread = make_thread(make_space(), author=member)
    replier = UserFactory()

    services.reply(thread=thread, author=replier, body="Good question.")

    assert sorted(
        Follow.objects.filter(thread=thread, is_active=True).values_list(
            "user_id", flat=True
        )
    ) == sorted([member.pk, replier.pk])


def test_an_author_who_unfollowed_is_not_made_to_follow_again(member):
    thread = make_thread(make_space(), author=member)
    following.set_following(user=member, target=thread, follow=False)

    services.reply(thread=thread, author=member, body="One more thing.")

    assert following.follows(member, thread=thread) is False


def test_a_member_follows_and_unfollows_a_space_with_the_buttons(client, member):
    space = make_space()
    client.force_login(member)
    url = reverse("community:space_follow", args=[space.slug])

    client.post(url, {"follow": "1"})
    followed = following.followed_by(member)[0]
    client.post(url, {"follow": "0"})

    assert [s.pk for s in followed] == [space.pk]
    assert following.followed_by(member) == ([], [])


def test_following_is_a_post_only(client, member):
    space = make_space()
    client.force_login(member)

    response = client.get(reverse("community:space_follow", args=[space.slug]))

    assert response.status_code == 405
    assert Follow.objects.count() == 0


def test_the_settings_page_lists_what_the_person_follows(client, member):
    space = make_space(name="Volunteers")
    thread = make_thread(make_space(name="Funding"), author=member, title="Sponsors")
    following.set_following(user=member, target=space, follow=True)
    client.force_login(member)

    response = client.get(reverse("community:notification_settings"))

    assert [s.name for s in response.context["spaces"]] == ["Volunteers"]
    assert [t.title for t in response.context["threads"]] == [thread.title]


def test_a_reply_notifies_the_followers_on_the_site_but_not_its_author(member):
    thread = make_thread(make_space(), author=member)
    replier = UserFactory()

    post = services.reply(thread=thread, author=replier, body="We did it so.")

    assert list(
        Notification.objects.values_list("recipient_id", "kind", "post_id")
    ) == [(member.pk, "reply", post.pk)]


def test_a_new_thread_notifies_the_followers_of_the_space(member):
    space = make_space()
    following.set_following(user=member, target=space, follow=True)

    thread = make_thread(space, author=UserFactory())

    assert list(
        Notification.objects.values_list("recipient_id", "kind", "thread_id")
    ) == [(member.pk, "new_thread", thread.pk)]


def test_an_immediate_email_carries_the_one_click_unsubscribe_headers(
    member, mailoutbox
):
    thread = make_thread(make_space(), author=_prefer(member, "immediate"))

    services.reply(thread=thread, author=UserFactory(), body="Our answer & more.")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [member.email]
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    token = url.rsplit("/", 2)[-2]
    assert following.read_token(token)[:2] == (member, f"thread:{thread.pk}")
    assert "Our answer & more." in message.body
    assert url in message.body


def test_no_email_for_a_person_who_chose_none_but_the_site_still_shows_it(
    member, mailoutbox
):
    thread = make_thread(make_space(), author=_prefer(member, "none"))

    services.reply(thread=thread, author=UserFactory(), body="Hello.")

    assert mailoutbox == []
    assert Notification.objects.filter(recipient=member).count() == 1


def test_a_follower_who_lost_access_to_a_team_space_is_not_notified(mailoutbox):
    team = OrganisationFactory()
    leaver, stayer = UserFactory(), UserFactory()
    membership = MembershipFactory(organisation=team, user=leaver)
    MembershipFactory(organisation=team, user=stayer)
    space = services.team_space(organisation=team)
    thread = make_thread(space, author=_prefer(leaver, "immediate"))
    membership.delete()

    services.reply(thread=thread, author=stayer, body="Team only.")

    assert Notification.objects.filter(recipient=leaver).count() == 0
    assert mailoutbox == []


def test_a_visitor_cannot_follow_a_space_and_an_outsider_not_a_team_space(
    client, outsider
):
    space = services.team_space(organisation=OrganisationFactory())
    client.force_login(outsider)

    response = client.post(
        reverse("community:space_follow", args=[space.slug]), {"follow": "1"}
    )

    assert response.status_code == 404
    assert Follow.objects.filter(user=outsider).count() == 0


# Digests ----------------------------------------------------------------------

DAY = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def _at(when, fn):
    """Run ``fn`` as if it were ``when`` (notifications take their time)."""
    result = fn()
    Notification.objects.filter(created_at__gt=when).update(created_at=when)
    return result


def test_a_digest_has_one_entry_per_thread_however_many_posts(member, mailoutbox):
    _prefer(member, "daily")
    space = make_space()
    first = make_thread(space, author=member, title="Volunteers")
    second = make_thread(space, author=member, title="Sponsors")
    for body in ("One.", "Two.", "Three."):
        _at(
            DAY,
            lambda b=body: services.reply(thread=first, author=UserFactory(), body=b),
        )
    _at(DAY, lambda: services.reply(thread=second, author=UserFactory(), body="Four."))
    mailoutbox.clear()

    following.send_digests(now=DAY + timedelta(days=1))

    mine = [m for m in mailoutbox if m.to == [member.email]]
    assert len(mine) == 1
    message = mine[0]
    assert message.subject.endswith("Your daily digest: 2 threads with news")
    assert message.body.count("Volunteers") == 1
    assert message.body.count("Sponsors") == 1
    assert "3 new posts" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    digest = Digest.objects.get(recipient=member)
    assert (digest.frequency, digest.period) == ("daily", "2026-12-04")
    assert digest.notifications.count() == 4


def test_a_rerun_sends_no_digest_twice_and_later_posts_wait_for_the_next(
    member, mailoutbox
):
    _prefer(member, "daily")
    thread = make_thread(make_space(), author=member)
    replier = _prefer(UserFactory(), "none")
    _at(DAY, lambda: services.reply(thread=thread, author=replier, body="A."))
    run = DAY + timedelta(days=1)

    following.send_digests(now=run)
    later = run + timedelta(hours=1)
    _at(later, lambda: services.reply(thread=thread, author=replier, body="B."))
    again = following.send_digests(now=later + timedelta(minutes=5))
    next_day = following.send_digests(now=run + timedelta(days=1))

    assert (again, next_day) == (0, 1)
    assert len(mailoutbox) == 2
    assert list(Digest.objects.order_by("pk").values_list("period", flat=True)) == [
        "2026-12-04",
        "2026-12-05",
    ]


def test_a_crash_before_the_digest_is_recorded_sends_it_at_the_rerun(
    member, mailoutbox, monkeypatch
):
    _prefer(member, "weekly")
    thread = make_thread(make_space(), author=member)
    _at(DAY, lambda: services.reply(thread=thread, author=UserFactory(), body="A."))

    def crash(**kwargs):
        raise RuntimeError("the mail queue is down")

    monkeypatch.setattr(following, "queue_email", crash)
    with pytest.raises(RuntimeError):
        following.send_digests(now=DAY + timedelta(days=7))
    monkeypatch.undo()
    assert (Digest.objects.count(), mailoutbox) == (0, [])

    sent = following.send_digests(now=DAY + timedelta(days=7))

    assert sent == 1
    assert Digest.objects.get().period == "2026-W50"
    assert Notification.objects.get(recipient=member).digest is not None


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("fr", "Votre résumé quotidien"),
        ("de", "Ihre tägliche Zusammenfassung"),
    ],
)
def test_a_digest_is_written_in_the_persons_language(
    member, mailoutbox, language, subject
):
    _prefer(member, "daily", language)
    thread = make_thread(make_space(), author=member)
    _at(DAY, lambda: services.reply(thread=thread, author=UserFactory(), body="A."))

    following.send_digests(now=DAY + timedelta(days=1))

    assert subject in mailoutbox[0].subject


def test_a_digest_leaves_out_a_space_the_person_can_no_longer_read(mailoutbox):
    team = OrganisationFactory()
    leaver, stayer = UserFactory(), UserFactory()
    membership = MembershipFactory(organisation=team, user=leaver)
    MembershipFactory(organisation=team, user=stayer)
    _prefer(leaver, "daily")
    thread = make_thread(services.team_space(organisation=team), author=leaver)
    _at(DAY, lambda: services.reply(thread=thread, author=stayer, body="Secret."))
    membership.delete()

    sent = following.send_digests(now=DAY + timedelta(days=1))

    assert (sent, mailoutbox, Digest.objects.count()) == (0, [], 0)
    assert Notification.objects.filter(awaits_digest=True).count() == 0


# Unsubscribing --------------------------------------------------------------


def _unsubscribe_url(user, scope):
    token = following.unsubscribe_token(user=user, scope=scope)
    return reverse("community:unsubscribe", args=[token])


def test_the_unsubscribe_link_asks_first_and_a_get_changes_nothing(client, member):
    thread = make_thread(make_space(), author=member)

    response = client.get(_unsubscribe_url(member, f"thread:{thread.pk}"))

    assert response.status_code == 200
    assert response.context["scope"] == "thread"
    assert following.follows(member, thread=thread) is True


def test_the_unsubscribe_button_unfollows_the_thread_without_signing_in(client, member):
    thread = make_thread(make_space(), author=member)

    response = client.post(
        _unsubscribe_url(member, f"thread:{thread.pk}"), {"scope": "target"}
    )

    assert response.status_code == 200
    assert following.follows(member, thread=thread) is False
    assert following.email_frequency(member) == "daily"


def test_a_one_click_post_from_a_mail_program_unsubscribes_without_csrf(member):
    from django.test import Client

    space = make_space()
    following.set_following(user=member, target=space, follow=True)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        _unsubscribe_url(member, f"space:{space.pk}"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert following.follows(member, space=space) is False


def test_unsubscribing_from_everything_stops_all_community_email(client, member):
    thread = make_thread(make_space(), author=member)

    client.post(_unsubscribe_url(member, f"thread:{thread.pk}"), {"scope": "all"})

    assert following.email_frequency(member) == "none"


def test_a_forged_unsubscribe_link_changes_nothing(client, member):
    token = following.unsubscribe_token(user=member, scope="all")
    forged = signing.dumps({"u": member.pk, "s": "all"}, salt="another.salt")

    response = client.post(reverse("community:unsubscribe", args=[forged]))
    tampered = client.post(reverse("community:unsubscribe", args=[token[:-2] + "xx"]))

    assert (response.status_code, tampered.status_code) == (400, 400)
    assert response.context["expired"] is False
    assert following.email_frequency(member) == "daily"


def test_an_expired_unsubscribe_link_says_so_and_changes_nothing(
    client, member, monkeypatch
):
    url = _unsubscribe_url(member, "all")
    monkeypatch.setattr(following, "UNSUBSCRIBE_MAX_AGE", timedelta(seconds=-1))

    response = client.post(url)

    assert response.status_code == 400
    assert response.context["expired"] is True
    assert following.email_frequency(member) == "daily"


def test_the_settings_form_saves_the_frequency_and_the_handle(client, member):
    client.force_login(member)

    response = client.post(
        reverse("community:notification_settings"),
        {"email": "weekly", "handle": "aino_k"},
    )

    assert response.status_code == 302
    assert following.email_frequency(member) == "weekly"
    assert member.directory_entry.handle == "aino_k"


def test_the_settings_form_refuses_a_taken_or_bad_handle(client, member):
    other = UserFactory(display_name="Aino")
    ensure_handle(other)
    client.force_login(member)

    response = client.post(
        reverse("community:notification_settings"),
        {"email": "weekly", "handle": "aino"},
    )
    bad = client.post(
        reverse("community:notification_settings"),
        {"email": "weekly", "handle": "A b"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["handle"] == [
        "Another member has this handle. Choose another one."
    ]
    assert bad.status_code == 400
    assert following.email_frequency(member) == "daily"
    assert Space.objects.count() == 0


# Privacy ------------------------------------------------------------------------


def test_the_export_lists_follows_preference_and_notifications(member):
    from ecoc_hub.community.privacy import export_community_data

    _prefer(member, "weekly")
    thread = make_thread(make_space(), author=member, title="Volunteers")
    services.reply(thread=thread, author=UserFactory(), body="Hello.")

    data = export_community_data(member)

    assert [(f["thread"], f["following"]) for f in data["following"]] == [
        ("Volunteers", True)
    ]
    assert data["email_preference"] == "weekly"
    assert [(n["kind"], n["thread"]) for n in data["notifications"]] == [
        ("reply", "Volunteers")
    ]
    assert data["mention_handle"] == ensure_handle(member)


def test_the_deletion_removes_follows_preference_digests_and_mentions(member):
    from ecoc_hub.accounts.privacy import ContributionChoice
    from ecoc_hub.community.models import Mention, NotificationPreference
    from ecoc_hub.community.privacy import erase_community_data

    _prefer(member, "daily")
    handle = ensure_handle(member)
    thread = make_thread(make_space(), author=member)
    _at(
        DAY,
        lambda: services.reply(thread=thread, author=UserFactory(), body=f"@{handle}"),
    )
    following.send_digests(now=DAY + timedelta(days=1))

    erase_community_data(member, contributions=ContributionChoice.KEEP)

    assert Follow.objects.filter(user=member).count() == 0
    assert NotificationPreference.objects.filter(user=member).count() == 0
    assert Digest.objects.filter(recipient=member).count() == 0
    assert Mention.objects.filter(user=member).count() == 0
    assert Notification.objects.filter(recipient=member).count() == 0
    assert DirectoryEntry.objects.get(user=member).handle is None
