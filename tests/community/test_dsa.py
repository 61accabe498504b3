from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.community import moderation, permissions, transparency
from ecoc_hub.community.models import Notice, Notification
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError
from tests.conftest import _with_mfa
from tests.factories import UserFactory

from .conftest import make_space, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(member):
    return make_thread(make_space(), author=member).posts.get()


def test_a_visitor_reports_a_post_with_a_reason(client, post):
    response = client.post(
        reverse("community:report", args=[post.pk]),
        {
            "reason": "illegal",
            "explanation": "It defames a person.",
            "email": "someone@example.org",
            "good_faith": "on",
        },
    )

    notice = Notice.objects.get()
    assert response.status_code == 302
    assert (notice.reason, notice.reporter, notice.reporter_email, notice.state) == (
        "illegal",
        None,
        "someone@example.org",
        "open",
    )


def test_a_report_needs_the_good_faith_statement(client, post):
    response = client.post(
        reverse("community:report", args=[post.pk]),
        {"reason": "spam", "explanation": "Ads."},
    )

    assert response.status_code == 200
    assert Notice.objects.count() == 0


def test_upholding_a_notice_hides_the_post_and_tells_both_sides(post, curator):
    reporter = UserFactory()
    notice = moderation.report_post(
        post=post, reporter=reporter, reason="spam", explanation="Ads."
    )

    moderation.decide_notice(
        notice=notice,
        moderator=curator,
        hide=True,
        ground="terms",
        explanation="Commercial advertising is against the rules.",
    )

    notice.refresh_from_db()
    post.refresh_from_db()
    statement = post.statements.get()
    assert (notice.state, post.state, statement.notice) == (
        "actioned",
        "hidden",
        notice,
    )
    assert notice.decided_at is not None
    assert list(notice.events.values_list("action", "actor")) == [
        ("action", curator.pk)
    ]
    assert sorted(Notification.objects.values_list("recipient", "kind")) == sorted(
        [(post.author_id, "statement"), (reporter.pk, "notice_decided")]
    )


def test_hiding_on_a_notice_needs_a_ground(post, curator):
    notice = moderation.report_post(
        post=post, reporter=None, reason="spam", explanation="Ads."
    )

    with pytest.raises(TransitionError) as error:
        moderation.decide_notice(
            notice=notice, moderator=curator, hide=True, explanation="x"
        )

    assert error.value.field == "ground"
    assert Notice.objects.get().state == "open"


def test_dismissing_a_notice_leaves_the_post(post, curator):
    notice = moderation.report_post(
        post=post, reporter=None, reason="other", explanation="I dislike it."
    )

    moderation.decide_notice(
        notice=notice, moderator=curator, hide=False, explanation="Not against rules."
    )

    post.refresh_from_db()
    assert (Notice.objects.get().state, post.state) == ("dismissed", "published")


def test_a_notice_is_decided_once(post, curator):
    notice = moderation.report_post(
        post=post, reporter=None, reason="other", explanation="x"
    )
    moderation.decide_notice(
        notice=notice, moderator=curator, hide=False, explanation="No."
    )

    with pytest.raises(TransitionError) as error:
        moderation.decide_notice(
            notice=notice, moderator=curator, hide=False, explanation="No."
        )

    assert error.value.code == "wrong_state"


def test_the_author_contests_and_another_curator_reverses(post, curator, member):
    statement = moderation.hide_post(
        post=post, moderator=curator, ground="terms", explanation="x"
    )
    appeal = moderation.appeal(statement=statement, text="It was on topic.")
    second = _with_mfa(UserFactory(roles=["curator"]))

    with pytest.raises(ActionRefused):
        moderation.decide_appeal(
            appeal=appeal, curator=curator, reverse_decision=True, comment="Mine."
        )
    moderation.decide_appeal(
        appeal=appeal, curator=second, reverse_decision=True, comment="On topic."
    )

    post.refresh_from_db()
    appeal.refresh_from_db()
    assert (appeal.state, post.state) == ("reversed", "published")
    assert Notification.objects.filter(recipient=member).latest("pk").kind == (
        "appeal_decided"
    )
    assert permissions.can_appeal(member, statement) is False


def test_the_statement_page_offers_the_appeal(client, post, curator, member):
    statement = moderation.hide_post(
        post=post, moderator=curator, ground="illegal", explanation="Defamation."
    )
    client.force_login(member)

    page = client.get(statement.get_absolute_url())
    sent = client.post(
        reverse("community:appeal", args=[statement.pk]), {"text": "It is true."}
    )

    assert "Defamation." in page.text
    assert reverse("community:appeal", args=[statement.pk]) in page.text
    assert sent.status_code == 302
    assert statement.appeal.text == "It is true."


def test_the_moderator_decides_a_notice_on_its_page(curator_client, post):
    notice = moderation.report_post(
        post=post, reporter=None, reason="spam", explanation="Ads."
    )

    response = curator_client.post(
        notice.get_absolute_url(),
        {"decision": "hide", "ground": "terms", "comment": "Advertising."},
    )

    post.refresh_from_db()
    assert response.status_code == 302
    assert post.state == "hidden"


def test_the_transparency_page_counts_per_month(client, post, curator):
    first = moderation.report_post(
        post=post, reporter=None, reason="spam", explanation="x"
    )
    moderation.report_post(post=post, reporter=None, reason="spam", explanation="y")
    moderation.decide_notice(
        notice=first, moderator=curator, hide=False, explanation="No."
    )
    other = make_thread(make_space(name="Other")).posts.get()
    moderation.hide_post(post=other, moderator=curator, ground="terms", explanation="x")

    rows = transparency.periods(year=timezone.now().year)
    response = client.get(reverse("community:transparency"))

    assert len(rows) == 1
    row = rows[0]
    assert (row.notices, row.dismissed, row.actioned, row.own_initiative) == (
        2,
        1,
        0,
        1,
    )
    assert row.by_reason == {"Spam or advertising": 2}
    assert row.month == dt.date(timezone.now().year, timezone.now().month, 1)
    assert response.status_code == 200


def test_a_visitor_may_report_only_what_they_can_read(member):
    closed = make_thread(make_space(access="members"), author=member).posts.get()

    assert permissions.can_report_post(AnonymousUser(), closed) is False
