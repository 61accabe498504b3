from __future__ import annotations

import pytest
from django.urls import reverse

from ecoc_hub.community import services
from ecoc_hub.community.models import Post, Space, Thread
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import make_space, make_thread

pytestmark = pytest.mark.django_db


def test_the_index_lists_areas_topics_and_my_team(client, member):
    services.ensure_area_spaces()
    make_space(name="Volunteers")
    team = OrganisationFactory(name="Oulu team", slug="oulu-team")
    MembershipFactory(organisation=team, user=member)
    client.force_login(member)

    response = client.get(reverse("community:index"))

    assert response.status_code == 200
    context = response.context
    assert [s.name for s in context["topic_spaces"]] == ["Volunteers"]
    assert len(context["area_spaces"]) == Space.objects.filter(kind="area").count()
    assert [t.name for t in context["teams_without_space"]] == ["Oulu team"]
    assert reverse("community:team_space", args=["oulu-team"]) in response.text


def test_a_visitor_does_not_see_team_spaces_in_the_index(client):
    services.team_space(organisation=OrganisationFactory(name="Secret team"))

    response = client.get(reverse("community:index"))

    assert "Secret team" not in response.text
    assert response.context["team_spaces"] == []


@pytest.mark.parametrize("count", [1, 3])
def test_the_index_reads_in_constant_queries(client, count, django_assert_num_queries):
    for number in range(count):
        make_thread(make_space(name=f"Topic {number}"))

    with django_assert_num_queries(1):  # a visitor: the spaces with their counts
        response = client.get(reverse("community:index"))

    assert len(response.context["topic_spaces"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_a_space_lists_threads_in_constant_queries(
    client, count, django_assert_num_queries
):
    space = make_space()
    for number in range(count):
        make_thread(space, title=f"Thread {number}")

    with django_assert_num_queries(3):  # space, count for the pages, threads
        response = client.get(space.get_absolute_url())

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_a_thread_shows_its_posts_in_constant_queries(
    client, count, django_assert_num_queries, member
):
    thread = make_thread(make_space())
    for _number in range(count - 1):
        services.reply(thread=thread, author=member, body="Me too.")

    # the thread with its space, its posts with authors, their attached
    # files, its history
    with django_assert_num_queries(4):
        response = client.get(thread.get_absolute_url())

    assert len(response.context["posts"]) == count


def test_a_member_starts_a_thread(client, member):
    space = make_space()
    client.force_login(member)

    response = client.post(
        reverse("community:thread_create", args=[space.slug]),
        {
            "title": "Volunteers in winter",
            "kind": "question",
            "language": "fi",
            "body": "How did you keep them?",
        },
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert (thread.title, thread.kind, thread.language, thread.author) == (
        "Volunteers in winter",
        "question",
        "fi",
        member,
    )
    assert thread.posts.get().body == "How did you keep them?"


def test_an_empty_reply_is_refused_and_changes_nothing(client, member):
    thread = make_thread(make_space())
    client.force_login(member)

    response = client.post(reverse("community:reply", args=[thread.pk]), {"body": " "})

    assert response.status_code == 400
    assert thread.posts.count() == 1
    assert "Write a message." in response.text


def test_a_reply_lands_at_its_anchor(client, member):
    thread = make_thread(make_space())
    client.force_login(member)

    response = client.post(
        reverse("community:reply", args=[thread.pk]),
        {"body": "We did it with schools."},
    )

    post = Post.objects.latest("pk")
    assert response.url == f"{thread.get_absolute_url()}#post-{post.pk}"
    assert post.author == member


def test_markdown_is_rendered_and_scripts_are_removed(client):
    thread = make_thread(
        make_space(),
        body="**Bold** <script>alert(1)</script> [link](javascript:alert(1)) > quoted",
    )

    response = client.get(thread.get_absolute_url())

    assert "<strong>Bold</strong>" in response.text
    assert "<script>alert(1)" not in response.text
    assert 'href="javascript' not in response.text


def test_an_edited_post_links_to_its_history(client, member):
    post = make_thread(make_space(), author=member, body="Old text").posts.get()
    client.force_login(member)

    client.post(reverse("community:post_edit", args=[post.pk]), {"body": "New text"})
    thread_page = client.get(post.thread.get_absolute_url())
    history = client.get(reverse("community:post_history", args=[post.pk]))

    assert reverse("community:post_history", args=[post.pk]) in thread_page.text
    assert "New text" in history.text
    assert "Old text" in history.text


def test_a_curator_opens_a_members_only_space(curator_client, curator):
    response = curator_client.post(
        reverse("community:space_create"),
        {"name": "Funders", "description": "For the money.", "access": "members"},
    )

    space = Space.objects.get(name="Funders")
    assert response.url == space.get_absolute_url()
    assert (space.kind, space.access, space.created_by) == ("topic", "members", curator)


def test_a_curator_makes_a_space_members_only(curator_client):
    space = make_space(name="Open")

    curator_client.post(
        reverse("community:space_edit", args=[space.slug]),
        {"name": "Closed", "description": "", "access": "members"},
    )

    space.refresh_from_db()
    assert (space.name, space.access) == ("Closed", "members")


def test_a_team_member_opens_the_team_space(client, member):
    team = OrganisationFactory(name="Oulu team", slug="oulu-team")
    MembershipFactory(organisation=team, user=member)
    client.force_login(member)

    response = client.get(reverse("community:team_space", args=[team.slug]))

    assert response.url == Space.objects.get(organisation=team).get_absolute_url()


def test_the_nav_links_to_the_community(client):
    response = client.get(reverse("home"))

    assert f'href="{reverse("community:index")}"' in response.text
