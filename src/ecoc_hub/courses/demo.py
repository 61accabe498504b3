"""Demo courses: audience development (in English, with an audio lesson
with captions and a library resource) and European cooperation (in French),
each with text lessons and a quiz, the first with a peer-reviewed
assignment (demo_assignment.py); Elena Expert trains both,
the demo member is half-way through the first and the demo participant has
completed the second, with its certificate. Digital approaches is a cohort
with a webinar of the events demo as a live session and a module opening
three weeks in. Idempotent: a course that
exists is left as it is."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import User
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.workflow import transition
from ecoc_hub.events.demo import COHORT_WEBINAR_SLUG
from ecoc_hub.events.models import Event
from ecoc_hub.library.models import Resource, ResourceFile

from . import cohort, media, quiz, services
from .demo_assignment import add_assignment, load_submissions
from .enums import LessonKind
from .models import Course, Lesson, Module
from .resources import resource_problem

TRAINER = "demo-expert@example.org"
LEARNER = "demo-member@example.org"
GRADUATE = "demo-participant@example.org"
ASSIGNMENT_LEARNERS = ["demo-team-admin@example.org", "demo-organiser@example.org"]

AUDIENCES: dict[str, Any] = {
    "slug": "audience-development",
    "title": "Audience development for title cities",
    "summary": "Know who comes and who does not, listen to non-audiences and "
    "programme with people, not for them.",
    "description": "Five lessons drawn from the first podcast season, from "
    "ticketing data to co-creation, and a short quiz.\n\n"
    "For programme teams of candidate and title cities.",
    "languages": ["en"],
    "level": "introductory",
    "estimated_hours": 3,
    "areas": ["audience-development", "community-development"],
    "modules": [
        (
            "Knowing your audiences",
            [
                (
                    "Who comes, and who does not",
                    "## Start from what you know\n\nTicketing, surveys and "
                    "partners' visitor counts show who already comes. Map them "
                    "by **district, age and first visit**.\n\n"
                    "| Source | What it tells |\n|---|---|\n"
                    "| Ticketing | Repeat visitors, postcodes |\n"
                    "| Surveys | Motives, barriers |\n",
                ),
                (
                    "Listening to non-audiences",
                    "Non-audiences are not absent by chance. Go where people "
                    "are: markets, sports clubs, schools. *Ask, do not pitch.*",
                ),
            ],
        ),
        (
            "Programming with people",
            [
                (
                    "Co-creation in practice",
                    "Co-creation shares decisions, not only the stage. Agree "
                    "early what participants decide.",
                ),
                (
                    "Measuring reach",
                    "Choose three indicators before the year starts and "
                    "collect a baseline.",
                ),
            ],
        ),
    ],
    "quiz": [
        {
            "kind": "single",
            "prompt": "What is the best first source on who already comes?",
            "feedback": "Ticketing data shows repeat visitors and postcodes.",
            "choices": [("Ticketing data", True), ("A press review", False)],
        },
        {
            "kind": "true_false",
            "prompt": "Co-creation means sharing decisions, not only the stage.",
            "answer_is_true": True,
            "feedback": "Agree early what participants decide.",
        },
        {
            "kind": "short",
            "prompt": "Name one place to meet non-audiences.",
            "accepted_answers": "market\nmarkets\nschool\nschools\nsports club",
            "feedback": "Markets, schools and sports clubs all work.",
        },
    ],
}

COOPERATION: dict[str, Any] = {
    "slug": "cooperation-europeenne",
    "title": "Coopérer en Europe",
    "summary": "Trouver des partenaires, monter une coproduction et rendre "
    "visible la dimension européenne du programme.",
    "description": "Un cours en français en trois leçons et un quiz.",
    "languages": ["fr"],
    "level": "intermediate",
    "estimated_hours": 2,
    "areas": ["european-cooperation", "european-narrative"],
    "modules": [
        (
            "Partenaires et réseaux",
            [
                (
                    "Trouver des partenaires",
                    "Les réseaux culturels européens et les anciennes "
                    "capitales sont les premiers partenaires.",
                ),
                (
                    "Monter une coproduction",
                    "Un accord écrit précise les apports, les droits et le "
                    "calendrier de chacun.",
                ),
                (
                    "La dimension européenne",
                    "Racontez ce que le projet apporte à l'Europe, pas "
                    "seulement à la ville.",
                ),
            ],
        ),
    ],
    "quiz": [
        {
            "kind": "matching",
            "prompt": "Associez chaque ville à son année de capitale.",
            "pairs": [("Mons", "2015"), ("Matera", "2019")],
            "feedback": "Mons en 2015, Matera en 2019.",
        },
        {
            "kind": "multiple",
            "prompt": "Que précise un accord de coproduction ?",
            "choices": [
                ("Les apports", True),
                ("Les droits", True),
                ("La météo", False),
            ],
            "feedback": "Apports, droits et calendrier.",
        },
    ],
}


def _question_fields(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict]]:
    fields = {
        "kind": data["kind"],
        "prompt": data["prompt"],
        "feedback": data.get("feedback", ""),
        "accepted_answers": data.get("accepted_answers", ""),
        "answer_is_true": data.get("answer_is_true"),
    }
    choices = [
        {"text": text, "is_correct": right, "match": ""}
        for text, right in data.get("choices", [])
    ] + [
        {"text": text, "is_correct": False, "match": match}
        for text, match in data.get("pairs", [])
    ]
    return fields, choices


DIGITAL: dict[str, Any] = {
    "slug": "digital-approaches",
    "title": "Digital approaches for title cities",
    "summary": "Evaluate with data, build online communities, communicate and "
    "programme in hybrid forms, and run the project with the right tools.",
    "description": "Six lessons following the six sessions of Academy Camp 2 "
    "(May to October 2021), and a quiz.\n\n"
    "Start with *Audience development for title cities*: digital work builds "
    "on knowing your audiences.",
    "languages": ["en"],
    "level": "intermediate",
    "estimated_hours": 4,
    "areas": ["digital", "communication-marketing"],
    "after": ["audience-development"],
    # A cohort (issue 14): started a week before the demo was loaded, its
    # last module opening three weeks in, a webinar as a live session.
    "cohort": True,
    "modules": [
        (
            "Evaluating with digital data",
            [
                (
                    "Digital evaluation",
                    "## Plan the data before the programme\n\n"
                    "Decide with the evaluation team which questions the "
                    "data must answer, then which sources answer them: "
                    "ticketing, web analytics, social media, mobile surveys.\n\n"
                    "- Agree on **a baseline** in the year before the title.\n"
                    "- Ask for **consent** and keep only what you need "
                    "(GDPR applies to every visitor survey).\n"
                    "- Publish the method with the results.",
                ),
            ],
        ),
        (
            "Building digital communities",
            [
                (
                    "Starting an online community",
                    "A community starts with people who already care: "
                    "volunteers, partners, local creators. Give them a "
                    "reason to meet online that the website alone does not "
                    "offer, and a host who answers within a day.",
                ),
                (
                    "Keeping it alive",
                    "Set a rhythm (a monthly call, a weekly post), hand "
                    "over roles to members and plan what the community "
                    "becomes after the title year: its legacy is part of "
                    "the bid's promises.",
                ),
            ],
        ),
        (
            "Communicating and programming",
            [
                (
                    "Digital communications",
                    "Write for the platform people use, in their languages. "
                    "One message, adapted: a short video, a thread, a "
                    "newsletter paragraph. Measure what people do, not only "
                    "what they see.",
                ),
                (
                    "Digital and hybrid artistic programming",
                    "Hybrid is a form of its own, not a stream of the stage. "
                    "Budget the online audience's experience (sound, "
                    "captions, moderation) like the venue's, and pay the "
                    "artists for the online rights.",
                ),
                (
                    "Digital tools for project management",
                    "Choose few tools, agree on them with the partners, and "
                    "keep the project's records where the next team can find "
                    "them. Open formats outlive the title year.",
                ),
            ],
        ),
    ],
    "quiz": [
        {
            "kind": "single",
            "prompt": "When should the evaluation's baseline be collected?",
            "feedback": "In the year before the title, to compare with.",
            "choices": [
                ("In the year before the title", True),
                ("After the closing ceremony", False),
            ],
        },
        {
            "kind": "true_false",
            "prompt": "A hybrid event is the stage programme streamed online.",
            "answer_is_true": False,
            "feedback": "Hybrid is a form of its own, with its own budget.",
        },
        {
            "kind": "multiple",
            "prompt": "What keeps an online community alive?",
            "choices": [
                ("A regular rhythm", True),
                ("Roles handed over to members", True),
                ("Posting the same message everywhere", False),
            ],
            "feedback": "A rhythm, shared roles and a plan for after the year.",
        },
    ],
}


def _course(data: dict[str, Any], trainer: User | None) -> tuple[Course, bool]:
    found = Course.objects.filter(slug=data["slug"]).first()
    if found is not None:
        return found, False
    course = services.create_course(
        creator=None,
        slug=data["slug"],
        title=data["title"],
        summary=data["summary"],
        description=data["description"],
        languages=data["languages"],
        level=data["level"],
        estimated_hours=data["estimated_hours"],
        capacity_areas=CapacityArea.objects.filter(code__in=data["areas"]),
        trainers=[trainer] if trainer else [],
        prerequisites=Course.objects.filter(slug__in=data.get("after", [])),
        **_cohort_dates(data),
    )
    modules = []
    for title, lessons in data["modules"]:
        module = services.add_module(course=course, title=title)
        modules.append(module)
        for lesson_title, body in lessons:
            services.add_lesson(module=module, title=lesson_title, body=body)
    if data is AUDIENCES:
        _audio_lesson(modules[0])
        _resource_lesson(modules[-1])
        add_assignment(modules[-1])
    lesson = services.add_lesson(
        module=module,
        title="Quiz" if data["languages"] == ["en"] else "Quiz de fin de cours",
        kind="quiz",
        pass_mark=60,
        body="",
    )
    for question in data["quiz"]:
        fields, choices = _question_fields(question)
        services.save_question(lesson=lesson, fields=fields, choices=choices)
    transition(course, "publish", actor=trainer)
    if data.get("cohort"):
        _cohort_demo(course, modules)
    return course, True


def _cohort_dates(data: dict[str, Any]) -> dict[str, Any]:
    if not data.get("cohort"):
        return {}
    today = timezone.localdate()
    return {
        "mode": "cohort",
        "starts_on": today - timedelta(days=7),
        "ends_on": today + timedelta(days=60),
    }


def _cohort_demo(course: Course, modules: list[Module]) -> None:
    """The first module due two weeks in, the last opening three weeks in,
    and the events demo's coming webinar as a live session."""
    first, last = modules[0], modules[-1]
    services.update_module(module=first, title=first.title, due_after_days=14)
    services.update_module(module=last, title=last.title, opens_after_days=21)
    webinar = Event.objects.filter(slug=COHORT_WEBINAR_SLUG).first()
    if webinar is not None:
        cohort.link_webinar(course=course, event=webinar)


