from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "ecoc_hub.community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from ecoc_hub.accounts.privacy import register_eraser, register_exporter
        from ecoc_hub.core import startup

        from . import (
            search_index,  # noqa: F401 - registers the indexer
            workflow,  # noqa: F401 - registers the transition tables
        )
        from .metrics import register as register_metrics
        from .privacy import erase_community_data, export_community_data
        from .services import area_spaces_hook

        startup.register("community_spaces", area_spaces_hook)
        register_exporter("community", export_community_data)
        register_eraser(erase_community_data)
        register_metrics()
