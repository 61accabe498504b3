"""The names people read for the roles (``ecoc_hub.core.roles`` defines them)."""

from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.roles import (
    ADMIN,
    CURATOR,
    EXPERT,
    FUNDER,
    MEMBER,
    ORGANISER,
    REVIEWER,
)

ROLE_NAMES = {
    MEMBER: _("Member"),
    EXPERT: _("Expert"),
    CURATOR: _("Curator"),
    REVIEWER: _("Reviewer"),
    ADMIN: _("Administrator"),
    ORGANISER: _("Academy Camp organiser"),
    FUNDER: _("Programme funder"),
}
