from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "ecoc_hub.experts"
    verbose_name = _("Experts")

    def ready(self) -> None:
        from . import workflow  # noqa: F401 - registers the transition tables
