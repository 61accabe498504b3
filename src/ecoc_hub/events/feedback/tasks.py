from __future__ import annotations

from django.tasks import task

from . import services


@task()
def send_survey_emails() -> int:
    """Invitations for surveys of events that have ended, then the reminders."""
    return services.send_invitations() + services.send_reminders()
