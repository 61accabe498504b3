"""The demo's past discussions (the dashboard's active teams, threads and
replies): a few threads a month over the last fourteen months in the
demo's public spaces, in English, French and German, by the community
demo's people of three city teams, with replies. Made once, after the
community demo (the first thread's title is the marker); posts are made
without notifications or e-mail, and each thread is indexed for search."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import User
from ecoc_hub.core import demo_history, metrics

from .enums import SpaceAccess, SpaceKind
from .models import Post, Space, Thread
from .search_index import index_thread

AUTHORS = [
    "demo-member@example.org",
    "demo-team-admin@example.org",
    "demo-leeuwarden@example.org",
    "demo-leeuwarden-2@example.org",
    "demo-valdoria@example.org",
]

TOPICS = [
    ("en", "What did your volunteers need most in the first month?"),
    ("fr", "Comment avez-vous associé les associations de quartier ?"),
    ("de", "Wie habt ihr die Wirkung des Programms gemessen?"),
    ("en", "Sharing our evaluation framework, comments welcome"),
    ("fr", "Quel calendrier pour l'appel à projets ?"),
    ("de", "Erfahrungen mit Sponsoring-Verträgen?"),
    ("en", "How do you keep the legacy plan alive after the year?"),
]

OPENINGS = {
    "en": "We are working on this now and would like to hear how you did it.",
    "fr": "Nous y travaillons en ce moment : comment avez-vous fait ?",
    "de": "Wir arbeiten gerade daran und würden gern hören, wie ihr es gemacht habt.",
}
REPLIES = {
    "en": [
        "We did it in three steps; happy to share our notes.",
        "Same question here.",
    ],
    "fr": ["Nous avons commencé par une réunion publique.", "Merci, très utile !"],
    "de": ["Bei uns hat ein kleiner Pilot gut funktioniert.", "Danke für den Tipp!"],
}


def _topic(n: int) -> tuple[str, str]:
    """The language and title of the ``n``-th thread (from 1)."""
    language, topic = TOPICS[n % len(TOPICS)]
    return language, f"{topic} ({n})"


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    if Thread.objects.filter(title=_topic(1)[1]).exists():
        stdout.write(_("Community history: already loaded."))
        return 0
    people = list(User.objects.filter(email__in=AUTHORS).order_by("email"))
    spaces = list(
        Space.objects.filter(
            kind__in=[SpaceKind.AREA, SpaceKind.TOPIC], access=SpaceAccess.PUBLIC
        ).order_by("slug")
    )
    if len(people) < 2 or not spaces:
        stdout.write(_("Community history: the community demo is missing."))
        return 0
    rng = demo_history.generator("community")
    threads = 0
    for month in demo_history.months()[:-1]:
        for _n in range(rng.randint(2, 4)):
            threads += 1
            language, title = _topic(threads)
            when = demo_history.moment(month + timedelta(days=rng.randint(0, 20)), rng)
            author = rng.choice(people)
            thread = Thread.objects.create(
                space=rng.choice(spaces),
                title=title,
                language=language,
                author=author,
                created_at=when,
                last_post_at=when,
            )
            posts = [
                Post(
                    thread=thread,
                    author=author,
                    body=OPENINGS[language],
                    created_at=when,
                )
            ]
            for _r in range(rng.randint(1, 4)):
                when = when + timedelta(hours=rng.randint(2, 72))
                posts.append(
                    Post(
                        thread=thread,
                        author=rng.choice(people),
                        body=rng.choice(REPLIES[language]),
                        created_at=when,
                    )
                )
            Post.objects.bulk_create(posts)
            Thread.objects.filter(pk=thread.pk).update(last_post_at=when)
            index_thread(thread)
    metrics.changed("community")
    stdout.write(
        _("Community history: %(count)d past threads with their replies.")
        % {"count": threads}
    )
    return threads
