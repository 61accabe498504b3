"""Who may see and do what with calls and applications.

Roles: a *call manager* is a curator or a person named on the call; an
*applicant* owns the application (through their expert profile). Used by
the views, the workflow table, the templates and the API alike.
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_curator, is_member
from ecoc_hub.core.roles import EXPERT

from .models import Application, Call
from .pool_models import PoolExpert
from .support_enums import AssignmentState, RequestState

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


# Support requests and their assignments ----------------------------------------
#
# A request is seen by its team's members, by curators, and by the experts
# invited to it; an assignment by the same team, curators, and its expert.
# Curators read everything and act on nothing: the work is between the team
# and the expert.


def team_ids(user: Any) -> set[int]:
    """The city teams the person belongs to (cached on the user)."""
    if not is_member(user):
        return set()
    cache = getattr(user, "_experts_team_ids", None)
    if cache is None:
        cache = set(user.memberships.values_list("organisation_id", flat=True))
        user._experts_team_ids = cache
    return cache


def is_request_team_member(user: Any, request: Any) -> bool:
    return request.team_id in team_ids(user)


def is_assignment_expert(user: Any, assignment: Any) -> bool:
    return (
        is_member(user)
        and assignment.expert is not None
        and assignment.expert.user_id == user.pk
    )


def can_ask_for_support(user: Any) -> bool:
    """Members of at least one city team write support requests."""
    return bool(team_ids(user))


def can_list_support(user: Any) -> bool:
    return can_ask_for_support(user) or is_curator(user)


def can_see_support_request(user: Any, request: Any) -> bool:
    if is_request_team_member(user, request) or is_curator(user):
        return True
    if not is_member(user) or request.state == RequestState.DRAFT:
        return False
    return request.assignments.filter(expert__user=user).exists()


def can_edit_support_request(user: Any, request: Any) -> bool:
    return is_request_team_member(user, request) and request.state == RequestState.DRAFT


def can_act_for_team(user: Any, request: Any) -> bool:
    """Submit, invite, close: the team's own members."""
    return is_request_team_member(user, request)


def can_see_matches(user: Any, request: Any) -> bool:
    return is_request_team_member(user, request) or is_curator(user)


def can_look_for_experts(user: Any, request: Any) -> bool:
    """The request's page offers its matches while the request is open."""
    return can_see_matches(user, request) and request.state == RequestState.SUBMITTED


def can_invite(user: Any, request: Any) -> bool:
    return (
        is_request_team_member(user, request)
        and request.state == RequestState.SUBMITTED
    )


def can_set_city_page_consent(user: Any, request: Any) -> bool:
    return is_request_team_member(user, request)


def can_see_assignment(user: Any, assignment: Any) -> bool:
    return (
        is_request_team_member(user, assignment.request)
        or is_assignment_expert(user, assignment)
        or is_curator(user)
    )


def can_answer_invitation(user: Any, assignment: Any) -> bool:
    return is_assignment_expert(user, assignment)


def can_manage_assignment(user: Any, assignment: Any) -> bool:
    """The team withdraws an invitation, starts and completes the work."""
    return is_request_team_member(user, assignment.request)


def is_assignment_party(user: Any, assignment: Any) -> bool:
    """The team or the expert: either may cancel agreed work."""
    return is_request_team_member(user, assignment.request) or is_assignment_expert(
        user, assignment
    )


def can_write_message(user: Any, assignment: Any) -> bool:
    return is_assignment_party(user, assignment) and assignment.state not in {
        AssignmentState.DECLINED,
        AssignmentState.WITHDRAWN,
    }


def side_of(user: Any, assignment: Any) -> str:
    """``"team"``, ``"expert"`` or ``""`` (a curator, an outsider)."""
    if is_request_team_member(user, assignment.request):
        return "team"
    if is_assignment_expert(user, assignment):
        return "expert"
    return ""


def can_give_feedback(user: Any, assignment: Any) -> bool:
    return assignment.state == AssignmentState.COMPLETED and bool(
        side_of(user, assignment)
    )


# The expert pool ----------------------------------------------------------------
#
# Everyone sees a listed expert's public part; signed-in members of a city team
# also see the contact form (and the e-mail address, if the expert shows it).
# An unlisted profile is seen only by its expert and by curators.


def is_in_public_pool(entry: Any) -> bool:
    """The Python twin of ``search_index.public_entries``."""
    user = entry.expert.user
    return (
        entry.is_listed
        and entry.expert.merged_into_id is None
        and user.is_active
        and user.groups.filter(name=EXPERT).exists()
    )


def is_own_pool_entry(user: Any, entry: Any) -> bool:
    return is_member(user) and entry.expert.user_id == user.pk


def can_see_pool_expert(user: Any, entry: Any) -> bool:
    return (
        is_own_pool_entry(user, entry) or is_curator(user) or is_in_public_pool(entry)
    )


def can_see_contact_options(user: Any) -> bool:
    return bool(team_ids(user))


def can_contact_pool_expert(user: Any, entry: Any) -> bool:
    return (
        can_see_contact_options(user)
        and not is_own_pool_entry(user, entry)
        and is_in_public_pool(entry)
    )


def can_see_pool_email(user: Any, entry: Any) -> bool:
    return entry.show_email and (can_see_contact_options(user) or is_curator(user))


def has_pool_profile(user: Any) -> bool:
    return is_member(user) and PoolExpert.objects.filter(expert__user=user).exists()
