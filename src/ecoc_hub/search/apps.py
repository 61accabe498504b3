from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ecoc_hub.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Each app's search_index module registers its indexers (see registry).
        from django.utils.module_loading import autodiscover_modules

        from .labels import register_builtin_facets

        register_builtin_facets()

        from ecoc_hub.cities.related import register_area_counter

        from .queries import capacity_area_counts

        register_area_counter(capacity_area_counts)
        autodiscover_modules("search_index")

        from ecoc_hub.core import health, schedule

        from .consistency import health as index_health
        from .tasks import check_index_daily

        health.register("search_index", index_health)
        schedule.register(
            "search.check_index", every=timedelta(days=1), task=check_index_daily
        )
