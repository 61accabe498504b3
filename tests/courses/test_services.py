from datetime import date

import pytest
from django.db import IntegrityError

from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError, transition
from ecoc_hub.courses import queries, services
from ecoc_hub.courses.content import lesson_text, render_lesson
from ecoc_hub.courses.models import Course, Enrolment, LessonProgress
from tests.factories import MembershipFactory

from .conftest import add_module, lessons_of, make_course


def _history(enrolment: Enrolment) -> list[tuple[str, str, str]]:
    return [
        (h.action, h.from_state, h.to_state)
        for h in enrolment.history.order_by("created_at", "pk")
    ]


def test_learner_enrols_in_an_open_course_at_once_with_history(course, member):
    enrolment = services.enrol(course=course, learner=member)

    assert enrolment.state == "active"
    assert enrolment.admitted_at is not None
    assert _history(enrolment) == [("admit", "requested", "active")]
    assert enrolment.history.get().actor == member


def test_enrolling_twice_keeps_one_enrolment(course, member):
    first = services.enrol(course=course, learner=member)
    second = services.enrol(course=course, learner=member)

    assert (first.pk, Enrolment.objects.count()) == (second.pk, 1)


def test_request_on_a_course_by_approval_waits_for_a_trainer(trainer, member):
    course = make_course(trainers=[trainer], enrolment_policy="approval")

    enrolment = services.enrol(course=course, learner=member)
    assert enrolment.state == "requested"
    with pytest.raises(ActionRefused):
        transition(enrolment, "admit", actor=member)
    transition(enrolment, "admit", actor=trainer)

    assert enrolment.state == "active"


def test_declining_needs_a_reason(trainer, member):
    course = make_course(trainers=[trainer], enrolment_policy="approval")
    enrolment = services.enrol(course=course, learner=member)

    with pytest.raises(TransitionError) as error:
        transition(enrolment, "decline", actor=trainer)
    transition(enrolment, "decline", actor=trainer, comment="Full this time.")

    assert (error.value.code, error.value.field) == ("comment_required", "comment")
    assert enrolment.state == "declined"


def test_team_course_admits_members_of_a_city_team(db, member):
    course = make_course(enrolment_policy="teams")
    MembershipFactory(user=member)

    assert services.enrol(course=course, learner=member).state == "active"


def test_learner_who_left_comes_back_to_the_same_progress(course, member):
    enrolment = services.enrol(course=course, learner=member)
    first = lessons_of(course)[0]
    services.record_view(enrolment=enrolment, lesson=first)
    transition(enrolment, "withdraw", actor=member)

    again = services.enrol(course=course, learner=member)

    assert again.state == "active"
    assert _history(again) == [
        ("admit", "requested", "active"),
        ("withdraw", "active", "withdrawn"),
        ("rejoin", "withdrawn", "requested"),
        ("admit", "requested", "active"),
    ]
    assert queries.completed_lesson_ids(again) == {first.pk}


def test_opening_a_lesson_completes_it_and_remembers_where_to_continue(course, member):
    enrolment = services.enrol(course=course, learner=member)
    first, second = lessons_of(course)

    services.record_view(enrolment=enrolment, lesson=first)
    services.record_view(enrolment=enrolment, lesson=first)
    enrolment.refresh_from_db()
    progress = queries.progress(course, enrolment)

    assert LessonProgress.objects.filter(completed_at__isnull=False).count() == 1
    assert enrolment.last_lesson == first
    assert (progress.completed, progress.total, progress.percent) == (1, 2, 50)
    assert progress.next_lesson(enrolment.last_lesson) == second


def test_continue_goes_back_to_a_skipped_lesson_when_the_rest_is_done(course, member):
    enrolment = services.enrol(course=course, learner=member)
    first, second = lessons_of(course)
    services.record_view(enrolment=enrolment, lesson=second)

    progress = queries.progress(course, enrolment)

    assert progress.next_lesson(second) == first


def test_module_progress_counts_its_own_lessons(course, member):
    add_module(course, "Evaluation", lessons=3)
    enrolment = services.enrol(course=course, learner=member)
    services.record_view(enrolment=enrolment, lesson=lessons_of(course)[2])

    rows = queries.progress(course, enrolment).modules

    assert [(m.completed, m.total) for m in rows] == [(0, 2), (1, 3)]


def test_lesson_moves_down_within_its_module(course):
    first = lessons_of(course)[0]

    services.move_lesson(lesson=first, offset=1)

    assert [lesson.title for lesson in lessons_of(course)] == ["Lesson 2", "Lesson 1"]


def test_lesson_moved_up_from_the_first_place_joins_the_module_before(course):
    add_module(course, "Evaluation", lessons=2)
    moved = lessons_of(course)[2]

    services.move_lesson(lesson=moved, offset=-1)

    assert [(x.module.title, x.title) for x in lessons_of(course)] == [
        ("Basics", "Lesson 1"),
        ("Basics", "Lesson 2"),
        ("Basics", "Evaluation 1"),
        ("Evaluation", "Evaluation 2"),
    ]


def test_lesson_moved_down_from_the_last_place_joins_the_next_module(course):
    add_module(course, "Evaluation", lessons=1)
    second = lessons_of(course)[1]

    services.move_lesson(lesson=second, offset=1)

    assert [lesson.title for lesson in lessons_of(course)] == [
        "Lesson 1",
        "Lesson 2",
        "Evaluation 1",
    ]
    assert [lesson.module.title for lesson in lessons_of(course)] == [
        "Basics",
        "Evaluation",
        "Evaluation",
    ]


def test_modules_move_up_and_down(course):
    add_module(course, "Evaluation")
    add_module(course, "Funding")
    evaluation = course.modules.get(title="Evaluation")

    services.move_module(module=evaluation, offset=-1)
    services.move_module(module=evaluation, offset=-1)

    assert [m.title for m in course.modules.all()] == [
        "Evaluation",
        "Basics",
        "Funding",
    ]


def test_a_course_without_lessons_cannot_be_published(trainer):
    course = make_course(trainers=[trainer], state="draft", lessons=0)

    with pytest.raises(TransitionError) as error:
        transition(course, "publish", actor=trainer)

    assert error.value.code == "no_lessons"
    assert course.state == "draft"


def test_publishing_records_the_trainer_in_the_history(trainer):
    course = make_course(trainers=[trainer], state="draft")

    transition(course, "publish", actor=trainer)

    entry = course.history.get()
    assert (entry.action, entry.actor, course.state) == (
        "publish",
        trainer,
        "published",
    )
    assert course.published_at is not None


def test_someone_else_cannot_publish(member):
    course = make_course(state="draft")

    with pytest.raises(ActionRefused):
        transition(course, "publish", actor=member)


def test_the_database_refuses_a_cohort_without_dates(db):
    with pytest.raises(IntegrityError):
        Course.objects.create(
            title="X", slug="x", summary="x", mode="cohort", starts_on=date(2027, 1, 1)
        )


def test_lesson_text_is_sanitised():
    html = render_lesson(
        "# Part\n\n<script>alert(1)</script>\n\n![A map](https://example.org/m.png)"
        '\n\n[bad](javascript:alert(1)) <img src="x" onerror="alert(1)">'
    )

    assert html == (
        "<h2>Part</h2>\n\n\n"
        '<p><img alt="A map" src="https://example.org/m.png"></p>\n'
        '<p><a rel="noopener noreferrer nofollow">bad</a> <img src="x"></p>'
    )
    assert lesson_text("## Why\n\nAudiences *grow*.") == "Why Audiences grow."
