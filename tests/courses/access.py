"""The courses app's protected URLs in the shared access matrix.

The world's ``member`` is enrolled in the world's published course; its
trainer is a person of no column (trainers' rights are tested in
test_pages.py), so a curator is the one who edits. A draft course is a 404
to everyone but its trainers and curators.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, extend_world, public, register

covers("courses")
public("courses:list", "courses:detail")


@extend_world
def _courses(world) -> None:
    from ecoc_hub.courses import services
    from tests.factories import UserFactory

    from .conftest import lessons_of, make_course

    trainer = UserFactory(display_name="Tom Trainer")
    world.course = make_course(trainers=[trainer], title="Matrix course")
    world.course_lesson = lessons_of(world.course)[0]
    world.course_module = world.course_lesson.module
    world.draft_course = make_course(trainers=[trainer], state="draft")
    world.draft_lesson = lessons_of(world.draft_course)[0]
    world.course_quiz = services.add_lesson(
        module=world.course_module, title="Quiz", kind="quiz"
    )
    world.course_question = services.save_question(
        lesson=world.course_quiz,
        fields={"kind": "true_false", "prompt": "True?", "answer_is_true": True},
        choices=[],
    )
    services.enrol(course=world.course, learner=world.people["member"])
    # Cohorts (issue 14): a cohort course with a webinar as a live session.
    from ecoc_hub.courses import cohort
    from tests.events.conftest import make_event

    world.cohort_course = make_course(
        trainers=[trainer],
        mode="cohort",
        starts_on="2026-01-01",
        ends_on="2099-01-01",
        slug="matrix-cohort",
    )
    world.live_link = cohort.link_webinar(
        course=world.cohort_course,
        event=make_event(kind="webinar", slug="matrix-webinar"),
    )
    world.course_request = services.enrol(
        course=make_course(
            trainers=[trainer], enrolment_policy="approval", slug="by-approval"
        ),
        learner=UserFactory(),
    )


def _url(name: str, *args):
    return lambda w: reverse(f"courses:{name}", args=[a(w) for a in args])


def _slug(w):
    return w.course.slug


def _draft(w):
    return w.draft_course.slug


SIGNED_IN = expect(visitor=302, member=200, curator=200)
EDITORS = expect(visitor=302, member=403, curator=200)
EDITORS_POST = expect(visitor=302, member=403, curator=302)

register(
    "courses:detail",
    lambda w: w.draft_course.get_absolute_url(),
    expect(visitor=404, member=404, curator=200),
    label="draft",
)
register("courses:mine", _url("mine"), SIGNED_IN)
register("courses:create", _url("create"), EDITORS)
register(
    "courses:enrol",
    _url("enrol", _slug),
    expect(visitor=302, member=302, curator=302),
    method="post",
)
register(
    "courses:enrol",
    _url("enrol", _draft),
    expect(visitor=302, member=404, curator=403),
    method="post",
    label="draft",
)
register(
    "courses:withdraw",
    _url("withdraw", _slug),
    expect(visitor=302, member=302, other_team_member=403, curator=403),
    method="post",
)
register(
    "courses:continue",
    _url("continue", _slug),
    expect(visitor=302, member=302, other_team_member=403, curator=403),
)
register(
    "courses:lesson",
    lambda w: w.course_lesson.get_absolute_url(),
    expect(visitor=302, member=200, other_team_member=403, curator=200),
)
register(
    "courses:lesson",
    lambda w: w.draft_lesson.get_absolute_url(),
    expect(visitor=302, member=404, curator=200),
    label="draft",
)
register("courses:author", _url("author", _slug), EDITORS)
register(
    "courses:author",
    _url("author", _draft),
    expect(visitor=302, member=404, curator=200),
    label="draft",
)
register("courses:settings", _url("settings", _slug), EDITORS)
register("courses:trainers", _url("trainers", _slug), EDITORS)
register(
    "courses:state",
    lambda w: reverse("courses:state", args=[w.draft_course.slug, "publish"]),
    expect(visitor=302, member=404, curator=302),
    method="post",
)
register("courses:module_new", _url("module_new", _slug), EDITORS)
register("courses:module", _url("module", _slug, lambda w: w.course_module.pk), EDITORS)
register(
    "courses:module_delete",
    _url("module_delete", _slug, lambda w: w.course_module.pk),
    EDITORS_POST,
    method="post",
)
register(
    "courses:module_move",
    _url("module_move", _slug, lambda w: w.course_module.pk),
    EDITORS_POST,
    method="post",
    data=lambda w: {"direction": "down"},
)
register(
    "courses:lesson_new",
    _url("lesson_new", _slug, lambda w: w.course_module.pk),
    EDITORS,
)
register(
    "courses:lesson_edit",
    _url("lesson_edit", _slug, lambda w: w.course_lesson.pk),
    EDITORS,
)
register(
    "courses:lesson_delete",
    _url("lesson_delete", _slug, lambda w: w.course_lesson.pk),
    EDITORS_POST,
    method="post",
)
register(
    "courses:lesson_move",
    _url("lesson_move", _slug, lambda w: w.course_lesson.pk),
    EDITORS_POST,
    method="post",
    data=lambda w: {"direction": "down"},
)
register("courses:enrolments", _url("enrolments", _slug), EDITORS)
register(
    "courses:decide",
    lambda w: reverse(
        "courses:decide", args=["by-approval", w.course_request.uuid, "admit"]
    ),
    EDITORS_POST,
    method="post",
)
register(
    "courses:attempt",
    _url("attempt", _slug, lambda w: w.course_quiz.pk),
    # No answers: the quiz is shown again with its errors.
    expect(visitor=302, member=400, other_team_member=403, curator=403),
    method="post",
)
register(
    "courses:certificate",
    _url("certificate", _slug),
    # The member has not completed the course yet.
    expect(visitor=302, member=403, curator=403),
    method="post",
)
register(
    "courses:question_new",
    _url("question_new", _slug, lambda w: w.course_quiz.pk),
    EDITORS,
)
register(
    "courses:question",
    _url("question", _slug, lambda w: w.course_question.pk),
    EDITORS,
)
register(
    "courses:question_delete",
    _url("question_delete", _slug, lambda w: w.course_question.pk),
    EDITORS_POST,
    method="post",
)
register("courses:analytics", _url("analytics", _slug), EDITORS)
register("courses:learners_csv", _url("learners_csv", _slug), EDITORS)


# Video and audio lessons (issue 14, media lessons): the file, captions and
# the player's reports follow the lesson's own rules.
@extend_world
def _media_lessons(world) -> None:
    from .conftest import add_media_lesson

    world.course_media = add_media_lesson(world.course)


def _media(w):
    return w.course_media.pk


LESSON_FILE = expect(visitor=302, member=200, other_team_member=403, curator=200)
register("courses:lesson_media", _url("lesson_media", _slug, _media), LESSON_FILE)
register("courses:lesson_captions", _url("lesson_captions", _slug, _media), LESSON_FILE)
register(
    "courses:lesson_played",
    _url("lesson_played", _slug, _media),
    # No report in the body: refused, nothing recorded; a curator previews.
    expect(visitor=302, member=400, other_team_member=403, curator=403),
    method="post",
)
register(
    "courses:lesson_move_to",
    _url("lesson_move_to", _slug, lambda w: w.course_lesson.pk),
    EDITORS_POST,
    method="post",
    data=lambda w: {"module": w.course_module.pk},
)
register(
    "courses:outline_order",
    _url("outline_order", _slug),
    EDITORS_POST,
    method="post",
    data=lambda w: {"layout": "[]"},
)
register(
    "courses:module_delete",
    _url("module_delete", _slug, lambda w: w.course_module.pk),
    EDITORS,
    label="confirmation",
)
register(
    "courses:lesson_delete",
    _url("lesson_delete", _slug, lambda w: w.course_lesson.pk),
    EDITORS,
    label="confirmation",
)
register(
    "courses:question_delete",
    _url("question_delete", _slug, lambda w: w.course_question.pk),
    EDITORS,
    label="confirmation",
)
register("courses:cover_edit", _url("cover_edit", _slug), EDITORS)
register(
    "courses:cover",
    _url("cover", _draft),
    expect(visitor=404, member=404, curator=404),
    label="draft without a cover",
)

# A course as a ZIP (issue 14): its trainers and curators export it;
# curators and trainers import one (the member only follows a course).
register("courses:export", _url("export", _slug), EDITORS)
register(
    "courses:export",
    _url("export", _draft),
    expect(visitor=302, member=404, curator=200),
    label="draft",
)
register("courses:import", _url("import"), EDITORS)
register(
    "courses:import",
    _url("import"),
    # No archive: the form is shown again with its error.
    expect(visitor=302, member=403, curator=400),
    method="post",
    label="empty",
)


# Assignments (issue 14): the member hands in (with a file) after another
# learner, so each is given the other's submission to review. A submission
# is its author's, its allocated peers' and the trainers'; never another
# learner's, never the public's. A peer's review is theirs alone.
@extend_world
def _assignments(world) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ecoc_hub.courses import assignments, services
    from ecoc_hub.courses.submission_files import check_file
    from tests.factories import UserFactory

    from .conftest import add_assignment

    world.course_assignment = add_assignment(world.course, review_mode="peers")
    peer = services.enrol(course=world.course, learner=UserFactory())
    world.peer_submission = assignments.submit_assignment(
        enrolment=peer, lesson=world.course_assignment, text="Theirs", staged=None
    )
    member = services.enrol(course=world.course, learner=world.people["member"])
    world.member_submission = assignments.submit_assignment(
        enrolment=member,
        lesson=world.course_assignment,
        text="Mine",
        staged=check_file(SimpleUploadedFile("mine.txt", b"My file answer.")),
    )
    world.member_review = world.peer_submission.reviews.get(
        reviewer=world.people["member"]
    )


register(
    "courses:submit",
    _url("submit", _slug, lambda w: w.course_assignment.pk),
    # No answer: the lesson is shown again with its error; a curator previews.
    expect(visitor=302, member=400, other_team_member=403, curator=403),
    method="post",
)
register(
    "courses:submission_file",
    _url("submission_file", _slug, lambda w: w.member_submission.uuid),
    expect(visitor=302, member=200, other_team_member=404, curator=200),
)
register(
    "courses:peer_review",
    _url("peer_review", _slug, lambda w: w.member_review.pk),
    expect(visitor=302, member=200, other_team_member=404, curator=404),
)
register("courses:review_queue", _url("review_queue", _slug), EDITORS)
register(
    "courses:trainer_review",
    _url("trainer_review", _slug, lambda w: w.peer_submission.uuid),
    # Trainers' pages: refused before the submission is looked up.
    EDITORS,
)


# --- Cohorts (issue 14) ---


def _cohort(w):
    return w.cohort_course.slug


register("courses:live_sessions", _url("live_sessions", _cohort), EDITORS)
register(
    "courses:live_sessions",
    _url("live_sessions", _cohort),
    # No webinar chosen: the form is shown again with its error.
    expect(visitor=302, member=403, curator=400),
    method="post",
    label="empty",
)
register(
    "courses:live_session_remove",
    _url("live_session_remove", _cohort, lambda w: w.live_link.pk),
    EDITORS_POST,
    method="post",
)
register("courses:versions", _url("versions", _slug), EDITORS)
register(
    "courses:versions",
    _url("versions", _slug),
    # No note: the form is shown again with its error.
    expect(visitor=302, member=403, curator=400),
    method="post",
    label="empty",
)
register(
    "courses:version_snapshot", _url("version_snapshot", _slug, lambda w: 1), EDITORS
)
