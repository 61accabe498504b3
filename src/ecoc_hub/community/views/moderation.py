"""Moderators' pages: the queue, approving and hiding posts, locking,
pinning and moving threads."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.permissions import is_curator, is_member
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import requires
from ecoc_hub.core.workflow import TransitionError

from .. import moderation, permissions, queries
from ..enums import AppealState, NoticeState, PostState
from ..forms import HideForm, MoveForm
from ..models import Appeal, Notice, Post
from .discussions import crumbs, get_post, get_thread


@requires(permissions.can_see_moderation_queue)
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    spaces = queries.moderated_spaces(request.user)
    held = (
        Post.objects.filter(state=PostState.HELD, thread__space__in=spaces)
        .select_related("thread__space__capacity_area", "author")
        .order_by("created_at")
    )
    notices = (
        Notice.objects.filter(state=NoticeState.OPEN, post__thread__space__in=spaces)
        .select_related("post__thread")
        .order_by("created_at")
    )
    appeals = (
        Appeal.objects.filter(state=AppealState.OPEN)
        .select_related("statement__post__thread")
        .order_by("created_at")
        if is_curator(request.user)
        else Appeal.objects.none()
    )
    return render(
        request,
        "community/queue.html",
        {
            "held": list(held),
            "notices": list(notices),
            "appeals": list(appeals),
            "breadcrumbs": crumbs((_("Moderation"), "")),
        },
    )


@requires(is_member)
@require_POST
def post_moderate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_post(request, pk, permissions.can_moderate_post)
    action = request.POST.get("action", "")
    try:
        if action == "approve":
            moderation.approve_post(post=post, moderator=request.user)
            messages.success(request, _("The post is published."))
        elif action == "restore":
            moderation.restore_post(post=post, moderator=request.user)
            messages.success(request, _("The post is visible again."))
        else:
            raise TransitionError(_("This action does not exist."))
    except TransitionError as error:
        messages.error(request, error.message)
    return redirect(post)


@requires(is_member)
@require_http_methods(["GET", "POST"])
def post_hide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_post(request, pk, permissions.can_moderate_post)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.hide_post(post=post, moderator=request.user, **form.cleaned_data)
        except TransitionError as error:
            error.add_to_form(form, fields={"comment": "explanation"})
        else:
            messages.success(
                request,
                _("The post is hidden; its author has the statement of reasons."),
            )
            return redirect(post)
    thread = post.thread
    return render(
        request,
        "community/post_hide.html",
        {
            "form": form,
            "post": post,
            "breadcrumbs": crumbs(
                (thread.title, thread.get_absolute_url()), (_("Hide the post"), "")
            ),
        },
    )


@requires(is_member)
@require_POST
def thread_moderate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = get_thread(request, pk, permissions.can_moderate_thread)
    flags = {
        "lock": {"is_locked": True},
        "unlock": {"is_locked": False},
        "pin": {"is_pinned": True},
        "unpin": {"is_pinned": False},
    }.get(request.POST.get("action", ""))
    if flags is None:
        messages.error(request, _("This action does not exist."))
    else:
        moderation.set_thread_flags(thread=thread, **flags)
        messages.success(request, _("The thread is changed."))
    return redirect(thread)


@requires(is_member)
@require_http_methods(["GET", "POST"])
def thread_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = get_thread(request, pk, permissions.can_moderate_thread)
    spaces = (
        queries.moderated_spaces(request.user)
        .exclude(kind__in=queries.CLOSED_KINDS)
        .exclude(pk=thread.space_id)
        .select_related("capacity_area")
    )
    form = MoveForm(request.POST or None, spaces=spaces)
    if request.method == "POST" and form.is_valid():
        moderation.move_thread(thread=thread, space=form.cleaned_data["space"])
        messages.success(request, _("The thread is moved."))
        return redirect(thread)
    return render(
        request,
        "community/thread_move.html",
        {
            "form": form,
            "thread": thread,
            "breadcrumbs": crumbs(
                (thread.title, thread.get_absolute_url()), (_("Move the thread"), "")
            ),
        },
    )
