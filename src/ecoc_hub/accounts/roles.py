"""Roles are Django groups with these names. Predicates live in permissions.py."""

from django.utils.translation import gettext_lazy as _

MEMBER = "member"
EXPERT = "expert"
CURATOR = "curator"
REVIEWER = "reviewer"
ADMIN = "admin"

ROLE_NAMES = {
    MEMBER: _("Member"),
    EXPERT: _("Expert"),
    CURATOR: _("Curator"),
    REVIEWER: _("Reviewer"),
    ADMIN: _("Administrator"),
}
