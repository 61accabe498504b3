from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "ecoc_hub.library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from ecoc_hub.core import storedfiles

        from .storedfiles import library_files

        storedfiles.register("library", library_files)
