from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "ecoc_hub.experts"
    verbose_name = _("Experts")

    def ready(self) -> None:
        from ecoc_hub.accounts.privacy import register_eraser, register_exporter

        from . import workflow  # noqa: F401 - registers the transition tables
        from .privacy import erase_experts_data, export_experts_data

        register_exporter("experts", export_experts_data)
        register_eraser(erase_experts_data)
