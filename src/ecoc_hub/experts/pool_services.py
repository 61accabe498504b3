"""Writes of the expert pool: joining it, the expert's own edits, contact.

Every save of the profile by its expert confirms it (``confirmed_at``), so
a profile kept up to date never turns stale; ``confirm_profile`` confirms
it unchanged. Each write updates the site search in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import ngettext

from ecoc_hub.core.mail import queue_email

from .models import Application, ExpertProfile
from .pool_models import (
    REMIND_BEFORE,
    REMIND_EVERY,
    STALE_AFTER,
    AvailabilityPeriod,
    PoolContact,
    PoolExpert,
)
from .search_index import index_pool_expert, public_entries

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import Organisation, User
    from ecoc_hub.cities.models import CapacityArea

#: Messages one person may send through the contact forms per CONTACT_WINDOW.
CONTACT_LIMIT = 5
CONTACT_WINDOW = dt.timedelta(days=1)

#: The fields of the profile its expert edits (besides areas and calendar).
EDITABLE_FIELDS = (
    "is_listed",
    "headline",
    "bio",
    "bio_language",
    "profiles",
    "languages",
    "countries",
    "day_rate",
    "show_email",
    "show_photo",
    "show_experience",
)


def slug_for(expert: ExpertProfile) -> str:
    return f"{slugify(expert.full_name)[:100] or 'expert'}-{expert.pk}"


@transaction.atomic
def add_to_pool(*, application: Application) -> PoolExpert:
    """The accepted applicant's pool profile, made from the application the
    first time; a later acceptance only points it at the newer application."""
    expert = application.expert
    entry = PoolExpert.objects.filter(expert=expert).first()
    if entry is not None:
        entry.application = application
        entry.save(update_fields=["application", "updated_at"])
        index_pool_expert(entry)
        return entry
    entry = PoolExpert.objects.create(
        expert=expert,
        application=application,
        slug=slug_for(expert),
        profiles=list(application.profiles),
        languages=list(application.languages),
        countries=list(application.countries),
        bio_language=expert.user.preferred_language or settings.LANGUAGE_CODE,
    )
    entry.capacity_areas.set(application.capacity_areas.all())
    index_pool_expert(entry)
    return entry


@transaction.atomic
def update_profile(
    *,
    entry: PoolExpert,
    values: dict[str, Any],
    capacity_areas: Iterable[CapacityArea],
) -> PoolExpert:
    for name in EDITABLE_FIELDS:
        if name in values:
            setattr(entry, name, values[name])
    entry.confirmed_at = timezone.now()
    entry.full_clean()
    entry.save()
    entry.capacity_areas.set(list(capacity_areas))
    index_pool_expert(entry)
    return entry


@transaction.atomic
def confirm_profile(*, entry: PoolExpert) -> PoolExpert:
    entry.confirmed_at = timezone.now()
    entry.save(update_fields=["confirmed_at", "updated_at"])
    index_pool_expert(entry)
    return entry


@transaction.atomic
def set_availability(
    *, entry: PoolExpert, periods: Sequence[tuple[dt.date, dt.date, str]]
) -> list[AvailabilityPeriod]:
    """Replace the expert's calendar with ``periods`` (from, until, note)."""
    PoolExpert.objects.select_for_update().filter(pk=entry.pk).first()
    entry.availability.all().delete()
    rows = [
        AvailabilityPeriod(expert=entry, starts_on=start, ends_on=end, note=note)
        for start, end, note in sorted(periods)
    ]
    for row in rows:
        row.full_clean(exclude=["expert"])
    AvailabilityPeriod.objects.bulk_create(rows)
    entry.confirmed_at = timezone.now()
    entry.save(update_fields=["confirmed_at", "updated_at"])
    return rows


def contacts_left(*, sender: User, now: dt.datetime | None = None) -> int:
    since = (now or timezone.now()) - CONTACT_WINDOW
    sent = PoolContact.objects.filter(sender=sender, sent_at__gt=since).count()
    return max(0, CONTACT_LIMIT - sent)


@transaction.atomic
def contact_expert(
    *, entry: PoolExpert, sender: User, team: Organisation, message: str
) -> PoolContact:
    """Send ``message`` to the expert by e-mail, with the sender's name, team
    and address so the expert can answer; refused past ``CONTACT_LIMIT``."""
    # The sender's row is locked so two tabs cannot both pass the limit.
    get_user_model().objects.select_for_update().filter(pk=sender.pk).first()
    if contacts_left(sender=sender) <= 0:
        raise ValidationError(
            ngettext(
                "You have sent %(count)s message to experts in the last 24 hours, "
                "the most allowed. Please try again tomorrow.",
                "You have sent %(count)s messages to experts in the last 24 hours, "
                "the most allowed. Please try again tomorrow.",
                CONTACT_LIMIT,
            )
            % {"count": CONTACT_LIMIT},
            code="rate_limited",
        )
    contact = PoolContact.objects.create(
        expert=entry, sender=sender, team=team, message=message.strip()
    )
    user = entry.expert.user
    if user.email:
        _send_contact(contact)
    return contact


def _send_contact(contact: PoolContact) -> None:
    user = contact.expert.expert.user
    queue_email(
        to=[user.email],
        template="experts/email/pool_contact",
        context={
            "name": contact.expert.expert.full_name,
            "sender": contact.sender.public_name,
            "sender_email": contact.sender.email,
            "team": contact.team.name,
            "message": contact.message,
            "url": settings.SITE_URL + contact.expert.get_absolute_url(),
        },
        language=user.preferred_language or settings.LANGUAGE_CODE,
    )


def send_reminder(*, entry: PoolExpert, now: dt.datetime) -> None:
    user = entry.expert.user
    entry.reminded_at = now
    entry.save(update_fields=["reminded_at"])
    if not user.email:
        return
    queue_email(
        to=[user.email],
        template="experts/email/pool_reminder",
        context={
            "name": entry.expert.full_name,
            "stale": entry.is_stale(now),
            "stale_on": entry.stale_on,
            "url": settings.SITE_URL + reverse("experts:my_pool_profile"),
        },
        language=user.preferred_language or settings.LANGUAGE_CODE,
    )


def remind_stale_profiles(*, now: dt.datetime | None = None) -> int:
    """Remind each listed expert whose profile turns stale within
    ``REMIND_BEFORE`` (or already has), at most once per ``REMIND_EVERY``."""
    now = now or timezone.now()
    due = (
        public_entries()
        .filter(confirmed_at__lt=now - STALE_AFTER + REMIND_BEFORE)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - REMIND_EVERY))
        .select_related("expert__user")
        .order_by("pk")
    )
    count = 0
    for entry in due:
        with transaction.atomic():
            send_reminder(entry=entry, now=now)
        count += 1
    return count
