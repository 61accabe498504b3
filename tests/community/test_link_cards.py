"""A lone link to the site's own resource, event, course or expert page
becomes a card; what the reader may not see stays a plain link."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecoc_hub.community import cards, services
from ecoc_hub.community.cards import bare_links, resolve_cards
from ecoc_hub.experts.pool_models import PoolExpert
from tests.community.conftest import make_space, make_thread
from tests.courses.conftest import make_course
from tests.events.conftest import make_event
from tests.experts.support_factories import make_pool_expert
from tests.factories import UserFactory
from tests.library.conftest import make_resource

pytestmark = pytest.mark.django_db


def test_only_a_link_alone_in_its_paragraph_counts():
    body = (
        "See this:\n\n/courses/evaluation/\n\n"
        "<https://example.org/events/camp/>\n\n"
        "Inline /events/camp/ link.\n\nTwo\n/events/x/"
    )

    assert bare_links(body) == [
        "/courses/evaluation/",
        "https://example.org/events/camp/",
    ]


def test_cards_of_each_kind_in_one_query_per_kind(curator, member):
    resource = make_resource(owner=member, curator=curator, title="Toolkit")
    event = make_event(title="Camp Oulu", slug="camp-oulu", languages=["en", "fi"])
    course = make_course(title="Evaluation", slug="evaluation", languages=["fr"])
    expert = PoolExpert.objects.get(expert=make_pool_expert("Eva Expert"))
    bodies = [
        f"{resource.get_absolute_url()}\n\n{settings.SITE_URL}{event.get_absolute_url()}",
        f"<{course.get_absolute_url()}>\n\n{expert.get_absolute_url()}",
        reverse("events:detail", args=["no-such-event"])
        + "\n\nhttps://elsewhere.example/courses/evaluation/",
    ]
    reader = UserFactory()

    with CaptureQueriesContext(connection) as queries:
        found = resolve_cards(bodies, reader)

    assert len(queries) <= 5  # one per kind, and the reader's roles
    assert {url: (c.title, c.kind) if c else None for url, c in found.items()} == {
        resource.get_absolute_url(): ("Toolkit", "Toolkit"),
        settings.SITE_URL + event.get_absolute_url(): ("Camp Oulu", "Academy Camp"),
        course.get_absolute_url(): ("Evaluation", "Course"),
        expert.get_absolute_url(): ("Eva Expert", "Expert"),
        reverse("events:detail", args=["no-such-event"]): None,
    }
    assert found[settings.SITE_URL + event.get_absolute_url()].languages == (
        "English, Finnish"
    )


def test_a_draft_or_restricted_target_stays_a_plain_link(curator, member):
    draft = make_resource(owner=member, title="Secret draft", state="draft")
    hidden_event = make_event(title="Hidden camp", slug="hidden", visibility="draft")
    draft_course = make_course(title="Unborn course", slug="unborn", state="draft")
    body = "\n\n".join(
        [
            draft.get_absolute_url(),
            hidden_event.get_absolute_url(),
            draft_course.get_absolute_url(),
        ]
    )

    found = resolve_cards([body], member)  # the draft's own author, too

    assert set(found.values()) == {None}


def test_the_thread_page_shows_the_card_and_never_a_hidden_title(
    client, curator, member
):
    course = make_course(title="Evaluation basics", slug="evaluation-basics")
    hidden = make_event(title="Hidden camp", slug="hidden", visibility="draft")
    space = make_space()
    thread = make_thread(
        space,
        title="Links",
        body=f"Have a look:\n\n{course.get_absolute_url()}\n\n"
        f"{hidden.get_absolute_url()}",
    )

    page = client.get(thread.get_absolute_url()).content.decode()

    assert 'class="card link-card"' in page
    assert "Evaluation basics" in page
    assert "Hidden camp" not in page
    url = hidden.get_absolute_url()
    assert f'<p><a href="{url}">{url}</a></p>' in page


def test_a_thread_page_resolves_cards_with_a_bounded_number_of_queries(client):
    space = make_space()
    courses = [make_course(slug=f"c-{n}", title=f"Course {n}") for n in range(3)]
    thread = make_thread(space, body=courses[0].get_absolute_url())
    client.get(thread.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(thread.get_absolute_url())
    for course in courses[1:]:
        services.reply(
            thread=thread, author=UserFactory(), body=course.get_absolute_url()
        )

    with CaptureQueriesContext(connection) as three:
        page = client.get(thread.get_absolute_url()).content.decode()

    assert page.count('class="card link-card"') == 3
    assert len(three) == len(one)


def test_render_leaves_other_paragraphs_alone():
    card = cards.Card(url="/courses/x/", title="X <b>", kind="Course")
    html = "<p>/courses/x/</p><p>Hello /courses/x/</p><p>/elsewhere/</p>"

    out = str(cards.render_cards(html, {"/courses/x/": card}))

    assert "X &lt;b&gt;" in out
    assert "<p>Hello /courses/x/</p><p>/elsewhere/</p>" in out
