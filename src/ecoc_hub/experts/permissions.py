"""Who may see and do what with calls and applications.

Roles: a *call manager* is a curator or a person named on the call; an
*applicant* owns the application (through their expert profile). Used by
the views, the workflow table, the templates and the API alike.
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_curator, is_member

from .models import Application, Call

EDITABLE = {Application.State.DRAFT}


def is_call_manager(user: Any, call: Call) -> bool:
    if not is_member(user):
        return False
    if is_curator(user):
        return True
    cache = getattr(user, "_experts_managed_call_ids", None)
    if cache is None:
        cache = set(user.managed_calls.values_list("pk", flat=True))
        user._experts_managed_call_ids = cache
    return call.pk in cache


def can_manage_calls(user: Any) -> bool:
    """Curators, and anyone named manager of at least one call."""
    return is_curator(user) or (is_member(user) and user.managed_calls.exists())


def can_see_call(user: Any, call: Call) -> bool:
    return call.is_published or is_call_manager(user, call)


def can_apply(user: Any, call: Call) -> bool:
    return is_member(user) and call.is_open()


def is_applicant(user: Any, application: Application) -> bool:
    return is_member(user) and application.expert.user_id == user.pk


def can_see_application(user: Any, application: Application) -> bool:
    return is_applicant(user, application) or is_call_manager(user, application.call)


def can_edit_application(user: Any, application: Application) -> bool:
    return is_applicant(user, application) and application.state in EDITABLE


def can_submit(user: Any, application: Application) -> bool:
    return is_applicant(user, application)


def can_withdraw(user: Any, application: Application) -> bool:
    return is_applicant(user, application)


def can_decide(user: Any, application: Application) -> bool:
    return is_call_manager(user, application.call)


def can_download_cv(user: Any, application: Application) -> bool:
    return can_see_application(user, application)


def can_merge_profiles(user: Any) -> bool:
    return is_curator(user)


def is_panel_member(user: Any, call: Call) -> bool:
    if not is_member(user):
        return False
    cache = getattr(user, "_experts_panel_call_ids", None)
    if cache is None:
        cache = set(user.review_panels.values_list("call_id", flat=True))
        user._experts_panel_call_ids = cache
    return call.pk in cache


def can_review(user: Any) -> bool:
    """Has a place on at least one call's panel, or manages calls (the
    reviewer's pages; each review is then checked on its own)."""
    return (is_member(user) and user.review_panels.exists()) or can_manage_calls(user)


def is_own_review(user: Any, review: Any) -> bool:
    return is_member(user) and review.reviewer_id == user.pk


def can_see_review(user: Any, review: Any) -> bool:
    return is_own_review(user, review) or is_call_manager(user, review.application.call)


def can_score(user: Any, review: Any) -> bool:
    return (
        is_own_review(user, review)
        and not review.is_submitted
        and review.application.state == Application.State.UNDER_REVIEW
    )


def can_see_other_scores(user: Any, review: Any) -> bool:
    """Reviewers see the others' scores only once theirs is in."""
    if is_call_manager(user, review.application.call):
        return True
    return is_own_review(user, review) and review.is_submitted
