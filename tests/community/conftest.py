from __future__ import annotations

import pytest

from ecoc_hub.community import services
from ecoc_hub.community.models import Space, Thread
from tests.factories import UserFactory


def make_space(*, name: str = "Audience development", access: str = "public") -> Space:
    return services.create_space(name=name, access=access, created_by=None)


def make_thread(
    space: Space,
    *,
    author=None,
    title: str = "How did you reach new audiences?",
    body: str = "We would like to hear how you did it.",
    language: str = "en",
) -> Thread:
    return services.start_thread(
        space=space,
        author=author or UserFactory(),
        title=title,
        body=body,
        language=language,
    )


@pytest.fixture(autouse=True)
def _publish_first_posts(settings):
    """Most tests are not about held first posts (test_moderation is)."""
    settings.ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS = False
