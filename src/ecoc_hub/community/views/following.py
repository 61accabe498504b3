"""Following spaces and threads, the person's e-mail settings, the
one-click unsubscribe of the e-mails, and marking a question's answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.permissions import is_member
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ActionRefused, requires

from .. import following, permissions
from ..enums import PostState
from ..forms import AnswerForm, NotificationSettingsForm
from ..mentions import ensure_handle
from ..models import Space, Thread
from .discussions import crumbs, get_space, get_thread


def _follow_answer(
    request: AuthenticatedHttpRequest, target: Space | Thread
) -> HttpResponse:
    follow = request.POST.get("follow") == "1"
    following.set_following(user=request.user, target=target, follow=follow)
    name = target.display_name if isinstance(target, Space) else target.title
    if follow:
        messages.success(request, _("You follow “%(name)s” now.") % {"name": name})
    else:
        messages.success(
            request, _("You no longer follow “%(name)s”.") % {"name": name}
        )
    return redirect(target)


@requires(is_member)
@require_POST
def space_follow(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _follow_answer(
        request, get_space(request, slug, permissions.can_follow_space)
    )


@requires(is_member)
@require_POST
def thread_follow(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _follow_answer(
        request, get_thread(request, pk, permissions.can_follow_thread)
    )


@requires(is_member)
@require_POST
def thread_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = get_thread(request, pk, permissions.can_mark_answer)
    form = AnswerForm(request.POST)
    post = None
    if form.is_valid() and form.cleaned_data["post"]:
        first = thread.posts.order_by("created_at", "pk").first()
        post = thread.posts.filter(
            pk=form.cleaned_data["post"], state=PostState.PUBLISHED
        ).first()
        if post is None or (first is not None and post.pk == first.pk):
            raise ActionRefused(
                _("Only a published reply of this thread can be the answer.")
            )
    elif not form.is_valid():
        raise ActionRefused(
            _("Only a published reply of this thread can be the answer.")
        )
    following.mark_answer(thread=thread, post=post, actor=request.user)
    if post is None:
        messages.success(request, _("The thread has no marked answer any more."))
        return redirect(thread)
    messages.success(request, _("The reply is marked as the answer."))
    return redirect(post)


@requires(is_member)
@require_http_methods(["GET", "POST"])
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    initial = {"email": following.email_frequency(user), "handle": ensure_handle(user)}
    form = NotificationSettingsForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        following.save_settings(user=user, **form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("community:notification_settings")
    spaces, threads = following.followed_by(user)
    return render(
        request,
        "community/notification_settings.html",
        {
            "form": form,
            "spaces": spaces,
            "threads": threads,
            "breadcrumbs": crumbs((_("Following and e-mail"), "")),
        },
        status=400 if form.is_bound else 200,
    )


@csrf_exempt  # RFC 8058: mail programs post here without a session; the
# signed token in the address is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (mail scanners follow links); POST unsubscribes."""
    try:
        user, scope, target = following.read_token(token)
    except following.BadToken as error:
        return render(
            request,
            "community/unsubscribe.html",
            {
                "bad": True,
                "expired": error.expired,
                "breadcrumbs": crumbs((_("Unsubscribe"), "")),
            },
            status=400,
        )
    done = ""
    if request.method == "POST":
        # A one-click POST (RFC 8058) carries no choice: the link's own scope.
        everything = (
            scope == following.ALL or request.POST.get("scope") == following.ALL
        )
        following.unsubscribe(user=user, target=None if everything else target)
        done = following.ALL if everything else scope.split(":")[0]
    return render(
        request,
        "community/unsubscribe.html",
        {
            "bad": False,
            "scope": scope.split(":")[0],
            "target": target,
            "done": done,
            "breadcrumbs": crumbs((_("Unsubscribe"), "")),
        },
    )
