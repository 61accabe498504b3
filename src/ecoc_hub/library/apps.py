from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "ecoc_hub.library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from ecoc_hub.core import schedule, storedfiles

        from .periodic import refresh_download_counts, release_ended_embargoes
        from .storedfiles import library_files

        storedfiles.register("library", library_files)
        schedule.register(
            "library.release_ended_embargoes",
            every=timedelta(hours=1),
            task=release_ended_embargoes,
        )
        schedule.register(
            "library.refresh_download_counts",
            every=timedelta(hours=1),
            task=refresh_download_counts,
        )
