import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ecoc_hub.certificates.models import Certificate
from ecoc_hub.core.workflow import TransitionError, transition
from ecoc_hub.courses import completion, quiz, services
from ecoc_hub.courses.models import Attempt, Course

from .conftest import add_quiz, lessons_of, make_course, right_answers


@pytest.fixture
def quiz_course(trainer):
    course = make_course(trainers=[trainer], state="draft", title="Evaluation")
    lesson, questions = add_quiz(course)

    transition(course, "publish", actor=None)
    return course, lesson, questions


def test_every_kind_of_question_scores_a_right_answer(quiz_course):
    _course, lesson, q = quiz_course

    result = quiz.score(lesson, quiz.questions_of(lesson), right_answers(q))

    assert result.points == {str(x.pk): 1.0 for x in q.values()}
    assert (result.percent, result.passed) == (100, True)


def test_wrong_and_partial_answers_score_their_share(quiz_course):
    _course, lesson, q = quiz_course
    answers = right_answers(q)
    wrong = q["single"].choices.get(is_correct=False)
    answers[str(q["single"].pk)] = str(wrong.pk)
    answers[str(q["multiple"].pk)] = answers[str(q["multiple"].pk)][:1]
    answers[str(q["true_false"].pk)] = "false"
    answers[str(q["short"].pk)] = "Tampere"
    mons, matera = q["matching"].choices.all()
    answers[str(q["matching"].pk)] = {str(mons.pk): "2015", str(matera.pk): "2015"}

    result = quiz.score(lesson, quiz.questions_of(lesson), answers)

    assert list(result.points.values()) == [0.0, 0.0, 0.0, 0.0, 0.5]
    assert (result.percent, result.passed) == (10, False)


def test_short_answers_are_folded_like_search_words(quiz_course):
    _course, _lesson, q = quiz_course

    assert quiz.points_for(q["short"], "turku!") == 1.0
    assert quiz.points_for(q["short"], "tallínn") == 1.0
    assert quiz.points_for(q["short"], "") == 0.0


def test_attempts_are_numbered_and_limited(trainer, member):
    course = make_course(trainers=[trainer], state="draft")
    lesson, _q = add_quiz(course, attempts=2)

    transition(course, "publish", actor=None)
    enrolment = services.enrol(course=course, learner=member)

    quiz.submit_attempt(enrolment=enrolment, lesson=lesson, answers={})
    quiz.submit_attempt(enrolment=enrolment, lesson=lesson, answers={})
    with pytest.raises(TransitionError) as error:
        quiz.submit_attempt(enrolment=enrolment, lesson=lesson, answers={})

    assert error.value.code == "no_attempts_left"
    assert list(Attempt.objects.values_list("number", "score")) == [(1, 0), (2, 0)]


def test_a_failed_quiz_leaves_the_lesson_incomplete(quiz_course, member):
    course, lesson, _q = quiz_course
    enrolment = services.enrol(course=course, learner=member)

    quiz.submit_attempt(enrolment=enrolment, lesson=lesson, answers={})

    assert lesson in completion.missing_lessons(enrolment)


def test_passing_the_last_required_lesson_completes_the_course_with_a_certificate(
    quiz_course, member
):
    course, lesson, q = quiz_course
    enrolment = services.enrol(course=course, learner=member)
    for text in lessons_of(course)[:2]:
        services.record_view(enrolment=enrolment, lesson=text)
    enrolment.refresh_from_db()
    assert enrolment.state == "active"

    quiz.submit_attempt(enrolment=enrolment, lesson=lesson, answers=right_answers(q))

    enrolment.refresh_from_db()
    certificate = Certificate.objects.get()
    assert enrolment.state == "completed"
    assert enrolment.history.first().action == "complete"
    assert (certificate.recipient, certificate.title) == (
        member,
        "Certificate of completion: Evaluation",
    )
    assert certificate.source_type == ContentType.objects.get_for_model(Course)
    assert certificate.source_id == str(course.pk)


