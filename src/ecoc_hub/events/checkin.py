"""Check-in: signed tickets, the current session, marking attendance.

A participant's ticket is a URL carrying their application's id signed with
``django.core.signing`` (salted for check-in), shown as a QR code on their
ticket page. An organiser who opens it while signed in confirms the
participant for the session going on now (or picks another); the check-in
list per session does the same by name. Only accepted participants can be
checked in, once per session.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.workflow import TransitionError

from .attendance import Attendance, CheckInMethod
from .enums import ApplicationState
from .models import Application, Event, Session

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

SALT = "ecoc_hub.events.checkin"
#: A session is "current" from this long before it starts until it ends.
EARLY = timedelta(minutes=30)


class CheckInError(TransitionError):
    pass


def ticket_token(application: Application) -> str:
    return signing.dumps(str(application.uuid), salt=SALT, compress=False)


def application_for_token(token: str) -> Application | None:
    """The accepted application a ticket names, or None for a forged,
    altered or withdrawn ticket."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return (
        Application.objects.select_related("event", "applicant")
        .filter(uuid=value, state=ApplicationState.ACCEPTED)
        .first()
    )


def current_session(event: Event, now: datetime | None = None) -> Session | None:
    now = now or timezone.now()
    return (
        event.sessions.filter(starts_at__lte=now + EARLY, ends_at__gte=now)
        .order_by("starts_at")
        .first()
    )


def participants(event: Event) -> QuerySet[Application]:
    return (
        event.applications.filter(
            state=ApplicationState.ACCEPTED, applicant__isnull=False
        )
        .select_related("applicant")
        .order_by("name", "pk")
    )


@transaction.atomic
def check_in(
    *, session: Session, participant: User, by: User | None, method: str
) -> Attendance:
    """Mark ``participant`` present at ``session``; a second check-in is
    refused with ``code="already_checked_in"`` and changes nothing."""
    if not participants(session.event).filter(applicant=participant).exists():
        raise CheckInError(
            _("Only accepted participants can be checked in."), code="not_participant"
        )
    try:
        with transaction.atomic():
            return Attendance.objects.create(
                session=session,
                participant=participant,
                checked_in_by=by,
                method=CheckInMethod(method),
            )
    except IntegrityError:
        raise CheckInError(
            _("Already checked in for this session."), code="already_checked_in"
        ) from None


@transaction.atomic
def undo_check_in(*, session: Session, participant: User) -> bool:
    deleted, _rows = Attendance.objects.filter(
        session=session, participant=participant
    ).delete()
    return bool(deleted)
