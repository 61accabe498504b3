from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "ecoc_hub.events"
    verbose_name = _("Academy")

    def ready(self) -> None:
        from ecoc_hub.accounts.privacy import (
            register_eraser,
            register_exporter,
            register_file_lister,
        )
        from ecoc_hub.core import schedule, storedfiles

        from . import workflow  # noqa: F401 - registers the transition tables
        from .metrics import register as register_metrics
        from .offers import register_offers
        from .privacy import erase_event_data, event_files_of, export_event_data
        from .recordings import register_sections as register_resource_sections
        from .related import register_sections
        from .storedfiles import answer_files
        from .tasks import expire_offers, purge_personal_data, send_reminders

        storedfiles.register("events", answer_files)
        _register_attendance()
        _register_feedback()
        register_exporter("events", export_event_data)
        register_eraser(erase_event_data)
        register_file_lister("events", event_files_of)
        register_sections()
        register_offers()
        register_metrics()
        register_resource_sections()
        schedule.register(
            "events.expire_offers", every=timedelta(minutes=10), task=expire_offers
        )
        # The hour-before window is an hour wide: a run every 10 minutes
        # reaches everyone in it.
        schedule.register(
            "events.send_reminders", every=timedelta(minutes=10), task=send_reminders
        )
        schedule.register(
            "events.purge_personal_data",
            every=timedelta(days=1),
            task=purge_personal_data,
        )


def _register_attendance() -> None:
    """Check-in and certificates of attendance (events/checkin.py, certify.py)."""
    from ecoc_hub.accounts.privacy import register_exporter
    from ecoc_hub.certificates.sources import register_source

    from .attendance_privacy import export_attendance
    from .models import Event
    from .permissions import can_manage_event

    register_source(
        Event,
        can_manage=can_manage_event,
        link=lambda event: (event.title, event.get_absolute_url()),
    )
    register_exporter("attendance", export_attendance)


def _register_feedback() -> None:
    """The feedback survey after an event (events/feedback/)."""
    from ecoc_hub.accounts.privacy import register_eraser, register_exporter
    from ecoc_hub.core import schedule

    from .feedback import workflow  # noqa: F401 - registers the survey's table
    from .feedback.privacy import erase_survey_invitations, export_survey_invitations
    from .feedback.tasks import send_survey_emails

    register_exporter("feedback_surveys", export_survey_invitations)
    register_eraser(erase_survey_invitations)
    schedule.register(
        "events.send_survey_emails", every=timedelta(hours=1), task=send_survey_emails
    )
