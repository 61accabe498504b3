"""The survey's writes: its questions, the invitations and the one
reminder, and the anonymous answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from ecoc_hub.core import metrics
from ecoc_hub.core.mail import queue_email
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError

from ..enums import ApplicationState
from ..models import Application, Event
from . import defaults
from .models import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyQuestionKind,
    SurveyResponse,
    SurveyState,
)

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


@transaction.atomic
def survey_for(event: Event) -> Survey:
    """The event's survey, made with the default questions the first time."""
    survey, created = Survey.objects.get_or_create(event=event)
    if created:
        rows = [
            SurveyQuestion(
                survey=survey,
                position=position,
                kind=kind,
                label=label,
                help_text=help_text,
                choices=options,
                required=required,
            )
            for position, (kind, label, help_text, options, required) in enumerate(
                defaults.EVENT_QUESTIONS
            )
        ]
        # Each session gets a rating and a comment, side by side.
        for session in event.sessions.order_by("starts_at"):
            for kind, label in (
                (SurveyQuestionKind.SCALE, defaults.SESSION_RATING),
                (SurveyQuestionKind.TEXT, defaults.SESSION_COMMENT),
            ):
                rows.append(
                    SurveyQuestion(
                        survey=survey,
                        position=len(rows),
                        kind=kind,
                        label=label,
                        session=session,
                    )
                )
        SurveyQuestion.objects.bulk_create(rows)
    return survey


def _check_editable(survey: Survey) -> None:
    if survey.state != SurveyState.DRAFT:
        raise TransitionError(
            gettext("Questions can change only while the survey is being prepared."),
            code="not_editable",
        )


@transaction.atomic
def save_question(
    *, survey: Survey, question: SurveyQuestion | None = None, **fields: Any
) -> SurveyQuestion:
    _check_editable(survey)
    if question is None:
        last = survey.questions.aggregate(last=Max("position"))["last"]
        question = SurveyQuestion(survey=survey, position=(last or 0) + 1)
    for name, value in fields.items():
        setattr(question, name, value)
    if question.kind != SurveyQuestionKind.CHOICE:
        question.choices = []
    question.save()
    return question


@transaction.atomic
def delete_question(*, question: SurveyQuestion) -> None:
    _check_editable(question.survey)
    question.delete()


def participants(event: Event) -> QuerySet[User]:
    """Those who attended at least one session (accepted participants, for an
    event without sessions)."""
    users = get_user_model()._default_manager.filter(is_active=True)
    if event.sessions.exists():
        return users.filter(attendances__session__event=event).distinct()
    return users.filter(
        event_applications__event=event,
        event_applications__state=ApplicationState.ACCEPTED,
    )


def _languages(event: Event) -> dict[int, str]:
    codes = {code for code, _name in settings.LANGUAGES}
    rows = Application.objects.filter(event=event, applicant__isnull=False)
    return {
        applicant: language
        for applicant, language in rows.values_list("applicant_id", "language")
        if language in codes
    }


def _email(invitation: SurveyInvitation, template: str) -> None:
    participant = invitation.participant
    if not participant.email:
        return
    event = invitation.survey.event
    queue_email(
        to=[participant.email],
        template=f"events/feedback/email/{template}",
        context={
            "name": participant.public_name,
            "event": event.title,
            "link": settings.SITE_URL + reverse("feedback:answer", args=[event.slug]),
        },
        language=invitation.language,
    )


def invite_participants(*, survey: Survey, now: datetime | None = None) -> int:
    """Invite everyone who attended and was not invited yet, once the event
    has ended and while the survey is open. Safe to run again."""
    now = now or timezone.now()
    event = survey.event
    if survey.state != SurveyState.OPEN or event.ends_at > now:
        return 0
    languages = _languages(event)
    invited = set(survey.invitations.values_list("participant_id", flat=True))
    sent = 0
    for person in participants(event).exclude(pk__in=invited):
        with transaction.atomic():
            invitation, created = SurveyInvitation.objects.get_or_create(
                survey=survey,
                participant=person,
                defaults={
                    "invited_at": now,
                    "language": languages.get(person.pk)
                    or _known(person.preferred_language),
                },
            )
            if created:
                _email(invitation, "invitation")
                sent += 1
    return sent


def _known(language: str) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else "en"


def send_invitations(*, now: datetime | None = None) -> int:
    """The scheduled job: every open survey of an event that has ended."""
    now = now or timezone.now()
    surveys = Survey.objects.filter(
        state=SurveyState.OPEN, event__ends_at__lte=now
    ).select_related("event")
    return sum(invite_participants(survey=s, now=now) for s in surveys)


def send_reminders(*, now: datetime | None = None) -> int:
    """One reminder, ``reminder_days`` after the invitation, to those who
    have not answered. The row is claimed by a conditional update before the
    e-mail is queued, so two workers never send it twice."""
    now = now or timezone.now()
    due = SurveyInvitation.objects.filter(
        survey__state=SurveyState.OPEN, answered=False, reminded_at__isnull=True
    ).select_related("survey__event", "participant")
    sent = 0
    for invitation in due:
        if (
            invitation.invited_at + timedelta(days=invitation.survey.reminder_days)
            > now
        ):
            continue
        with transaction.atomic():
            claimed = SurveyInvitation.objects.filter(
                pk=invitation.pk, answered=False, reminded_at__isnull=True
            ).update(reminded_at=now)
            if claimed:
                _email(invitation, "reminder")
                sent += 1
    return sent


@dataclass(frozen=True)
class Given:
    """One answer as the form cleaned it."""

    question: SurveyQuestion
    value: Any


@transaction.atomic
def submit_response(*, survey: Survey, user: User, answers: list[Given]) -> None:
    """Store the answers without the person, and mark the person as having
    answered, in one transaction."""
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .filter(survey=survey, participant=user)
        .first()
    )
    if invitation is None:
        raise ActionRefused
    if invitation.answered:
        raise TransitionError(
            gettext("You have already answered this survey."), code="answered"
        )
    if Survey.objects.get(pk=survey.pk).state != SurveyState.OPEN:
        raise TransitionError(gettext("The survey is closed."), code="closed")
    response = SurveyResponse.objects.create(survey=survey)
    rows = []
    for given in answers:
        if given.value in (None, ""):
            continue
        answer = SurveyAnswer(response=response, question=given.question)
        if given.question.kind == SurveyQuestionKind.SCALE:
            answer.rating = int(given.value)
        elif given.question.kind == SurveyQuestionKind.CHOICE:
            answer.choice = str(given.value)
        else:
            answer.text = str(given.value)
        rows.append(answer)
    SurveyAnswer.objects.bulk_create(rows)
    metrics.changed("events")
    invitation.answered = True
    invitation.save(update_fields=["answered"])
