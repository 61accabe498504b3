"""The accounts' pages, one module per feature: ``profile`` (the personal
dashboard, public profiles, editing one's own, the language), ``teams``
(the directory of teams, joining, managing members and invitations),
``invitations`` (answering an invitation), ``personal_data`` (privacy
settings, the data export, deleting the account).
"""

from __future__ import annotations

from .invitations import (
    INVITATION_ERRORS,
    invitation,
)
from .personal_data import (
    delete_account,
    privacy,
    privacy_export,
    privacy_export_files,
)
from .profile import (
    dashboard,
    profile,
    profile_edit,
    profile_photo,
    set_language,
)
from .teams import (
    DECISION_DONE,
    JOIN_REQUEST_ERRORS,
    invitation_cancel,
    invitation_resend,
    join_request_decide,
    team,
    team_create,
    team_edit,
    team_invite,
    team_join,
    team_list,
    team_remove_member,
)

__all__ = [
    "DECISION_DONE",
    "INVITATION_ERRORS",
    "JOIN_REQUEST_ERRORS",
    "dashboard",
    "delete_account",
    "invitation",
    "invitation_cancel",
    "invitation_resend",
    "join_request_decide",
    "privacy",
    "privacy_export",
    "privacy_export_files",
    "profile",
    "profile_edit",
    "profile_photo",
    "set_language",
    "team",
    "team_create",
    "team_edit",
    "team_invite",
    "team_join",
    "team_list",
    "team_remove_member",
]
