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
        autodiscover_modules("search_index")
