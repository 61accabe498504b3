from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from ecoc_hub.core.roles import is_curator, is_funder


def site(request: HttpRequest) -> dict[str, object]:
    return {"SITE_URL": settings.SITE_URL}


def staff_menu(request: HttpRequest) -> dict[str, object]:
    """The header's entries for curators and admins, worked out only if shown."""

    def entries() -> list[tuple[str, str]]:
        user = getattr(request, "user", None)
        found: list[tuple[str, str]] = []
        if user is None or not user.is_authenticated:
            return found
        if is_curator(user):
            found += [
                (_("Moderation queue"), reverse("library:moderation")),
                (_("Reported resources"), reverse("library:reports")),
                (_("Manage podcasts"), reverse("podcasts:manage")),
            ]
        if (is_curator(user) or is_funder(user)) and apps.is_installed(
            "ecoc_hub.dashboard"
        ):
            # The dashboard's name as its app gives it (its own catalogue).
            dashboard = apps.get_app_config("dashboard").verbose_name
            found.append((str(dashboard), reverse("dashboard:index")))
        if user.is_staff:
            found.append((_("Site administration"), reverse("admin:index")))
        return found

    return {"staff_menu": SimpleLazyObject(entries)}
