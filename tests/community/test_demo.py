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
