"""Writes of the events app: applications, decisions, offers, the programme.

Every function that moves an application locks the event's row first, then
lets ``core.workflow.transition`` lock the application: always event before
application, so two transactions never wait on each other in a circle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from ecoc_hub.accounts.models import User
from ecoc_hub.core import metrics
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import Outcome, TransitionError, transition
from ecoc_hub.library.files import StagedFile

from . import permissions
from .enums import (
    ApplicationState,
    DraftDecision,
    Format,
    OfferState,
    RegistrationMode,
    Visibility,
)
from .models import (
    Answer,
    Application,
    ApplicationEvent,
    CalendarFeed,
    Event,
    FollowUp,
    Reminder,
    ReminderKind,
    new_feed_token,
)
from .programme import SESSION_FIELDS, update_session  # noqa: F401 - re-exported

S = ApplicationState
O = OfferState  # noqa: E741

DECISION_ACTIONS = {
    DraftDecision.ACCEPT: "accept",
    DraftDecision.WAITLIST: "waitlist",
    DraftDecision.REJECT: "reject",
}


def _lock(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def queue(event: Event):
    """The waiting list in order: first waitlisted, first offered."""
    return event.applications.filter(state=S.WAITLISTED, offer_state=O.NONE).order_by(
        "waitlisted_at", "pk"
    )


def waitlist_position(application: Application) -> int | None:
    """1 for the next person to be offered a place; None off the list."""
    if not application.in_queue or application.waitlisted_at is None:
        return None
    ahead = queue(application.event).filter(
        Q(waitlisted_at__lt=application.waitlisted_at)
        | Q(waitlisted_at=application.waitlisted_at, pk__lt=application.pk)
    )
    return ahead.count() + 1


@transaction.atomic
def create_application(
    *,
    event: Event,
    applicant: User,
    name: str,
    title: Any = None,
    organisation: str = "",
    country: str = "",
    role: str = "",
    languages: list[str] | None = None,
    language: str = "en",
    answers: dict[int, Any] | None = None,
) -> Application:
    """Record an application (selection) or a registration (open events).

    An open registration is decided at once by the platform: a place if one
    is free, else the waiting list, both in the history.
    """
    _lock(event.pk)
    if not permissions.can_apply(applicant, event):
        raise ActionRefused
    if event.applications.filter(applicant=applicant).exists():
        raise TransitionError(
            gettext("You have already applied to this event."),
            code="already_applied",
        )
    if title is not None and not country:
        country = title.city.country_code
    application = Application.objects.create(
        event=event,
        applicant=applicant,
        name=name,
        title=title,
        organisation=organisation,
        country=country,
        role=role,
        languages=languages or [],
        language=language,
    )
    if answers:
        save_answers(application=application, answers=answers)
    ApplicationEvent.objects.create(
        application=application,
        action="submit",
        actor=applicant,
        to_state=application.state,
    )
    if event.registration_mode == RegistrationMode.OPEN:
        from .notifications import send_decision

        try:
            transition(application, "accept", actor=None, field="state")
        except TransitionError as error:
            if error.code != "full":
                raise
            transition(application, "waitlist", actor=None, field="state")
        # Nobody decides an open registration: it is confirmed at once.
        send_decision(application)
        application.decision_sent_at = timezone.now()
        application.save(update_fields=["decision_sent_at"])
    return application


@transaction.atomic
def decide(
    *, application: Application, action: str, actor: User | None, comment: str = ""
) -> Outcome:
    """One decision (accept, waitlist, reject) taken at once."""
    _lock(application.event_id)
    return transition(application, action, actor=actor, comment=comment, field="state")


@transaction.atomic
def draft_decisions(
    *, applications: Iterable[Application], decision: str, actor: User
) -> int:
    """Note a decision on many rows; nothing is sent until ``send_decisions``."""
    if decision not in DraftDecision.values:
        raise TransitionError("unknown decision", code="unknown_action")
    ids = []
    allowed: dict[int, bool] = {}  # per event: one check, not one per row
    for application in applications:
        if application.event_id not in allowed:
            allowed[application.event_id] = permissions.can_decide(actor, application)
        if not allowed[application.event_id]:
            raise ActionRefused
        if application.state not in {S.SUBMITTED, S.WAITLISTED}:
            continue
        ids.append(application.pk)
    updated = Application.objects.filter(pk__in=ids).update(draft_decision=decision)
    metrics.changed("events")
    return updated


@dataclass
class SentDecisions:
    sent: list[Application] = field(default_factory=list)
    #: Drafts that could not be sent, with the reason (a full event).
    failed: list[tuple[Application, str]] = field(default_factory=list)


def send_decisions(*, event: Event, actor: User) -> SentDecisions:
    """Take every drafted decision of the event, each with its e-mail.

    Each decision commits on its own, so one that cannot be taken (the
    event filled up) stays drafted and is reported, and the others go out.
    Acceptances go first, then the waiting list (in order of application),
    then the rejections.
    """
    from .notifications import send_decision

    if not permissions.can_manage_event(actor, event):
        raise ActionRefused
    result = SentDecisions()
    order: list[str] = [
        DraftDecision.ACCEPT,
        DraftDecision.WAITLIST,
        DraftDecision.REJECT,
    ]
    drafted = list(
        event.applications.exclude(draft_decision="").select_related("applicant")
    )
    drafted.sort(key=lambda a: (order.index(a.draft_decision), a.submitted_at, a.pk))
    for application in drafted:
        action = DECISION_ACTIONS[DraftDecision(application.draft_decision)]
        try:
            with transaction.atomic():
                decide(application=application, action=action, actor=actor)
                application.decision_sent_at = timezone.now()
                application.save(update_fields=["decision_sent_at"])
                send_decision(application)
        except TransitionError as error:
            result.failed.append((application, error.message))
        else:
            result.sent.append(application)
    return result


@transaction.atomic
def withdraw_application(*, application: Application, user: User) -> Application:
    """The applicant withdraws, at any stage; an open offer is declined
    first so the place goes to the next person."""
    _lock(application.event_id)
    application.refresh_from_db()
    if application.offer_state == O.OFFERED:
        transition(application, "decline", actor=user, field="offer_state")
    transition(application, "withdraw", actor=user, field="state")
    return application


@transaction.atomic
def confirm_offer(*, application: Application, user: User) -> Application:
    _lock(application.event_id)
    from .notifications import send_decision

    transition(application, "confirm", actor=user, field="offer_state")
    transition(application, "take_offer", actor=user, field="state")
    send_decision(application)  # the confirmation, with the calendar file
    return application


@transaction.atomic
def decline_offer(*, application: Application, user: User) -> Application:
    _lock(application.event_id)
    transition(application, "decline", actor=user, field="offer_state")
    return application


@transaction.atomic
def offer_free_places(*, event: Event) -> list[Application]:
    """Offer every free place to the next people in the queue."""
    event = _lock(event.pk)
    offered: list[Application] = []
    if event.capacity is None or event.is_past():
        return offered
    for application in queue(event):
        try:
            transition(application, "offer", actor=None, field="offer_state")
        except TransitionError as error:
            if error.code == "full":
                break
            raise
        offered.append(application)
    return offered


def expire_offers(*, now: datetime | None = None) -> int:
    """Expire offers past their deadline; each expiry offers the next place."""
    now = now or timezone.now()
    expired = 0
    due = Application.objects.filter(
        offer_state=O.OFFERED, offer_expires_at__lte=now
    ).values_list("pk", "event_id")
    for pk, event_id in due:
        with transaction.atomic():
            _lock(event_id)
            application = Application.objects.get(pk=pk)
            try:
                transition(application, "expire", actor=None, field="offer_state")
            except TransitionError:
                continue  # confirmed or declined meanwhile
            expired += 1
    return expired


@transaction.atomic
def renew_calendar_feed(*, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


def _store_answer_file(staged: StagedFile) -> str:
    """Content-addressed, like library blobs: the name is the SHA-256."""
    extension = staged.original_name.rsplit(".", 1)[-1].lower()
    name = f"events/answers/{staged.sha256[:2]}/{staged.sha256}.{extension}"
    if not default_storage.exists(name):
        with staged.path.open("rb") as handle:
            default_storage.save(name, File(handle))
    staged.discard()
    return name


def save_answers(*, application: Application, answers: dict[int, Any]) -> None:
    questions = {q.pk: q for q in application.event.questions.all()}
    rows = []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            continue
        if isinstance(value, StagedFile):
            rows.append(
                Answer(
                    application=application,
                    question=question,
                    file=_store_answer_file(value),
                    file_name=value.original_name,
                    file_sha256=value.sha256,
                )
            )
        else:
            rows.append(Answer(application=application, question=question, value=value))
    Answer.objects.bulk_create(rows)


def state_counts(event: Event) -> dict[str, int]:
    """Applications per state, open offers and drafted decisions (not sent
    yet): the selection's tally, from one grouped query."""
    from django.db.models import Count

    counts = dict.fromkeys([*ApplicationState.values, "offered", "drafted"], 0)
    groups = (
        event.applications.order_by()
        .values_list("state", "offer_state", "draft_decision")
        .annotate(n=Count("pk"))
    )
    for state, offer_state, draft_decision, n in groups:
        counts[state] += n
        if offer_state == O.OFFERED:
            counts["offered"] += n
        if draft_decision:
            counts["drafted"] += n
    return counts


