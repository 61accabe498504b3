from io import StringIO

import pytest

from ecoc_hub.accounts.demo import load_demo as load_people
from ecoc_hub.certificates.models import Certificate
from ecoc_hub.courses import demo
from ecoc_hub.courses.models import Course, Enrolment, Lesson


def test_demo_builds_three_courses_a_learner_mid_way_and_a_graduate_once(db):
    load_people(stdout=StringIO())

    first = demo.load_demo(stdout=StringIO())
    second = demo.load_demo(stdout=StringIO())

    assert (first, second) == (3, 0)
    assert sorted(Course.objects.values_list("slug", "state", "languages")) == [
        ("audience-development", "published", ["en"]),
        ("cooperation-europeenne", "published", ["fr"]),
        ("digital-approaches", "published", ["en"]),
    ]
    digital = Course.objects.get(slug="digital-approaches")
    assert list(digital.prerequisites.values_list("slug", flat=True)) == [
        "audience-development"
    ]
    assert digital.modules.count() == 3
    # A cohort: the last module opens three weeks in; no webinar without
    # the events demo (see test_demo_links_the_events_demo_webinar).
    assert digital.is_cohort and digital.starts_on is not None
    assert list(digital.modules.values_list("opens_after_days", flat=True)) == [
        None,
        None,
        21,
    ]
    assert digital.modules.first().due_after_days == 14
    assert sorted(digital.capacity_areas.values_list("code", flat=True)) == [
        "communication-marketing",
        "digital",
    ]
    assert sorted(
        Enrolment.objects.values_list("learner__email", "course__slug", "state")
    ) == [
        ("demo-member@example.org", "audience-development", "active"),
        ("demo-organiser@example.org", "audience-development", "active"),
        ("demo-participant@example.org", "audience-development", "active"),
        ("demo-participant@example.org", "cooperation-europeenne", "completed"),
        ("demo-team-admin@example.org", "audience-development", "active"),
    ]
    member = Enrolment.objects.get(learner__email="demo-member@example.org")
    assert member.progress.filter(completed_at__isnull=False).count() == 2
    assert Certificate.objects.get().recipient.email == "demo-participant@example.org"
    audio = Lesson.objects.get(
        module__course__slug="audience-development", kind="media"
    )
    assert audio.media_mime == "audio/mpeg" and audio.captions_cues
    assert audio.media_duration == pytest.approx(
        audio.captions_cues[-1]["end"] + 1, abs=0.1
    )


def test_demo_embeds_a_readable_library_resource_in_audience_development(db, curator):
    from tests.factories import UserFactory
    from tests.library.conftest import make_resource

    make_resource(owner=UserFactory(), curator=curator, title="Hidden", state="draft")
    shown = make_resource(owner=UserFactory(), curator=curator, title="Shown")
    load_people(stdout=StringIO())

    demo.load_demo(stdout=StringIO())

    lesson = Lesson.objects.get(kind="resource")
    assert lesson.module.course.slug == "audience-development"
    assert (lesson.resource, lesson.resource_page) == (shown, 2)


def test_the_demo_sign_ins_name_the_trainer_and_the_learner_of_the_courses(db):
    from ecoc_hub.accounts.demo import sign_in_table
    from ecoc_hub.courses.permissions import can_edit_course

    load_people(stdout=StringIO())
    demo.load_demo(stdout=StringIO())
    table = sign_in_table("http://127.0.0.1:8000")
    rows = {line.split("  ")[0]: line.split() for line in table.splitlines()}

    trainer_email = rows["Expert, course trainer"][3]
    learner_email = rows["Member, course learner"][3]
    trainer = Course.objects.get(slug="audience-development").trainers.get()
    assert trainer.email == trainer_email == "demo-expert@example.org"
    assert all(can_edit_course(trainer, c) for c in Course.objects.all())
    assert (
        Enrolment.objects.get(
            learner__email=learner_email, course__slug="audience-development"
        ).state
        == "active"
    )


def test_the_demo_assignment_has_learners_at_each_state_and_one_for_the_member(db):
    from ecoc_hub.courses.assignments import review_queue
    from ecoc_hub.courses.models import Review, Submission

    load_people(stdout=StringIO())
    demo.load_demo(stdout=StringIO())

    lesson = Lesson.objects.get(kind="assignment")
    states = {
        s.enrolment.learner.email: (s.state, s.score)
        for s in Submission.objects.filter(lesson=lesson)
    }
    assert states == {
        "demo-team-admin@example.org": ("accepted", 100),
        "demo-participant@example.org": ("submitted", None),
        "demo-member@example.org": ("submitted", None),
        "demo-organiser@example.org": ("submitted", None),
    }
    waiting = {
        row.submission.enrolment.learner.email: (row.done, row.waiting_for_peers)
        for row in review_queue([lesson])
    }
    assert waiting["demo-participant@example.org"] == (1, False)
    assert waiting["demo-organiser@example.org"] == (0, True)
    to_do = Review.objects.filter(
        reviewer__email="demo-member@example.org", completed_at=None
    ).select_related("submission__enrolment__learner")
    assert [r.submission.enrolment.learner.email for r in to_do] == [
        "demo-participant@example.org"
    ]


def test_demo_links_the_events_demo_webinar(db):
    from ecoc_hub.events import demo as events_demo

    load_people(stdout=StringIO())
    events_demo.load_demo(stdout=StringIO())
    demo.load_demo(stdout=StringIO())

    digital = Course.objects.get(slug="digital-approaches")
    assert [link.event.slug for link in digital.live_sessions.all()] == [
        events_demo.COHORT_WEBINAR_SLUG
    ]
