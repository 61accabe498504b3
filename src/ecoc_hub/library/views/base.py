from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def library_crumb() -> tuple[str, str]:
    return (_("Library"), reverse("library:list"))
