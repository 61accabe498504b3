from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "ecoc_hub.api"
    verbose_name = _("Harvesting and API")

    def ready(self) -> None:
        # A resource deleted outright (the admin can, no service does) must
        # still be announced to harvesters: OAI-PMH promises persistent
        # deletion records. Nothing else hooks into deletion, so this is
        # the one place that sees it.
        from django.db.models.signals import pre_delete

        from ecoc_hub.library.models import Resource

        from .tombstones import record_deletion

        def _keep_tombstone(sender: type, instance: Resource, **kwargs: object) -> None:
            record_deletion(resource=instance)

        pre_delete.connect(
            _keep_tombstone,
            sender=Resource,
            weak=False,
            dispatch_uid="api_oai_tombstone",
        )
