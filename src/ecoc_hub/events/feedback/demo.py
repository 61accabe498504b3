"""The demo's feedback: camp 2 (past, six sessions) with 14 fictional
participants who attended, 12 of whom answered, so the summary shows its
charts; the demo participant attended too and still has to answer."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model

from ecoc_hub.core.workflow import transition

from ..attendance import Attendance, CheckInMethod
from ..enums import ApplicationState
from ..models import Application, Event
from . import services
from .models import Survey, SurveyInvitation, SurveyQuestionKind

CAMP = "academy-camp-2-digital-approaches"
PEOPLE = 14
ANSWERED = 12
COMMENTS = [
    "The case studies from other title cities.",
    "Meeting peers who had the same problems a year earlier.",
    "The practical tools for digital evaluation.",
    "Short sessions with time for questions.",
    "The breakout rooms worked well online.",
    "Clear slides, shared afterwards.",
]
CHANGES = [
    "More time for questions after each talk.",
    "Send the materials before the session.",
    "Fewer speakers per session.",
    "An in-person day would help.",
    "Recordings with subtitles.",
]
SESSION_COMMENTS = [
    "Very practical, with examples we can reuse.",
    "Too much in too little time.",
    "The discussion was the best part.",
]


def load_feedback_demo(*, organiser, participant, people) -> Survey | None:
    """``people(n)`` returns the n-th fictional person (made once)."""
    event = Event.objects.filter(slug=CAMP).first()
    if event is None or Survey.objects.filter(event=event).exists():
        return None
    event.organisers.add(organiser)
    sessions = list(event.sessions.order_by("starts_at"))
    rng = random.Random(2021)  # noqa: S311 - the same demo on every run
    attendees = [people(n) for n in range(PEOPLE)] + [participant]
    for person in attendees[:PEOPLE]:
        Application.objects.create(
            event=event,
            applicant=person,
            name=person.display_name,
            language=person.preferred_language,
            state=ApplicationState.ACCEPTED,
            decided_at=event.starts_at - timedelta(days=14),
        )
    # The demo participant attended too, as a walk-in (no application of
    # record), so that their one application stays the upcoming camp's.
    for person in attendees:
        for session in sessions:
            if rng.random() < 0.85 or person == participant:
                Attendance.objects.create(
                    session=session,
                    participant=person,
                    method=CheckInMethod.LIST,
                    checked_in_at=session.starts_at,
                )
    survey = services.survey_for(event)
    # Invited (and reminded) when the camp ended, so that opening the survey
    # now sends no e-mail and the reminder job has nothing to do.
    ended = event.ends_at + timedelta(days=1)
    for person in (
        get_user_model()
        ._default_manager.filter(attendances__session__event=event)
        .distinct()
    ):
        SurveyInvitation.objects.create(
            survey=survey,
            participant=person,
            language=person.preferred_language,
            invited_at=ended,
            reminded_at=ended + timedelta(days=survey.reminder_days),
        )
    transition(survey, "open", actor=None)
    questions = list(survey.questions.all())
    for n in range(ANSWERED):
        answers = []
        for question in questions:
            if question.kind == SurveyQuestionKind.SCALE:
                low = 2 if question.session_id else 3
                value: object = rng.choice(range(low, 6))
            elif question.kind == SurveyQuestionKind.CHOICE:
                value = rng.choice(["Yes", "Yes", "Yes", "Perhaps", "No"])
            elif question.session_id:
                value = (
                    SESSION_COMMENTS[(n + question.position) % len(SESSION_COMMENTS)]
                    if (n + question.position) % 2 == 0
                    else ""
                )
            elif question.position == 3:
                value = COMMENTS[n % len(COMMENTS)] if n % 2 == 0 else ""
            else:
                value = CHANGES[n % len(CHANGES)] if n % 3 != 1 else ""
            answers.append(services.Given(question=question, value=value))
        services.submit_response(survey=survey, user=people(n), answers=answers)
    return survey
