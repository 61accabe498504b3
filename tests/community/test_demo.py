from __future__ import annotations

from io import StringIO

import pytest

from ecoc_hub.accounts import demo as accounts_demo
from ecoc_hub.community import demo
from ecoc_hub.community.models import PeerFeedback, PeerRequest, Post, Space, Thread

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_a_peer_request_in_each_state():
    accounts_demo.load_demo(stdout=StringIO())

    first = demo.load_demo(stdout=StringIO())
    counts = (Space.objects.count(), Thread.objects.count(), Post.objects.count())
    second = demo.load_demo(stdout=StringIO())

    assert (first, second) == (4, 0)
    assert counts == (
        Space.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
    )
    assert sorted(PeerRequest.objects.values_list("state", flat=True)) == [
        "accepted",
        "completed",
        "declined",
        "requested",
        "withdrawn",
    ]
    assert PeerFeedback.objects.count() == 2
    assert set(Thread.objects.values_list("language", flat=True)) == {"de", "en", "fr"}
    assert Post.objects.filter(state="held").count() == 0
    assert Space.objects.filter(moderators__email=demo.MODERATOR_EMAIL).count() == 3


def test_the_demo_has_follows_notifications_a_mention_and_an_answer():
    from ecoc_hub.community.models import Follow, Mention, Notification

    accounts_demo.load_demo(stdout=StringIO())

    demo.load_demo(stdout=StringIO())

    member = "demo-member@example.org"
    assert Follow.objects.filter(user__email=member, is_active=True).count() >= 2
    assert Notification.objects.filter(recipient__email=member).count() >= 2
    assert Mention.objects.filter(user__email=member).count() == 1
    question = Thread.objects.get(kind="question")
    assert question.answer is not None
    assert question.events.count() == 1
