from __future__ import annotations

from django.tasks import task

from . import services


@task()
def expire_offers() -> int:
    """Expire offers whose deadline passed and offer the places again."""
    return services.expire_offers()


@task()
def send_reminders() -> int:
    """Follow-up forms due, and online events starting in a day or an hour."""
    return services.send_follow_up_reminders() + services.send_start_reminders()


@task()
def purge_personal_data() -> int:
    """Delete applicants' personal data once each event's retention ends."""
    return services.purge_personal_data()
