"""Who may do what with a certificate.

Anyone may verify a certificate by its code (the page shows only what the
certificate itself says). Its recipient, curators, admins and whoever the
source app names (an event's organisers) may download it; curators, admins
and the source's managers may revoke and re-issue it.
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_admin, is_curator

from .sources import source_for


def can_see_certificate(user: Any, certificate: Any) -> bool:
    return True


def can_manage_certificate(user: Any, certificate: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if is_curator(user) or is_admin(user):
        return True
    source = certificate.source
    registered = source_for(source) if source is not None else None
    return bool(registered and registered.can_manage(user, source))


def can_download_certificate(user: Any, certificate: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if certificate.recipient_id is not None and certificate.recipient_id == user.pk:
        return True
    return can_manage_certificate(user, certificate)


def can_revoke_certificate(user: Any, certificate: Any) -> bool:
    return can_manage_certificate(user, certificate)
