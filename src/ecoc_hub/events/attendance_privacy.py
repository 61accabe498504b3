"""A person's attendance in their data export.

Attendance rows go with the account (``on_delete=CASCADE``), so no eraser is
needed; certificates of attendance are the certificate service's own data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .attendance import Attendance

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User


def export_attendance(user: User) -> list[dict[str, Any]]:
    return [
        {
            "event": a.session.event.title,
            "session": a.session.title,
            "checked_in_at": a.checked_in_at.isoformat(),
            "method": a.method,
        }
        for a in Attendance.objects.filter(participant=user).select_related(
            "session__event"
        )
    ]
