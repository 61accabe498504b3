"""What people do with their accounts and teams, one module per feature:
``profile``, ``teams`` (teams and join requests), ``invitations``,
``account`` (consents, deleting an account, the export of one's data).
"""

from __future__ import annotations

from .account import (
    delete_account,
    export_account,
    record_consents,
)
from .invitations import (
    INVITATION_LIFETIME,
    InvitationError,
    accept_invitation,
    cancel_invitation,
    check_invitation,
    invite_to_team,
    resend_invitation,
)
from .profile import (
    save_preferred_language,
    update_profile,
)
from .teams import (
    JoinRequestError,
    create_team,
    decide_join_request,
    mail_join_request_answer,
    remove_member,
    request_to_join,
    update_team,
)

__all__ = [
    "INVITATION_LIFETIME",
    "InvitationError",
    "JoinRequestError",
    "accept_invitation",
    "cancel_invitation",
    "check_invitation",
    "create_team",
    "decide_join_request",
    "delete_account",
    "export_account",
    "invite_to_team",
    "mail_join_request_answer",
    "record_consents",
    "remove_member",
    "request_to_join",
    "resend_invitation",
    "save_preferred_language",
    "update_profile",
    "update_team",
]
