from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "ecoc_hub.cities"
    verbose_name = _("Cities")

    def ready(self) -> None:
        from ecoc_hub.core import startup

        from .reference import reference_data_hook

        startup.register("reference_data", reference_data_hook)