# The audio lesson: a conversation with captions. The demo has no speech
# synthesiser to rely on, so the audio is silence paced like the captions
# (as the podcasts demo does without espeak-ng), read at an even pace.
CONVERSATION = [
    ("Ana", "Welcome. Today we talk about the people who do not come yet."),
    ("Jonas", "In our city we started with a simple map of ticket postcodes."),
    ("Ana", "And the map showed whole districts with no visitors at all."),
    ("Jonas", "So we went there: to the market, the football club, the school."),
    ("Ana", "We asked what people do on a free evening, and we listened."),
    ("Jonas", "Listening first changed what we programmed the next season."),
]
WORDS_PER_SECOND = 2.5


def conversation_captions() -> tuple[str, float]:
    """WebVTT for CONVERSATION and the audio's length in seconds."""
    lines, start = ["WEBVTT", ""], 0.5
    for speaker, text in CONVERSATION:
        end = start + max(3.0, round(len(text.split()) / WORDS_PER_SECOND, 1))
        lines += [f"{media.vtt_time(start)} --> {media.vtt_time(end)}"]
        lines += [f"<v {speaker}>{text}", ""]
        start = end + 0.4
    return "\n".join(lines), start + 0.6


def _audio_lesson(module: Module) -> None:
    text, seconds = conversation_captions()
    services.save_media_lesson(
        module=module,
        lesson=None,
        changes={
            "title": "A conversation on non-audiences",
            "body": "Two programme managers on how they met the people who "
            "did not come. Select a line of the transcript to play from there.",
            "minutes": 5,
        },
        checked=media.check_media(io.BytesIO(media.silent_mp3(seconds))),
        captions=(text, media.parse_captions(text)),
    )


