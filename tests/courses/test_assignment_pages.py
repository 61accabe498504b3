"""Assignment pages (issue 14): handing in, blind peer review, the trainers'
queue and review, and the rubric on the lesson's edit page."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecoc_hub.courses import assignments
from ecoc_hub.courses.models import Lesson, Review, RubricCriterion, Submission
from ecoc_hub.courses.submission_files import check_file

from .conftest import choose, learners
from .test_assignments import assignment_course


@pytest.fixture
def setup(trainer):
    course, lesson = assignment_course(trainer)
    enrolments = learners(course, 3)
    return course, lesson, enrolments


def _hand_in(enrolment, lesson, text="An answer"):
    return assignments.submit_assignment(
        enrolment=enrolment, lesson=lesson, text=text, staged=None
    )


def test_a_learner_hands_in_a_text_and_a_file_through_the_page(client, setup):
    course, lesson, enrolments = setup
    client.force_login(enrolments[0].learner)

    response = client.post(
        reverse("courses:submit", args=[course.slug, lesson.pk]),
        {
            "text": "**Teenagers** from the estates.",
            "file": SimpleUploadedFile("notes.txt", b"Notes from the youth centre."),
        },
    )

    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.text, submission.file_name) == (
        "**Teenagers** from the estates.",
        "notes.txt",
    )
    page = client.get(lesson.get_absolute_url())
    assert "<strong>Teenagers</strong>" in page.content.decode()
    assert "Waiting for review" in page.content.decode()


def test_a_forged_file_is_refused_and_nothing_is_stored(client, setup):
    course, lesson, enrolments = setup
    client.force_login(enrolments[0].learner)

    response = client.post(
        reverse("courses:submit", args=[course.slug, lesson.pk]),
        {"file": SimpleUploadedFile("answer.pdf", b"<html>not a pdf</html>")},
    )

    assert response.status_code == 400
    assert "is named as PDF but its content is" in response.content.decode()
    assert Submission.objects.count() == 0
    assert not default_storage.exists("courses/submissions")


def test_an_empty_answer_is_refused(client, setup):
    course, lesson, enrolments = setup
    client.force_login(enrolments[0].learner)

    response = client.post(
        reverse("courses:submit", args=[course.slug, lesson.pk]), {"text": "  "}
    )

    assert response.status_code == 400
    assert Submission.objects.count() == 0


def test_a_peer_reviews_blind_with_the_rubric(client, setup):
    course, lesson, enrolments = setup
    submissions = [_hand_in(e, lesson) for e in enrolments]
    review = Review.objects.get(
        reviewer=enrolments[1].learner, submission=submissions[0]
    )
    client.force_login(enrolments[1].learner)

    page = client.get(reverse("courses:peer_review", args=[course.slug, review.pk]))
    response = client.post(
        reverse("courses:peer_review", args=[course.slug, review.pk]),
        {
            **{f"c{k}": v for k, v in choose(lesson, 4, 1).items()},
            "comment": "Strong evidence.",
        },
    )

    assert page.status_code == 200
    assert "Learner 1" not in page.content.decode()
    assert "4 points: Strong" in page.content.decode()
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.score, review.comment) == (100, "Strong evidence.")
    author_page = client.get(lesson.get_absolute_url())
    client.force_login(enrolments[0].learner)
    author_page = client.get(lesson.get_absolute_url()).content.decode()
    assert "Strong evidence." in author_page
    assert "Peer 1" in author_page
    assert "Learner 2" not in author_page


def test_a_level_of_another_criterion_changes_nothing(client, setup):
    course, lesson, enrolments = setup
    submissions = [_hand_in(e, lesson) for e in enrolments]
    review = Review.objects.get(
        reviewer=enrolments[1].learner, submission=submissions[0]
    )
    first, second = assignments.rubric_of(lesson)
    client.force_login(enrolments[1].learner)

    response = client.post(
        reverse("courses:peer_review", args=[course.slug, review.pk]),
        {
            f"c{first.pk}": second.levels.first().pk,
            f"c{second.pk}": second.levels.first().pk,
        },
    )

    assert response.status_code == 400
    review.refresh_from_db()
    assert review.completed_at is None


def test_a_learner_cannot_post_another_learners_review(client, setup):
    course, lesson, enrolments = setup
    submissions = [_hand_in(e, lesson) for e in enrolments]
    # Learner 1's own review of learner 2's submission is theirs; learner 3's
    # review of learner 1's submission is not learner 1's to post.
    theirs = Review.objects.get(
        reviewer=enrolments[2].learner, submission=submissions[0]
    )
    client.force_login(enrolments[0].learner)

    response = client.post(
        reverse("courses:peer_review", args=[course.slug, theirs.pk]),
        {f"c{k}": v for k, v in choose(lesson, 4, 1).items()},
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.completed_at is None


def test_the_file_is_for_the_author_the_peers_and_the_trainers_only(
    client, trainer, setup
):
    from tests.factories import UserFactory

    course, lesson, enrolments = setup
    staged = check_file(SimpleUploadedFile("ana-answer.txt", b"File answer."))
    mine = assignments.submit_assignment(
        enrolment=enrolments[0], lesson=lesson, text="", staged=staged
    )
    url = reverse("courses:submission_file", args=[course.slug, mine.uuid])
    outsider_learner = learners(course, 1)[0].learner  # not allocated yet
    statuses = {}
    for name, person in [
        ("author", enrolments[0].learner),
        ("trainer", trainer),
        ("stranger", UserFactory()),
        ("other learner", outsider_learner),
    ]:
        client.force_login(person)
        statuses[name] = client.get(url).status_code
    client.logout()
    statuses["visitor"] = client.get(url).status_code
    _hand_in(enrolments[1], lesson)  # learner 2 is now given learner 1's
    client.force_login(enrolments[1].learner)
    response = client.get(url)

    assert statuses == {
        "author": 200,
        "trainer": 200,
        "stranger": 404,
        "other learner": 404,
        "visitor": 302,
    }
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "ana-answer" not in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"File answer."


def test_the_queue_shows_waiting_for_peers_and_the_trainer_decides(client, trainer):
    course, lesson = assignment_course(trainer)
    (only,) = learners(course, 1)
    submission = _hand_in(only, lesson)
    client.force_login(trainer)

    queue = client.get(reverse("courses:review_queue", args=[course.slug]))
    url = reverse("courses:trainer_review", args=[course.slug, submission.uuid])
    page = client.get(url)
    refused = client.post(
        url, {**{f"c{k}": v for k, v in choose(lesson, 4, 1).items()}}
    )
    response = client.post(
        url,
        {
            **{f"c{k}": v for k, v in choose(lesson, 4, 1).items()},
            "comment": "Well done.",
            "decision": "accept",
        },
    )

    assert "Waiting for peers" in queue.content.decode()
    assert "Learner 1" in page.content.decode()
    assert refused.status_code == 400  # no comment, no decision
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.state, submission.score) == ("accepted", 100)


@pytest.mark.parametrize("n", [1, 3])
def test_the_queue_queries_do_not_grow_with_submissions(
    client, trainer, django_assert_num_queries, n
):
    course, lesson = assignment_course(trainer)
    for enrolment in learners(course, n):
        _hand_in(enrolment, lesson)
    client.force_login(trainer)
    client.get(reverse("courses:review_queue", args=[course.slug]))

    with django_assert_num_queries(7):
        client.get(reverse("courses:review_queue", args=[course.slug]))


def test_a_trainer_writes_an_assignment_with_its_rubric(client, trainer, course):
    client.force_login(trainer)
    module = course.modules.get()
    url = reverse("courses:lesson_new", args=[course.slug, module.pk])
    data = {
        "kind": "assignment",
        "title": "Meet a non-audience",
        "body": "Describe one group.",
        "minutes": 30,
        "is_required": "on",
        "answer_type": "either",
        "review_mode": "peers",
        "pass_mark": 60,
        "rubric-TOTAL_FORMS": 2,
        "rubric-INITIAL_FORMS": 0,
        "rubric-0-title": "Evidence",
        "rubric-0-description": "Facts.",
        "rubric-0-points_1": 0,
        "rubric-0-level_1": "No facts",
        "rubric-0-points_2": 2,
        "rubric-0-level_2": "Some",
        "rubric-1-title": "",
    }

    form = client.get(url + "?kind=assignment")
    response = client.post(url, data)

    assert form.status_code == 200
    assert "Rubric" in form.content.decode()
    assert response.status_code == 302
    lesson = Lesson.objects.get(kind="assignment")
    assert (lesson.review_mode, lesson.completion) == ("peers", "reviewed")
    assert assignments.rubric_rows(lesson) == [
        {
            "title": "Evidence",
            "description": "Facts.",
            "levels": [
                {"points": 0, "description": "No facts"},
                {"points": 2, "description": "Some"},
            ],
        }
    ]
    edit = client.get(reverse("courses:lesson_edit", args=[course.slug, lesson.pk]))
    assert 'value="Evidence"' in edit.content.decode()


def test_a_criterion_with_one_level_is_refused_and_nothing_saved(
    client, trainer, course
):
    client.force_login(trainer)
    module = course.modules.get()

    response = client.post(
        reverse("courses:lesson_new", args=[course.slug, module.pk]),
        {
            "kind": "assignment",
            "title": "Essay",
            "minutes": 30,
            "answer_type": "text",
            "review_mode": "trainer",
            "pass_mark": 60,
            "rubric-TOTAL_FORMS": 1,
            "rubric-INITIAL_FORMS": 0,
            "rubric-0-title": "Evidence",
            "rubric-0-points_1": 1,
            "rubric-0-level_1": "Some",
        },
    )

    assert response.status_code == 200
    assert "at least two levels" in response.content.decode()
    assert not Lesson.objects.filter(kind="assignment").exists()
    assert RubricCriterion.objects.count() == 0
