"""Assignments (issue 14): the rubric's scoring, the allocation of peer
reviews, acceptance, a trainer's override, completion and privacy."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.courses import assignments
from ecoc_hub.courses.models import LessonProgress, Review, Submission
from ecoc_hub.courses.privacy import erase_course_data, export_course_data
from ecoc_hub.courses.submission_files import check_file

from .conftest import RUBRIC, add_assignment, choose, learners, make_course


def assignment_course(trainer, review_mode="peers"):
    """A published course whose only lesson is an assignment."""
    from ecoc_hub.core.workflow import transition
    from ecoc_hub.courses import services

    course = make_course(trainers=[trainer], state="draft", lessons=0)
    services.add_module(course=course, title="Only")
    lesson = add_assignment(course, review_mode=review_mode, pass_mark=60)
    transition(course, "publish", actor=None)
    return course, lesson


@pytest.fixture
def peer_course(trainer):
    return assignment_course(trainer)


def _hand_in(enrolment, lesson, text="My answer", staged=None):
    return assignments.submit_assignment(
        enrolment=enrolment, lesson=lesson, text=text, staged=staged
    )


def _open_reviews(enrolment, lesson):
    return list(
        Review.objects.filter(
            reviewer=enrolment.learner, submission__lesson=lesson, completed_at=None
        )
    )


# --- The rubric -------------------------------------------------------------------


def test_rubric_scores_are_the_share_of_the_highest_points(peer_course):
    _course, lesson = peer_course
    criteria = assignments.rubric_of(lesson)

    scores, percent = assignments.score_review(criteria, choose(lesson, 2, 1))

    assert assignments.rubric_maximum(criteria) == 5
    assert percent == 60
    assert scores == [
        {"criterion": "Evidence", "level": "Some", "points": 2, "maximum": 4},
        {"criterion": "Clarity", "level": "Clear", "points": 1, "maximum": 1},
    ]


def test_a_level_of_another_criterion_is_not_scored(peer_course):
    _course, lesson = peer_course
    criteria = assignments.rubric_of(lesson)
    first, second = criteria
    forged = {first.pk: second.levels.first().pk, second.pk: second.levels.first().pk}

    with pytest.raises(ValueError):
        assignments.score_review(criteria, forged)


def test_the_rubric_round_trips_through_its_rows(peer_course):
    _course, lesson = peer_course

    assert assignments.rubric_rows(lesson) == RUBRIC


# --- Allocation -------------------------------------------------------------------


def test_three_learners_each_review_two_others_and_never_their_own(peer_course):
    course, lesson = peer_course
    enrolments = learners(course, 3)

    submissions = [_hand_in(e, lesson) for e in enrolments]

    reviews = list(Review.objects.filter(submission__lesson=lesson))
    assert len(reviews) == 6
    assert Counter(r.submission_id for r in reviews) == {s.pk: 2 for s in submissions}
    assert Counter(r.reviewer_id for r in reviews) == {
        e.learner_id: 2 for e in enrolments
    }
    assert all(r.reviewer_id != r.submission.enrolment.learner_id for r in reviews)
    pairs = [(r.reviewer_id, r.submission_id) for r in reviews]
    assert len(set(pairs)) == len(pairs)


def test_the_first_to_hand_in_gets_the_second_submission(peer_course):
    course, lesson = peer_course
    first, second = learners(course, 2)

    _hand_in(first, lesson)
    assert _open_reviews(first, lesson) == []
    theirs = _hand_in(second, lesson)

    assert [r.submission for r in _open_reviews(first, lesson)] == [theirs]


def test_allocation_goes_to_the_submissions_with_fewest_reviews(peer_course):
    course, lesson = peer_course
    enrolments = learners(course, 5)
    for enrolment in enrolments[:4]:
        _hand_in(enrolment, lesson)
    before = Counter(
        Review.objects.filter(submission__lesson=lesson).values_list(
            "submission_id", flat=True
        )
    )

    _hand_in(enrolments[4], lesson)

    # The first three review each other; the fourth found nobody left to
    # review, and nobody to review theirs: the fifth gets theirs.
    assert sorted(before.values()) == [2, 2, 2]
    given = [r.submission for r in _open_reviews(enrolments[4], lesson)]
    assert [s.enrolment for s in given] == [enrolments[3]]
    counts = Counter(
        Review.objects.filter(submission__lesson=lesson).values_list(
            "submission_id", flat=True
        )
    )
    assert max(counts.values()) <= 2


def test_with_two_learners_a_submission_waits_for_peers(peer_course):
    course, lesson = peer_course
    first, second = learners(course, 2)
    _hand_in(first, lesson)
    _hand_in(second, lesson)

    rows = assignments.review_queue([lesson])

    assert [(row.open, row.waiting_for_peers) for row in rows] == [
        (1, True),
        (1, True),
    ]


# --- Acceptance -------------------------------------------------------------------


def _review_all(submission, *points):
    for review in submission.reviews.filter(completed_at=None):
        assignments.submit_peer_review(
            review=review, chosen=choose(submission.lesson, *points), comment="Ok"
        )


def test_two_peer_reviews_at_the_pass_mark_accept_and_complete_the_lesson(
    peer_course, django_capture_on_commit_callbacks
):
    course, lesson = peer_course
    enrolments = learners(course, 3)
    submissions = [_hand_in(e, lesson) for e in enrolments]
    reviews = list(submissions[0].reviews.all())

    with django_capture_on_commit_callbacks(execute=True):
        assignments.submit_peer_review(
            review=reviews[0], chosen=choose(lesson, 4, 1), comment="Strong"
        )
        first = Submission.objects.get(pk=submissions[0].pk)
        assert first.state == "submitted"
        assignments.submit_peer_review(
            review=reviews[1], chosen=choose(lesson, 0, 1), comment="Thin"
        )

    first = Submission.objects.get(pk=submissions[0].pk)
    assert (first.state, first.score) == ("accepted", 60)  # mean of 100 and 20
    progress = LessonProgress.objects.get(enrolment=enrolments[0], lesson=lesson)
    assert progress.completed_at is not None
    enrolments[0].refresh_from_db()
    assert enrolments[0].state == "completed"  # the only required lesson
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [enrolments[0].learner.email]
    assert "Accepted" in mail.outbox[0].subject


def test_below_the_pass_mark_it_is_returned_and_may_be_handed_in_again(peer_course):
    course, lesson = peer_course
    enrolments = learners(course, 3)
    submissions = [_hand_in(e, lesson) for e in enrolments]

    _review_all(submissions[0], 2, 0)

    first = Submission.objects.get(pk=submissions[0].pk)
    assert (first.state, first.score) == ("returned", 40)
    assert not LessonProgress.objects.filter(
        enrolment=enrolments[0], lesson=lesson, completed_at__isnull=False
    ).exists()
    again = _hand_in(enrolments[0], lesson, text="Better")
    assert again.number == 2 and again.state == "submitted"
    first.refresh_from_db()
    assert first.state == "returned"  # kept, with its own reviews
    assert first.reviews.filter(completed_at__isnull=False).count() == 2


def test_a_new_submission_replaces_the_waiting_one_and_its_open_reviews(peer_course):
    course, lesson = peer_course
    enrolments = learners(course, 3)
    submissions = [_hand_in(e, lesson) for e in enrolments]

    again = _hand_in(enrolments[0], lesson, text="Second thoughts")

    old = Submission.objects.get(pk=submissions[0].pk)
    assert old.state == "superseded"
    assert old.reviews.count() == 0
    assert again.reviews.count() == 2


def test_an_accepted_submission_cannot_be_replaced(peer_course):
    course, lesson = peer_course
    enrolments = learners(course, 3)
    submissions = [_hand_in(e, lesson) for e in enrolments]
    _review_all(submissions[0], 4, 1)

    with pytest.raises(TransitionError):
        _hand_in(enrolments[0], lesson, text="More")
    assert Submission.objects.filter(enrolment=enrolments[0]).count() == 1


def test_a_closed_peer_review_changes_nothing(peer_course):
    course, lesson = peer_course
    enrolments = learners(course, 3)
    submissions = [_hand_in(e, lesson) for e in enrolments]
    review = submissions[0].reviews.first()
    _hand_in(enrolments[0], lesson, text="Replaced")  # withdraws the review

    with pytest.raises(Review.DoesNotExist):
        assignments.submit_peer_review(
            review=review, chosen=choose(lesson, 4, 1), comment=""
        )


# --- Trainers ---------------------------------------------------------------------


def test_a_trainer_overrides_the_peers_both_ways(peer_course, trainer):
    from ecoc_hub.courses import services

    course, lesson = peer_course
    services.add_lesson(module=lesson.module, title="Still to read")
    enrolments = learners(course, 3)
    submissions = [_hand_in(e, lesson) for e in enrolments]
    _review_all(submissions[0], 0, 0)
    returned = Submission.objects.get(pk=submissions[0].pk)
    assert returned.state == "returned"

    assignments.review_as_trainer(
        submission=returned,
        trainer=trainer,
        chosen=choose(lesson, 2, 1),
        comment="Good enough",
        accept=True,
    )
    returned.refresh_from_db()
    assert (returned.state, returned.score) == ("accepted", 60)

    other = submissions[1]
    _review_all(other, 4, 1)
    other.refresh_from_db()
    assert other.state == "accepted"
    assignments.review_as_trainer(
        submission=other,
        trainer=trainer,
        chosen=choose(lesson, 0, 0),
        comment="Copied",
        accept=False,
    )
    other.refresh_from_db()
    assert other.state == "returned"


def test_a_trainer_reviews_a_submission_waiting_for_peers(peer_course, trainer):
    course, lesson = peer_course
    (only,) = learners(course, 1)
    submission = _hand_in(only, lesson)
    assert assignments.review_queue([lesson])[0].waiting_for_peers

    assignments.review_as_trainer(
        submission=submission,
        trainer=trainer,
        chosen=choose(lesson, 4, 1),
        comment="Fine",
        accept=True,
    )

    submission.refresh_from_db()
    assert submission.state == "accepted"
    only.refresh_from_db()
    assert only.state == "completed"


def test_trainer_mode_gives_no_peer_reviews(trainer):
    course, lesson = assignment_course(trainer, review_mode="trainer")
    for enrolment in learners(course, 3):
        _hand_in(enrolment, lesson)

    assert Review.objects.count() == 0
    assert assignments.waiting_count(course) == 3


def test_publishing_needs_a_rubric(trainer):
    from ecoc_hub.core.workflow import transition
    from ecoc_hub.courses import services

    course = make_course(trainers=[trainer], state="draft")
    lesson = services.add_lesson(
        module=course.modules.get(), title="Essay", kind="assignment"
    )
    assert lesson.completion == "reviewed"

    with pytest.raises(TransitionError) as error:
        transition(course, "publish", actor=trainer)
    assert error.value.code == "no_rubric"


# --- Files ------------------------------------------------------------------------

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_a_file_is_checked_by_content_and_stored_under_the_submission(peer_course):
    course, lesson = peer_course
    (enrolment,) = learners(course, 1)
    staged = check_file(SimpleUploadedFile("answer.txt", b"My answer in a file."))

    submission = _hand_in(enrolment, lesson, text="", staged=staged)

    assert submission.file.name == f"courses/submissions/{submission.uuid}.txt"
    assert default_storage.exists(submission.file.name)
    assert (submission.file_name, submission.file_size) == ("answer.txt", 20)
    assert not staged.path.exists()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("answer.pdf", b"not a pdf at all", "file_content"),
        ("page.html", b"<script>alert(1)</script>", "file_type"),
        ("run.exe", b"MZ", "file_type"),
    ],
)
def test_a_forged_or_refused_file_is_an_error(name, content, code):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        check_file(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_an_oversized_file_is_refused(monkeypatch):
    from django.core.exceptions import ValidationError

    from ecoc_hub.courses import submission_files

    monkeypatch.setattr(submission_files, "MAX_FILE_MB", 0)
    with pytest.raises(ValidationError) as error:
        check_file(SimpleUploadedFile("answer.txt", b"x"))
    assert error.value.code == "file_size"


def test_a_failed_submission_leaves_no_file(peer_course, monkeypatch):
    course, lesson = peer_course
    (enrolment,) = learners(course, 1)
    staged = check_file(SimpleUploadedFile("answer.txt", b"Some text."))

    def broken(**kwargs):
        raise RuntimeError("allocation failed")

    monkeypatch.setattr(assignments, "allocate_reviews", broken)
    with pytest.raises(RuntimeError):
        _hand_in(enrolment, lesson, text="", staged=staged)

    assert Submission.objects.count() == 0
    assert default_storage.listdir("courses/submissions")[1] == []


# --- Privacy ----------------------------------------------------------------------


def test_the_export_holds_submissions_reviews_received_and_written(peer_course):
    course, lesson = peer_course
    enrolments = learners(course, 3)
    submissions = [
        _hand_in(e, lesson, text=f"Answer {n}") for n, e in enumerate(enrolments)
    ]
    _review_all(submissions[0], 4, 1)
    reviewer = submissions[0].reviews.first().reviewer

    data = export_course_data(enrolments[0].learner)
    written = export_course_data(reviewer)["assignment_reviews_written"]

    (exported,) = data["enrolments"][0]["assignment_submissions"]
    assert (exported["text"], exported["state"], exported["score_percent"]) == (
        "Answer 0",
        "accepted",
        100,
    )
    assert [r["score_percent"] for r in exported["reviews_received"]] == [100, 100]
    assert "reviewer" not in exported["reviews_received"][0]
    assert [
        (w["lesson"], w["score_percent"]) for w in written if w["completed_at"]
    ] == [("Meet a non-audience", 100)]


def test_erasure_removes_submissions_and_files_and_anonymises_reviews(
    peer_course, django_capture_on_commit_callbacks
):
    course, lesson = peer_course
    enrolments = learners(course, 3)
    staged = check_file(SimpleUploadedFile("answer.txt", b"A file answer."))
    mine = _hand_in(enrolments[0], lesson, text="", staged=staged)
    others = [_hand_in(e, lesson) for e in enrolments[1:]]
    person = enrolments[0].learner
    done = Review.objects.get(reviewer=person, submission=others[0])
    assignments.submit_peer_review(
        review=done, chosen=choose(lesson, 4, 1), comment="Kept"
    )

    with django_capture_on_commit_callbacks(execute=True):
        erase_course_data(person)

    assert not Submission.objects.filter(pk=mine.pk).exists()
    assert not default_storage.exists(mine.file.name)
    done.refresh_from_db()
    assert (done.reviewer, done.comment) == (None, "Kept")
    assert not Review.objects.filter(reviewer=person).exists()


def test_submitted_files_are_in_the_stored_files_inventory(peer_course):
    from ecoc_hub.core.storedfiles import inventory

    course, lesson = peer_course
    (enrolment,) = learners(course, 1)
    staged = check_file(SimpleUploadedFile("answer.txt", b"Inventory."))
    submission = _hand_in(enrolment, lesson, text="", staged=staged)

    assert inventory()[submission.file.name].sha256 == submission.file_sha256
