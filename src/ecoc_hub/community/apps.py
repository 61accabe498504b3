from datetime import timedelta

from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "ecoc_hub.community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from ecoc_hub.accounts.privacy import (
            register_eraser,
            register_exporter,
            register_file_lister,
        )
        from ecoc_hub.core import schedule, startup

        from . import (
            search_index,  # noqa: F401 - registers the indexer
            workflow,  # noqa: F401 - registers the transition tables
        )
        from .attachments import attachment_deleted
        from .metrics import register as register_metrics
        from .models import Attachment
        from .privacy import (
            community_files_of,
            erase_community_data,
            export_community_data,
        )
        from .related import register_sections
        from .services import area_spaces_hook
        from .tasks import send_community_digests

        startup.register("community_spaces", area_spaces_hook)
        register_exporter("community", export_community_data)
        register_eraser(erase_community_data)
        register_file_lister("community", community_files_of)
        # Hourly: a person's digest leaves at the first run after
        # following.DIGEST_HOUR; the period keys keep it to one per period.
        schedule.register(
            "community.send_digests",
            every=timedelta(hours=1),
            task=send_community_digests,
        )
        register_metrics()
        register_sections()
        post_delete.connect(
            attachment_deleted, sender=Attachment, dispatch_uid="community_attachment"
        )
