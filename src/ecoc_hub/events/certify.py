"""Certificates of attendance, issued through the site's certificate service.

The rule: a participant who attended at least the event's
``attendance_percent`` (75 by default, set by its organisers) of its sessions,
rounded up (5 of 6 sessions at 75 %), earns a certificate.
An event without sessions issues none. Organisers issue them in one go
after the event; revoking and re-issuing one is the certificate service's
own page (``certificates:manage``), which an event's organisers may use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext

from ecoc_hub.certificates.models import Certificate, Status
from ecoc_hub.certificates.services import Achievement, issue_certificate

from .checkin import participants
from .models import Application, Event

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def sessions_needed(total: int, percent: int) -> int:
    # Integer arithmetic: 75 % of 4 is exactly 3, never 3.0000001 rounded up.
    return -(-total * percent // 100) if total else 0


@dataclass(frozen=True)
class Row:
    application: Application
    attended: int
    total: int
    certificate: Certificate | None
    percent: int = 75

    @property
    def eligible(self) -> bool:
        return self.total > 0 and self.attended >= sessions_needed(
            self.total, self.percent
        )


def summary(event: Event) -> list[Row]:
    """Each participant's attendance and valid certificate, in three queries."""
    total = event.sessions.count()
    applications = list(participants(event))
    counts = dict(
        event.sessions.filter(attendances__participant__isnull=False)
        .values_list("attendances__participant")
        .annotate(n=Count("pk"))
        .values_list("attendances__participant", "n")
    )
    certificates = {
        c.recipient_id: c
        for c in Certificate.objects.filter(
            source_type=ContentType.objects.get_for_model(Event),
            source_id=str(event.pk),
            status=Status.VALID,
        )
    }
    return [
        Row(
            application=a,
            attended=counts.get(a.applicant_id or 0, 0),
            total=total,
            certificate=certificates.get(a.applicant_id),
            percent=event.attendance_percent,
        )
        for a in applications
    ]


def achievement_for(event: Event, language: str) -> Achievement:
    with translation.override(language):
        total = event.sessions.count()
        return Achievement(
            title=gettext("Certificate of attendance: %(event)s")
            % {"event": event.title},
            description=event.summary,
            criteria=gettext(
                "Attended at least %(percent)s %% of the sessions of the event "
                "(%(needed)s of %(total)s)."
            )
            % {
                "percent": event.attendance_percent,
                "needed": sessions_needed(total, event.attendance_percent),
                "total": total,
            },
        )


@transaction.atomic
def issue_attendance_certificates(
    *, event: Event, by: User | None
) -> list[Certificate]:
    """A certificate for every eligible participant who has no valid one."""
    issued = []
    for row in summary(event):
        if not row.eligible or row.certificate is not None:
            continue
        person = row.application.applicant
        if person is None:  # participants() has only linked applicants
            continue
        language = person.preferred_language or row.application.language
        issued.append(
            issue_certificate(
                recipient=person,
                achievement=achievement_for(event, language),
                source=event,
                recipient_name=row.application.name or person.display_name,
                issued_by=by,
                language=language,
            )
        )
    return issued


def certificate_for(event: Event, user: User) -> Certificate | None:
    return Certificate.objects.filter(
        source_type=ContentType.objects.get_for_model(Event),
        source_id=str(event.pk),
        recipient=user,
        status=Status.VALID,
    ).first()
