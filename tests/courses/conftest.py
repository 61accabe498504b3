"""Courses, modules, lessons and enrolments made through the app's services."""

from __future__ import annotations

from itertools import count

import pytest

from ecoc_hub.core.workflow import transition
from ecoc_hub.courses import services
from ecoc_hub.courses.models import Course, Lesson, Module
from tests.factories import UserFactory

_n = count(1)


def make_course(
    *, trainers=(), state: str = "published", lessons: int = 2, **fields
) -> Course:
    n = next(_n)
    fields.setdefault("title", f"Audience development {n}")
    fields.setdefault("summary", "Reach new audiences.")
    fields.setdefault("slug", f"audience-{n}")
    course = services.create_course(creator=None, trainers=trainers, **fields)
    if lessons:
        module = services.add_module(course=course, title="Basics")
        for i in range(lessons):
            services.add_lesson(module=module, title=f"Lesson {i + 1}", body="# Hi")
    if state != "draft":
        transition(course, "publish", actor=None)
    if state == "archived":
        transition(course, "archive", actor=None)
    return course


def lessons_of(course: Course) -> list[Lesson]:
    return list(Lesson.objects.filter(module__course=course))


def add_module(course: Course, title: str = "More", lessons: int = 1) -> Module:
    module = services.add_module(course=course, title=title)
    for i in range(lessons):
        services.add_lesson(module=module, title=f"{title} {i + 1}")
    return module


@pytest.fixture
def trainer(db):
    return UserFactory(display_name="Tina Trainer", roles=["expert"])


@pytest.fixture
def course(trainer):
    return make_course(trainers=[trainer], title="Audience development")


def add_quiz(course: Course, *, pass_mark: int = 50, attempts: int = 0, **fields):
    """A quiz lesson at the end of the course's last module, with one
    question of each kind."""
    module = course.modules.last()
    quiz = services.add_lesson(
        module=module,
        title="Check yourself",
        kind="quiz",
        pass_mark=pass_mark,
        attempts_allowed=attempts,
        shuffle=False,
        **fields,
    )
    q = {}
    q["single"] = services.save_question(
        lesson=quiz,
        fields={"kind": "single", "prompt": "Which first?", "feedback": "Data."},
        choices=[
            {"text": "Data", "is_correct": True, "match": ""},
            {"text": "Guess", "is_correct": False, "match": ""},
        ],
    )
    q["multiple"] = services.save_question(
        lesson=quiz,
        fields={"kind": "multiple", "prompt": "Which help?"},
        choices=[
            {"text": "Surveys", "is_correct": True, "match": ""},
            {"text": "Focus groups", "is_correct": True, "match": ""},
            {"text": "Nothing", "is_correct": False, "match": ""},
        ],
    )
    q["true_false"] = services.save_question(
        lesson=quiz,
        fields={
            "kind": "true_false",
            "prompt": "Audiences change.",
            "answer_is_true": True,
        },
        choices=[],
    )
    q["short"] = services.save_question(
        lesson=quiz,
        fields={
            "kind": "short",
            "prompt": "The city of 2011?",
            "accepted_answers": "Tallinn\nTurku",
        },
        choices=[],
    )
    q["matching"] = services.save_question(
        lesson=quiz,
        fields={"kind": "matching", "prompt": "Match"},
        choices=[
            {"text": "Mons", "is_correct": False, "match": "2015"},
            {"text": "Matera", "is_correct": False, "match": "2019"},
        ],
    )
    return quiz, q


def right_answers(q) -> dict:
    single = q["single"].choices.get(is_correct=True)
    multiple = q["multiple"].choices.filter(is_correct=True)
    return {
        str(q["single"].pk): str(single.pk),
        str(q["multiple"].pk): [str(c.pk) for c in multiple],
        str(q["true_false"].pk): "true",
        str(q["short"].pk): "  TÜRKU ",
        str(q["matching"].pk): {
            str(c.pk): c.match for c in q["matching"].choices.all()
        },
    }


# --- Video and audio lessons (issue 14, media lessons) ---

CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:05.000
<v Ana>Welcome to audience development.

00:00:05.000 --> 00:00:12.000
Who is not coming yet, and why?

00:00:12.000 --> 00:00:20.000
Listening comes before programming.
"""


def add_media_lesson(course: Course, *, seconds: float = 20.0, **fields) -> Lesson:
    """An audio lesson (a silent MP3 of ``seconds``) with CAPTIONS, at the end
    of the course's last module."""
    import io

    from ecoc_hub.courses import media

    checked = media.check_media(io.BytesIO(media.silent_mp3(seconds)))
    fields.setdefault("title", "Listen to the city")
    return services.save_media_lesson(
        module=course.modules.last(),
        lesson=None,
        changes=fields,
        checked=checked,
        captions=(CAPTIONS, media.parse_captions(CAPTIONS)),
    )


# --- Assignments (issue 14) -----------------------------------------------------

RUBRIC = [
    {
        "title": "Evidence",
        "description": "Facts, not guesses.",
        "levels": [
            {"points": 0, "description": "No evidence"},
            {"points": 2, "description": "Some"},
            {"points": 4, "description": "Strong"},
        ],
    },
    {
        "title": "Clarity",
        "description": "",
        "levels": [
            {"points": 0, "description": "Unclear"},
            {"points": 1, "description": "Clear"},
        ],
    },
]


def add_assignment(
    course: Course,
    *,
    review_mode: str = "peers",
    pass_mark: int = 60,
    answer_type: str = "either",
    **fields,
) -> Lesson:
    """An assignment with RUBRIC (5 points in all) at the end of the course."""
    from ecoc_hub.courses.assignments import save_assignment_lesson

    return save_assignment_lesson(
        module=course.modules.last(),
        lesson=None,
        changes={
            "title": fields.pop("title", "Meet a non-audience"),
            "body": "Describe one group.",
            "review_mode": review_mode,
            "pass_mark": pass_mark,
            "answer_type": answer_type,
            **fields,
        },
        criteria=RUBRIC,
    )


def learners(course: Course, n: int) -> list:
    return [
        services.enrol(
            course=course, learner=UserFactory(display_name=f"Learner {i + 1}")
        )
        for i in range(n)
    ]


def choose(lesson: Lesson, *points: int) -> dict[int, int]:
    """The levels worth these points, criterion by criterion."""
    from ecoc_hub.courses.assignments import rubric_of

    return {
        c.pk: next(level.pk for level in c.levels.all() if level.points == p)
        for c, p in zip(rubric_of(lesson), points, strict=True)
    }
