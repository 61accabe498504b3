from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "ecoc_hub.assessment"
    verbose_name = _("Self-assessment")

    def ready(self) -> None:
        from ecoc_hub.accounts import team_areas
        from ecoc_hub.accounts.privacy import register_eraser, register_exporter

        from . import workflow  # noqa: F401 - registers the transition tables
        from .metrics import register as register_metrics
        from .privacy import erase_assessment_data, export_assessment_data
        from .related import register_sections
        from .sources import register_offers
        from .team_areas import latest_areas

        register_metrics()
        register_offers()
        team_areas.register(latest_areas)
        register_sections()
        register_exporter("assessment", export_assessment_data)
        register_eraser(erase_assessment_data)
