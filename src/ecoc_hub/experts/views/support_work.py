"""An invitation and the work that follows: answer, states, messages, feedback."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user
from ecoc_hub.core.workflow import TransitionError

from .. import permissions, support_services
from ..support_enums import Side
from ..support_forms import CommentForm, DeclineForm, FeedbackForm, MessageForm
from ..support_models import SupportAssignment
from ..support_workflow import ASSIGNMENT
from .support import _labels, support_crumb

_DONE = {
    "accept": gettext_lazy("You accepted the invitation."),
    "decline": gettext_lazy("You declined the invitation."),
    "withdraw": gettext_lazy("The invitation was withdrawn."),
    "start": gettext_lazy("The work is now in progress."),
    "complete": gettext_lazy("The work is completed: please give your feedback."),
    "cancel": gettext_lazy("The work was cancelled."),
}


def _assignments() -> QuerySet[SupportAssignment]:
    return SupportAssignment.objects.select_related(
        "request__team", "expert__user", "invited_by"
    )


def _load(request: AuthenticatedHttpRequest, uuid: UUID) -> SupportAssignment:
    return get_for_user(
        _assignments(),
        request.user,
        can_see=permissions.can_see_assignment,
        uuid=uuid,
    )


@login_required
def invitations(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The expert's own invitations and assignments."""
    items = _assignments().filter(expert__user=request.user)
    return render(
        request,
        "experts/support/invitations.html",
        {"items": items, "breadcrumbs": [(_("My invitations"), "")]},
    )


@login_required
def assignment_detail(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    assignment = _load(request, uuid)
    return _render(request, assignment)


def _render(
    request: AuthenticatedHttpRequest,
    assignment: SupportAssignment,
    *,
    message_form: MessageForm | None = None,
    feedback_form: FeedbackForm | None = None,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    side = permissions.side_of(user, assignment)
    feedback = list(assignment.feedback.select_related("author"))
    given = {f.side for f in feedback}
    # Each side's feedback shows once both are in (or the work is long over),
    # so neither writes in answer to the other's.
    both_in = {Side.TEAM, Side.EXPERT} <= given
    item = assignment.request
    return render(
        request,
        "experts/support/assignment.html",
        {
            "assignment": assignment,
            "item": item,
            **_labels(item),
            "side": side,
            "actions": [t.action for t in ASSIGNMENT.available(user, assignment)],
            "thread": assignment.messages.select_related("author"),
            "can_write": permissions.can_write_message(user, assignment),
            "message_form": message_form or MessageForm(),
            "decline_form": DeclineForm(),
            "comment_form": comment_form or CommentForm(),
            "can_give_feedback": permissions.can_give_feedback(user, assignment)
            and side not in given,
            "feedback_form": feedback_form or FeedbackForm(),
            "feedback": feedback
            if both_in or permissions.is_curator(user)
            else [f for f in feedback if f.side == side],
            "feedback_waiting": not both_in and bool(given),
            "history": assignment.events.select_related("actor"),
            "breadcrumbs": [
                support_crumb() if side != Side.EXPERT else _invitations_crumb(),
                (item.title, item.get_absolute_url()),
                (assignment.expert_name, ""),
            ],
        },
        status=status,
    )


def _invitations_crumb() -> tuple[str, str]:
    return (_("My invitations"), reverse("experts:invitations"))


@login_required
@require_POST
def assignment_action(
    request: AuthenticatedHttpRequest, uuid: UUID, action: str
) -> HttpResponse:
    if action not in ASSIGNMENT.table:
        raise Http404
    assignment = _load(request, uuid)
    if action == "decline":
        form: DeclineForm | CommentForm = DeclineForm(request.POST)
    else:
        form = CommentForm(request.POST)
    if not form.is_valid():
        return _render(request, assignment, status=400)
    comment = form.cleaned_data.get("comment", "")
    try:
        if action == "decline":
            support_services.decline(
                assignment=assignment,
                actor=request.user,
                comment=comment,
                conflict=form.cleaned_data.get("conflict", False),
            )
        else:
            support_services.move(
                assignment=assignment,
                action=action,
                actor=request.user,
                comment=comment,
            )
    except TransitionError as error:
        if error.field == "comment" and isinstance(form, CommentForm):
            error.add_to_form(form)
            return _render(request, assignment, comment_form=form, status=400)
        messages.error(request, error.message)
    else:
        messages.success(request, str(_DONE[action]))
    return redirect(assignment)


@login_required
@require_POST
def assignment_message(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    assignment = get_for_user(
        _assignments(),
        request.user,
        can_see=permissions.can_see_assignment,
        can_do=permissions.can_write_message,
        uuid=uuid,
    )
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            support_services.send_message(
                assignment=assignment,
                author=request.user,
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form.add_error("body", error.messages[0])
        else:
            messages.success(request, _("Your message was sent."))
            return redirect(
                reverse("experts:assignment_detail", args=[uuid]) + "#thread"
            )
    return _render(request, assignment, message_form=form, status=400)


@login_required
@require_POST
def assignment_feedback(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    assignment = get_for_user(
        _assignments(),
        request.user,
        can_see=permissions.can_see_assignment,
        can_do=permissions.can_give_feedback,
        uuid=uuid,
    )
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            support_services.give_feedback(
                assignment=assignment,
                author=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect(assignment)
    return _render(request, assignment, feedback_form=form, status=400)