def _resource_lesson(module: Module) -> None:
    """The first public resource on audience development with a PDF."""
    readable = Resource.objects.filter(
        state=Resource.State.PUBLISHED,
        access=Resource.Access.PUBLIC,
        files__kind=ResourceFile.Kind.PDF,
    ).order_by("pk")
    on_audiences = readable.filter(capacity_areas__code="audience-development")
    candidates = [*on_audiences.distinct(), *readable.distinct()]
    found = next((r for r in candidates if not resource_problem(r)), None)
    if found is None:
        return  # no library demo loaded: the course goes without this lesson
    services.add_lesson(
        module=module,
        kind=LessonKind.RESOURCE,
        title="A title city's own report",
        body="How one title city measured its reach. Read the pages on "
        "audiences, from page 2.",
        minutes=20,
        resource=found,
        resource_page=2,
    )


def _right_answers(lesson: Lesson) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for q in quiz.questions_of(lesson):
        choices = list(q.choices.all())
        if q.kind == "single":
            answers[str(q.pk)] = next(str(c.pk) for c in choices if c.is_correct)
        elif q.kind == "multiple":
            answers[str(q.pk)] = [str(c.pk) for c in choices if c.is_correct]
        elif q.kind == "true_false":
            answers[str(q.pk)] = "true" if q.answer_is_true else "false"
        elif q.kind == "short":
            answers[str(q.pk)] = q.accepted[0]
        else:
            answers[str(q.pk)] = {str(c.pk): c.match for c in choices}
    return answers


