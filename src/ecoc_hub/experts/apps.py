from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "ecoc_hub.experts"
    verbose_name = _("Experts")

    def ready(self) -> None:
        from ecoc_hub.accounts.privacy import (
            register_eraser,
            register_exporter,
            register_file_lister,
        )
        from ecoc_hub.core import schedule

        from . import support_workflow, workflow  # noqa: F401 - the transition tables
        from .metrics import register as register_metrics
        from .offers import register_offers
        from .pool_tasks import remind_stale_profiles
        from .privacy import erase_experts_data, experts_files_of, export_experts_data
        from .related import register_sections

        register_metrics()
        register_exporter("experts", export_experts_data)
        register_eraser(erase_experts_data)
        register_file_lister("experts", experts_files_of)
        register_offers()
        register_sections()
        schedule.register(
            "experts.remind_stale_profiles",
            every=timedelta(days=1),
            task=remind_stale_profiles,
        )
