"""The demo's peer-reviewed assignment in the audience development course
(issue 14): four demo learners at different states. Tomas Team Admin's
submission is accepted by two peers, Petra Participant's has one peer
review of two, Mia Member's waits for hers (and she has Petra's to
review when she signs in), and Olga Organiser's, handed in last, waits
for peers: the trainer's queue shows it."""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.models import User

from . import assignments, services
from .enums import AnswerType, LessonKind, ReviewMode
from .models import Course, Lesson, Module, Review

BRIEF = (
    "Pick one group in your city that rarely comes to cultural events. In "
    "300 to 500 words, say who they are, what you know of them (and how you "
    "know it), and one step your programme will take to meet them."
)
RUBRIC = [
    {
        "title": "Knows the group",
        "description": "Who they are, with evidence rather than guesses.",
        "levels": [
            {"points": 0, "description": "Not described"},
            {"points": 1, "description": "Described, without evidence"},
            {"points": 2, "description": "Described, with evidence"},
        ],
    },
    {
        "title": "A step to meet them",
        "description": "Concrete, feasible, and shaped by the group's own habits.",
        "levels": [
            {"points": 0, "description": "No step"},
            {"points": 2, "description": "A general intention"},
            {"points": 4, "description": "A concrete, feasible step"},
        ],
    },
    {
        "title": "Clear writing",
        "description": "A reader outside the team understands it.",
        "levels": [
            {"points": 0, "description": "Hard to follow"},
            {"points": 1, "description": "Mostly clear"},
            {"points": 2, "description": "Clear throughout"},
        ],
    },
]
# (learner, answer) in the order they hand in.
ANSWERS = [
    (
        "demo-team-admin@example.org",
        "**Teenagers from the northern estates.** Our ticket postcodes show "
        "almost no visits from the three estates north of the ring road, "
        "where a quarter of the city's under-18s live. The youth centre "
        "told us they meet at the skate park and follow local rappers.\n\n"
        "*Our step:* a summer of open rehearsals at the skate park, "
        "programmed with the youth centre's own music group.",
    ),
    (
        "demo-participant@example.org",
        "Older people living alone in the villages around the city. We have "
        "little data: our survey only reached people who already come. We "
        "plan to ask the rural bus service to carry a small touring "
        "programme, and to find out more through the village councils.",
    ),
    (
        "demo-member@example.org",
        "Night-shift workers at the port: concerts end before they are "
        "free. We will open the museum one morning a month from 7 to 10, "
        "with breakfast, and ask the dockers' union to tell its members.",
    ),
    (
        "demo-organiser@example.org",
        "Newcomers who arrived in the last five years, many of them "
        "learning the language. The language schools will host short "
        "introductions to the programme in their classes.",
    ),
]


def add_assignment(module: Module) -> Lesson:
    return assignments.save_assignment_lesson(
        module=module,
        lesson=None,
        changes={
            "title": "Meet a non-audience",
            "body": BRIEF,
            "minutes": 45,
            "is_required": True,
            "answer_type": AnswerType.EITHER,
            "review_mode": ReviewMode.PEERS,
            "pass_mark": 60,
        },
        criteria=RUBRIC,
    )


def _best(lesson: Lesson) -> dict[int, int]:
    return {
        c.pk: max(c.levels.all(), key=lambda level: level.points).pk
        for c in assignments.rubric_of(lesson)
    }


def _second(lesson: Lesson) -> dict[int, int]:
    return {
        c.pk: sorted(c.levels.all(), key=lambda level: level.points)[1].pk
        for c in assignments.rubric_of(lesson)
    }


def load_submissions(course: Course, people: dict[str, User]) -> None:
    lesson = Lesson.objects.filter(
        module__course=course, kind=LessonKind.ASSIGNMENT
    ).first()
    if lesson is None:
        return
    handed: dict[str, Any] = {}
    for email, text in ANSWERS:
        person = people.get(email)
        if person is None:
            continue
        enrolment = services.enrol(course=course, learner=person)
        services.record_view(enrolment=enrolment, lesson=lesson)
        handed[email] = assignments.submit_assignment(
            enrolment=enrolment, lesson=lesson, text=text, staged=None
        )
    first, second = (handed.get(email) for email, _text in ANSWERS[:2])
    comments = {
        first: "Clear evidence from the postcodes, and a step the group "
        "would recognise as theirs.",
        second: "An honest answer about what you do not know yet. Which "
        "village council would you ask first?",
    }
    # Every review of the first submission, and the first one's author's
    # review of the second (the member's review of it stays to do).
    for submission, chosen, limit in ((first, _best, 2), (second, _second, 1)):
        if submission is None:
            continue
        author = submission.enrolment.learner_id
        others = Review.objects.filter(submission=submission, completed_at=None)
        if submission is second and first is not None:
            others = others.filter(reviewer_id=first.enrolment.learner_id)
        for review in list(others.exclude(reviewer_id=author))[:limit]:
            assignments.submit_peer_review(
                review=review, chosen=chosen(lesson), comment=comments[submission]
            )