def load_demo(*, stdout: Any) -> int:
    people = {
        u.email: u
        for u in User.objects.filter(
            email__in=[TRAINER, LEARNER, GRADUATE, *ASSIGNMENT_LEARNERS]
        )
    }
    trainer = people.get(TRAINER)
    created = 0
    audiences, made = _course(AUDIENCES, trainer)
    created += made
    cooperation, made_too = _course(COOPERATION, trainer)
    created += made_too
    digital, made_third = _course(DIGITAL, trainer)
    created += made_third
    learner, graduate = people.get(LEARNER), people.get(GRADUATE)
    if made and learner is not None:
        enrolment = services.enrol(course=audiences, learner=learner)
        for lesson in Lesson.objects.filter(module__course=audiences)[:2]:
            services.record_view(enrolment=enrolment, lesson=lesson)
    if made:
        load_submissions(audiences, people)
    if made_too and graduate is not None:
        enrolment = services.enrol(course=cooperation, learner=graduate)
        lessons = list(Lesson.objects.filter(module__course=cooperation))
        for lesson in lessons:
            if lesson.is_quiz:
                quiz.submit_attempt(
                    enrolment=enrolment, lesson=lesson, answers=_right_answers(lesson)
                )
            else:
                services.record_view(enrolment=enrolment, lesson=lesson)
    stdout.write(
        _("Courses: %(created)d created, %(enrolments)d learners.")
        % {
            "created": created,
            "enrolments": sum(
                c.enrolments.count() for c in (audiences, cooperation, digital)
            ),
        }
    )
    return created
