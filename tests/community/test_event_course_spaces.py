"""An event's space for its accepted participants and a course's for its
learners: who enters, the lazy opening, the link on the event and course
pages, and the search's access rule."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from ecoc_hub.community import participants, queries, services
from ecoc_hub.community.enums import SpaceAccess, SpaceKind
from ecoc_hub.community.models import Space
from ecoc_hub.courses.models import Enrolment
from ecoc_hub.events.enums import ApplicationState
from ecoc_hub.events.models import Speaker
from ecoc_hub.search.queries import search
from tests.community.conftest import make_space, make_thread
from tests.courses.conftest import make_course
from tests.events.conftest import apply, make_event, make_session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def accepted(event, user=None):
    application = apply(event, user)
    application.state = ApplicationState.ACCEPTED
    application.save(update_fields=["state"])
    return application.applicant


def enrol(course, user=None, state=Enrolment.State.ACTIVE):
    user = user or UserFactory()
    Enrolment.objects.create(course=course, learner=user, state=state)
    return user


@pytest.fixture
def camp():
    return make_event(title="Academy Camp on audiences", slug="camp-audiences")


@pytest.fixture
def course():
    return make_course(title="Evaluation basics", slug="evaluation-basics")


def test_accepted_participant_organiser_and_speaker_enter_an_event_space(camp):
    participant = accepted(camp)
    waiting = apply(camp).applicant
    organiser = UserFactory()
    camp.organisers.add(organiser)
    speaker_user = UserFactory()
    speaker = Speaker.objects.create(name="Sam", slug="sam", user=speaker_user)
    make_session(camp).speakers.add(speaker)
    curator = UserFactory(roles=["curator"])
    outsider = UserFactory()
    space = services.event_space(event=camp)

    assert [
        participants.may_enter(u, space)
        for u in [participant, organiser, speaker_user, curator]
    ] == [True, True, True, True]
    assert participants.may_enter(waiting, space) is False
    assert participants.may_enter(outsider, space) is False
    assert set(queries.known_spaces(participant).filter(kind="event")) == {space}
    assert set(queries.known_spaces(speaker_user).filter(kind="event")) == {space}
    assert list(queries.known_spaces(waiting).filter(kind="event")) == []


def test_active_and_completed_learners_and_trainers_enter_a_course_space(course):
    active = enrol(course)
    done = enrol(course, state=Enrolment.State.COMPLETED)
    left = enrol(course, state=Enrolment.State.WITHDRAWN)
    asked = enrol(course, state=Enrolment.State.REQUESTED)
    trainer = UserFactory()
    course.trainers.add(trainer)
    space = services.course_space(course=course)

    assert [participants.may_enter(u, space) for u in [active, done, trainer]] == [
        True,
        True,
        True,
    ]
    assert [participants.may_enter(u, space) for u in [left, asked]] == [False, False]
    assert set(queries.known_spaces(done).filter(kind="course")) == {space}
    assert list(queries.known_spaces(left).filter(kind="course")) == []


def test_the_space_is_opened_once_on_the_first_visit(client, camp):
    participant = accepted(camp)
    client.force_login(participant)

    first = client.get(reverse("community:event_space", args=[camp.slug]))
    second = client.get(reverse("community:event_space", args=[camp.slug]))

    space = Space.objects.get(event=camp)
    assert (space.kind, space.access, space.name) == (
        SpaceKind.EVENT,
        SpaceAccess.PARTICIPANTS,
        "Academy Camp on audiences",
    )
    assert first.url == second.url == space.get_absolute_url()
    assert client.get(space.get_absolute_url()).status_code == 200


def test_others_do_not_learn_the_space_exists(client, camp):
    space = services.event_space(event=camp)
    thread = make_thread(space, author=accepted(camp))
    client.force_login(apply(camp).applicant)

    assert (
        client.get(reverse("community:event_space", args=[camp.slug])).status_code
        == 404
    )
    assert client.get(space.get_absolute_url()).status_code == 404
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(space.get_absolute_url()).status_code == 404


def test_the_event_page_links_the_discussion_for_those_who_may_enter(client, camp):
    url = reverse("events:detail", args=[camp.slug])
    link = reverse("community:event_space", args=[camp.slug])
    client.force_login(accepted(camp))
    assert link in client.get(url).content.decode()
    assert "Discussion for participants" in client.get(url).content.decode()

    client.force_login(UserFactory())
    assert link not in client.get(url).content.decode()
    client.logout()
    assert link not in client.get(url).content.decode()


def test_the_course_page_links_the_discussion_for_learners(client, course):
    url = reverse("courses:detail", args=[course.slug])
    link = reverse("community:course_space", args=[course.slug])
    client.force_login(enrol(course))
    page = client.get(url).content.decode()
    assert (link in page, "Discussion for learners" in page) == (True, True)

    client.force_login(enrol(course, state=Enrolment.State.REQUESTED))
    assert link not in client.get(url).content.decode()


def test_a_space_kind_must_match_its_owner(camp, course):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Space.objects.create(
            name="Bad", slug="bad", kind=SpaceKind.EVENT, access="participants"
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Space.objects.create(
            name="Bad", slug="bad2", kind=SpaceKind.TOPIC, access="participants"
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Space.objects.create(
            name="Bad",
            slug="bad3",
            kind=SpaceKind.COURSE,
            access="participants",
            course=course,
            event=camp,
        )


def test_search_finds_an_event_space_thread_only_for_its_people(camp, course):
    participant = accepted(camp)
    learner = enrol(course)
    space = services.event_space(event=camp)
    make_thread(
        space, author=participant, title="Ferry timetable", body="Who takes the ferry?"
    )
    course_space = services.course_space(course=course)
    make_thread(course_space, author=learner, title="Ferry homework", body="Ferry.")
    curator = UserFactory(roles=["curator"])

    def titles(user):
        return sorted(
            r.title for r in search("ferry", user=user, kinds=["community.thread"]).hits
        )

    assert titles(participant) == ["Ferry timetable"]
    assert titles(learner) == ["Ferry homework"]
    assert titles(UserFactory()) == []
    assert titles(curator) == ["Ferry homework", "Ferry timetable"]
    from django.contrib.auth.models import AnonymousUser

    assert titles(AnonymousUser()) == []
    # Leaving the course takes the thread out of the learner's results at once.
    Enrolment.objects.filter(learner=learner).update(state=Enrolment.State.WITHDRAWN)
    assert titles(learner) == []


def test_a_query_string_cannot_filter_on_the_grants(camp):
    participant = accepted(camp)
    space = services.event_space(event=camp)
    make_thread(space, author=participant, title="Ferry", body="Ferry times")

    results = search(
        "ferry",
        user=participant,
        kinds=["community.thread"],
        filters={"@grant": ["community.space:999"]},
    )

    assert [r.title for r in results.hits] == ["Ferry"]


def test_the_index_lists_the_spaces_of_ones_events_and_courses(client, camp, course):
    participant = accepted(camp)
    services.event_space(event=camp)
    services.course_space(course=course)
    client.force_login(participant)

    page = client.get(reverse("community:index")).content.decode()

    assert "My events and courses" in page
    assert "Academy Camp on audiences" in page
    assert "Evaluation basics" not in page


def test_a_first_post_in_an_event_space_is_not_held(settings, camp):
    settings.ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS = True
    space = services.event_space(event=camp)

    thread = make_thread(space, author=accepted(camp))

    assert thread.posts.get().state == "published"


def test_no_thread_is_moved_into_an_event_space(curator_client, camp):
    space = services.event_space(event=camp)
    thread = make_thread(make_space(name="Open"))

    response = curator_client.post(
        reverse("community:thread_move", args=[thread.pk]), {"space": space.pk}
    )

    assert response.status_code == 200
    thread.refresh_from_db()
    assert thread.space.kind == "topic"