@transaction.atomic
def decide_and_send(*, application: Application, action: str, actor: User) -> Outcome:
    from .notifications import send_decision

    outcome = decide(application=application, action=action, actor=actor)
    application.decision_sent_at = timezone.now()
    application.save(update_fields=["decision_sent_at"])
    send_decision(application)
    return outcome


@transaction.atomic
def offer_place(*, application: Application, actor: User) -> Outcome:
    """An organiser offers a free place to someone on the list by hand."""
    _lock(application.event_id)
    return transition(application, "offer", actor=actor, field="offer_state")


@transaction.atomic
def save_follow_up(*, application: Application, user: User, **fields: Any) -> FollowUp:
    """An accepted participant's travel, dietary, accessibility and photo
    answers; refused after the deadline."""
    if not permissions.can_fill_follow_up(user, application):
        raise ActionRefused
    follow_up, _created = FollowUp.objects.get_or_create(application=application)
    for name, value in fields.items():
        setattr(follow_up, name, value)
    follow_up.save()
    return follow_up


def _once(application: Application, kind: str) -> bool:
    """Record a reminder; False when it was sent before."""
    _reminder, created = Reminder.objects.get_or_create(
        application=application, kind=kind
    )
    return created


def send_follow_up_reminders(*, now: datetime | None = None) -> int:
    """Within three days of the deadline, remind those who have not answered."""
    from .notifications import send_reminder

    now = now or timezone.now()
    due = Application.objects.filter(
        state=S.ACCEPTED,
        follow_up__isnull=True,
        event__follow_up_deadline__gt=now,
        event__follow_up_deadline__lte=now + timedelta(days=3),
    ).select_related("event", "applicant")
    sent = 0
    for application in due:
        with transaction.atomic():
            if _once(application, ReminderKind.FOLLOW_UP):
                send_reminder(application, ReminderKind.FOLLOW_UP)
                sent += 1
    return sent


