"""Podcast appearances in a personal data export and an account deletion
(registered with ``accounts.privacy`` in ``PodcastsConfig.ready``).

People in episodes are credited by name, not by account: an appearance is a
credit whose name is the person's display name (letter case aside).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext

from ecoc_hub.accounts.privacy import ContributionChoice

from .models import Person
from .search_index import index_episode

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def appearances(user: User) -> QuerySet[Person]:
    name = user.display_name.strip()
    if not name:
        return Person.objects.none()
    return (
        Person.objects.filter(name__iexact=name)
        .select_related("episode__show")
        .order_by("episode__published_at", "pk")
    )


def export_podcast_data(user: User) -> dict[str, Any]:
    return {
        "appearances": [
            {
                "show": person.episode.show.title,
                "episode": person.episode.title,
                "url": settings.SITE_URL + person.episode.get_absolute_url(),
                "role": person.role,
                "credited_as": person.name,
                "web_page": person.href,
                "picture": person.img,
            }
            for person in appearances(user)
        ]
    }


def erase_podcast_data(user: User, *, contributions: ContributionChoice) -> None:
    """Credits stay, become "Former member" (without links), or go."""
    if contributions == ContributionChoice.KEEP:
        return
    credits = list(appearances(user))
    episodes = {person.episode for person in credits}
    if contributions == ContributionChoice.REMOVE:
        Person.objects.filter(pk__in=[person.pk for person in credits]).delete()
    else:
        with translation.override(settings.LANGUAGE_CODE):
            label = gettext("Former member")
        Person.objects.filter(pk__in=[person.pk for person in credits]).update(
            name=label, href="", img=""
        )
    for episode in episodes:
        index_episode(episode)
