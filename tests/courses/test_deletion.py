"""Deleting a module, a lesson or a question goes through a confirmation
page that says what will be lost; only its POST deletes (issue 14)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ecoc_hub.courses import quiz, services
from ecoc_hub.courses.models import Lesson, Module, Question

from .conftest import add_quiz, lessons_of


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def followed(course, member):
    """The member opened both lessons and failed the quiz once."""
    lesson, _questions = add_quiz(course)
    enrolment = services.enrol(course=course, learner=member)
    for opened in lessons_of(course)[:2]:
        services.record_view(enrolment=enrolment, lesson=opened)
    quiz.submit_attempt(enrolment=enrolment, lesson=lesson, answers={})
    return lesson


def test_module_confirmation_lists_lessons_questions_progress_and_attempts(
    trainer_client, course, followed
):
    module = course.modules.get()

    response = trainer_client.get(
        reverse("courses:module_delete", args=[course.slug, module.pk])
    )

    assert response.status_code == 200
    assert response.context["title"] == "Delete the module “Basics”?"
    assert response.context["losses"] == [
        "Its 3 lessons.",
        "5 quiz questions, with their options and feedback.",
        "The progress of 1 learner, who will no longer see these lessons as "
        "opened or completed.",
        "1 quiz attempt, with its answers and score.",
    ]
    assert Module.objects.filter(pk=module.pk).exists()


def test_lesson_confirmation_of_an_unopened_lesson_says_nothing_else_is_lost(
    trainer_client, course
):
    lesson = lessons_of(course)[0]

    response = trainer_client.get(
        reverse("courses:lesson_delete", args=[course.slug, lesson.pk])
    )

    assert response.context["losses"] == []
    assert "Nothing else: no learner has opened it yet." in (response.content.decode())


def test_the_confirmations_post_deletes(trainer_client, course, followed):
    question = followed.questions.first()
    trainer_client.post(
        reverse("courses:question_delete", args=[course.slug, question.pk])
    )
    trainer_client.post(
        reverse("courses:lesson_delete", args=[course.slug, followed.pk])
    )
    module = course.modules.get()
    trainer_client.post(reverse("courses:module_delete", args=[course.slug, module.pk]))

    assert Question.objects.filter(lesson__module__course=course).count() == 0
    assert Lesson.objects.filter(module__course=course).count() == 0
    assert course.modules.count() == 0


def test_question_confirmation_says_past_attempts_keep_their_scores(
    trainer_client, course, followed
):
    question = followed.questions.get(kind="true_false")

    response = trainer_client.get(
        reverse("courses:question_delete", args=[course.slug, question.pk])
    )

    assert response.context["losses"] == [
        "The question, with its options and feedback.",
        "Its answers in 1 quiz attempt. The attempt keeps the score it had; the "
        "next attempts are scored without this question.",
    ]
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_learner_sees_no_confirmation(client, member, course):
    services.enrol(course=course, learner=member)
    client.force_login(member)
    module = course.modules.get()

    response = client.get(
        reverse("courses:module_delete", args=[course.slug, module.pk])
    )

    assert response.status_code == 403
