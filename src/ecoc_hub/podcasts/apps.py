from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    name = "ecoc_hub.podcasts"
    verbose_name = _("Podcasts")

    def ready(self) -> None:
        from .related import register_sections

        register_sections()
