from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    name = "ecoc_hub.podcasts"
    verbose_name = _("Podcasts")

    def ready(self) -> None:
        from ecoc_hub.accounts.privacy import register_eraser, register_exporter
        from ecoc_hub.core import storedfiles

        from .metrics import register as register_metrics
        from .privacy import erase_podcast_data, export_podcast_data
        from .related import register_sections
        from .storedfiles import podcast_files

        register_sections()
        register_metrics()
        storedfiles.register("podcasts", podcast_files)
        register_exporter("podcasts", export_podcast_data)
        register_eraser(erase_podcast_data)