def send_start_reminders(*, now: datetime | None = None) -> int:
    """A day and an hour before an online session starts, every accepted
    participant gets a reminder with the link, in their language."""
    from .notifications import send_reminder

    now = now or timezone.now()
    sent = 0
    windows = [
        (ReminderKind.DAY_BEFORE, timedelta(hours=2), timedelta(hours=24)),
        (ReminderKind.HOUR_BEFORE, timedelta(0), timedelta(hours=1)),
    ]
    for kind, after, before in windows:
        due = (
            Application.objects.filter(
                state=S.ACCEPTED,
                event__visibility=Visibility.PUBLISHED,
                event__is_cancelled=False,
                event__format__in=[Format.ONLINE, Format.HYBRID],
                event__starts_at__gt=now + after,
                event__starts_at__lte=now + before,
            )
            .exclude(reminders__kind=kind)
            .select_related("event", "applicant")
        )
        for application in due:
            with transaction.atomic():
                if _once(application, kind):
                    send_reminder(application, kind)
                    sent += 1
    return sent


def purge_personal_data(*, now: datetime | None = None) -> int:
    """After each event's retention period, delete the personal data of its
    applications, answers and follow-ups. The rows stay, anonymous, so the
    counts by state, role and country remain."""
    now = now or timezone.now()
    purged = 0
    for event in Event.objects.filter(personal_data_purged_at__isnull=True):
        if event.ends_at + timedelta(days=event.retention_days) > now:
            continue
        with transaction.atomic():
            locked = _lock(event.pk)
            answers = Answer.objects.filter(application__event=locked)
            files = list(answers.exclude(file="").values_list("file", flat=True))
            answers.delete()
            FollowUp.objects.filter(application__event=locked).delete()
            locked.applications.update(
                applicant=None,
                name="",
                organisation="",
                languages=[],
                personal_data_purged=True,
            )
            ApplicationEvent.objects.filter(application__event=locked).update(
                comment=""
            )
            metrics.changed("events")
            locked.personal_data_purged_at = now
            locked.save(update_fields=["personal_data_purged_at"])
            transaction.on_commit(partial(delete_unused_files, files))
        purged += 1
    return purged


def delete_unused_files(names: list[str]) -> None:
    """Answer files are content-addressed: delete one only when no other
    answer still points to it."""
    for name in set(names):
        if not Answer.objects.filter(file=name).exists():
            default_storage.delete(name)
