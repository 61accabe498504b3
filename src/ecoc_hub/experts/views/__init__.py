from .apply import (
    application_check,
    application_cv,
    application_detail,
    application_edit,
    application_withdraw,
    apply,
    call_detail,
    call_list,
    experts_crumb,
    my_applications,
)
from .manage import (
    assignment_proposal,
    call_manage,
    decisions_send,
    ranking_view,
    round_statistics,
)
from .review import review_conflict, review_cv, review_detail, review_list

__all__ = [
    "application_check",
    "application_cv",
    "application_detail",
    "application_edit",
    "application_withdraw",
    "apply",
    "assignment_proposal",
    "call_detail",
    "call_list",
    "call_manage",
    "decisions_send",
    "experts_crumb",
    "my_applications",
    "ranking_view",
    "review_conflict",
    "review_cv",
    "review_detail",
    "review_list",
    "round_statistics",
]
