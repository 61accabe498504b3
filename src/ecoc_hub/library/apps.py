from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "ecoc_hub.library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from ecoc_hub.accounts.privacy import (
            register_eraser,
            register_exporter,
            register_file_lister,
        )
        from ecoc_hub.core import leases, schedule, storedfiles

        from .metrics import register as register_metrics
        from .periodic import (
            refresh_download_counts,
            release_ended_embargoes,
            remove_orphan_blobs,
        )
        from .privacy import erase_library_data, export_library_data, library_files_of
        from .related import register_sections
        from .storedfiles import library_files
        from .tasks import extract_file, extraction_abandoned

        storedfiles.register("library", library_files)
        register_exporter("library", export_library_data)
        register_eraser(erase_library_data)
        register_file_lister("library", library_files_of)
        leases.register_abandoned_handler(extract_file, extraction_abandoned)
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
        schedule.register(
            "library.remove_orphan_blobs",
            every=timedelta(hours=1),
            task=remove_orphan_blobs,
        )
        register_sections()
        register_metrics()