def test_optional_lessons_are_not_needed_to_complete(trainer, member):
    course = make_course(trainers=[trainer], lessons=2)
    optional = lessons_of(course)[1]
    services.update_lesson(lesson=optional, changes={"is_required": False})
    enrolment = services.enrol(course=course, learner=member)

    services.record_view(enrolment=enrolment, lesson=lessons_of(course)[0])

    enrolment.refresh_from_db()
    assert enrolment.state == "completed"


def test_a_learner_without_a_name_claims_the_certificate_later(client, db):
    from tests.factories import UserFactory

    learner = UserFactory(display_name="")
    course = make_course(lessons=1)
    enrolment = services.enrol(course=course, learner=learner)
    services.record_view(enrolment=enrolment, lesson=lessons_of(course)[0])
    assert Certificate.objects.count() == 0
    learner.display_name = "Ana Ionescu"
    learner.save()
    client.force_login(learner)

    response = client.post(reverse("courses:certificate", args=[course.slug]))

    certificate = Certificate.objects.get()
    assert response.url == certificate.get_absolute_url()
    assert certificate.recipient_name == "Ana Ionescu"


def test_a_course_with_an_empty_quiz_cannot_be_published(trainer):
    course = make_course(trainers=[trainer], state="draft")
    services.add_lesson(module=course.modules.get(), title="Quiz", kind="quiz")

    with pytest.raises(TransitionError) as error:
        transition(course, "publish", actor=trainer)

    assert error.value.code == "empty_quiz"


def test_learner_takes_the_quiz_in_the_browser_and_sees_the_feedback(
    client, quiz_course, member
):
    course, lesson, q = quiz_course
    services.enrol(course=course, learner=member)
    client.force_login(member)
    page = client.get(lesson.get_absolute_url())
    form = page.context["form"]
    single = q["single"]
    data = {
        f"q{single.pk}": str(single.choices.get(is_correct=False).pk),
        f"q{q['multiple'].pk}": [
            str(c.pk) for c in q["multiple"].choices.filter(is_correct=True)
        ],
        f"q{q['true_false'].pk}": "true",
        f"q{q['short'].pk}": "Turku",
    }
    for c in q["matching"].choices.all():
        data[f"q{q['matching'].pk}_{c.pk}"] = c.match

    response = client.post(
        reverse("courses:attempt", args=[course.slug, lesson.pk]), data
    )
    after = client.get(lesson.get_absolute_url())

    assert len(form.fields) == 6
    assert response.url.endswith("#result")
    assert after.context["last"].score == 80
    assert [row["right"] for row in after.context["feedback"]] == [
        False,
        True,
        True,
        True,
        True,
    ]
    assert "Data." in after.content.decode()


def test_an_unanswered_quiz_is_shown_again_with_errors(client, quiz_course, member):
    course, lesson, _q = quiz_course
    services.enrol(course=course, learner=member)
    client.force_login(member)

    response = client.post(
        reverse("courses:attempt", args=[course.slug, lesson.pk]), {}
    )

    assert response.status_code == 400
    assert Attempt.objects.count() == 0


def test_trainer_adds_a_single_choice_question(client, trainer):
    course = make_course(trainers=[trainer])
    lesson = services.add_lesson(module=course.modules.get(), title="Quiz", kind="quiz")
    client.force_login(trainer)
    data = {
        "kind": "single",
        "prompt": "Best first step?",
        "feedback": "",
        "accepted_answers": "",
        "answer_is_true": "",
        "c-TOTAL_FORMS": "3",
        "c-INITIAL_FORMS": "0",
        "c-0-text": "Listen",
        "c-0-is_correct": "on",
        "c-1-text": "Shout",
        "c-2-text": "",
    }

    refused = client.post(
        reverse("courses:question_new", args=[course.slug, lesson.pk]),
        {**data, "c-0-is_correct": ""},
    )
    saved = client.post(
        reverse("courses:question_new", args=[course.slug, lesson.pk]), data
    )

    assert refused.context["form"].non_field_errors() == [
        "Mark exactly one option as correct."
    ]
    assert saved.status_code == 302
    question = lesson.questions.get()
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("Listen", True),
        ("Shout", False),
    ]
