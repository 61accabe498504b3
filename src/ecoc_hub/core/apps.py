from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ecoc_hub.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import health, replicas, schedule
        from .tasks import check_fixity_sample

        if replicas.replica_configured():
            health.register("database_replica", replicas.replica_lag)

        schedule.register(
            "core.fixity_sample", every=timedelta(days=1), task=check_fixity_sample
        )
