from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "ecoc_hub.events"
    verbose_name = _("Academy")

    def ready(self) -> None:
        from ecoc_hub.core import schedule, storedfiles

        from . import workflow  # noqa: F401 - registers the transition tables
        from .storedfiles import answer_files
        from .tasks import expire_offers, purge_personal_data, send_reminders

        storedfiles.register("events", answer_files)
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
