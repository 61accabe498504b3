"""Pages of the discussions: the spaces, a space's threads, a thread, and
writing (new space, new thread, reply, edit, an edit's history)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.accounts.permissions import is_member, is_team_member
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ObjectHidden, get_for_user, requires
from ecoc_hub.courses.models import Course
from ecoc_hub.events.models import Event
from ecoc_hub.library.downloads import serve_blob

from .. import following, moderation, permissions, queries, services
from ..cards import resolve_cards
from ..enums import PostState, SpaceKind
from ..forms import PostForm, ReplyForm, SpaceForm, ThreadForm
from ..mentions import links_for as mention_links
from ..models import Attachment, Post, Space, Thread
from ..participants import may_enter_course, may_enter_event
from ..workflow import POST_STATE

THREADS_PER_PAGE = 25


def crumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Community"), reverse("community:index")), *items]


def get_space(request: HttpRequest, slug: str, can_do: Any = None) -> Space:
    return get_for_user(
        Space.objects.select_related(
            "capacity_area", "organisation", "event", "course"
        ),
        request.user,
        can_see=permissions.can_know_space,
        can_do=can_do or permissions.can_read_space,
        slug=slug,
    )


def get_thread(request: HttpRequest, pk: int, can_do: Any = None) -> Thread:
    return get_for_user(
        Thread.objects.select_related("space__capacity_area", "space__organisation"),
        request.user,
        can_see=permissions.can_know_thread,
        can_do=can_do or permissions.can_read_thread,
        pk=pk,
    )


def get_post(request: HttpRequest, pk: int, can_do: Any) -> Post:
    return get_for_user(
        Post.objects.select_related("thread__space__organisation", "author"),
        request.user,
        can_see=permissions.can_know_post,
        can_do=can_do,
        pk=pk,
    )


def index(request: HttpRequest) -> HttpResponse:
    spaces = list(queries.spaces_for_index(request.user))
    teams = list(queries.teams_of(request.user))
    return render(
        request,
        "community/index.html",
        {
            "area_spaces": [s for s in spaces if s.kind == SpaceKind.AREA],
            "topic_spaces": [s for s in spaces if s.kind == SpaceKind.TOPIC],
            "team_spaces": [s for s in spaces if s.kind == SpaceKind.TEAM],
            "participant_spaces": [s for s in spaces if s.is_participants_space],
            "teams_without_space": [
                t for t in teams if t.pk not in {s.organisation_id for s in spaces}
            ],
            "can_create_space": permissions.can_create_space(request.user),
            "can_moderate": permissions.can_see_moderation_queue(request.user),
            "breadcrumbs": [(_("Community"), "")],
        },
    )


def space(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_space(request, slug)
    user = request.user
    page = Paginator(
        queries.threads_of(space, request.user), THREADS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "community/space.html",
        {
            "space": space,
            "page": page,
            "can_post": permissions.can_post_in_space(request.user, space),
            "can_manage": permissions.can_manage_space(request.user, space),
            "can_moderate": permissions.can_moderate_space(request.user, space),
            "can_follow": permissions.can_follow_space(user, space),
            "is_following": following.follows(user, space=space),
            "breadcrumbs": crumbs((space.display_name, "")),
        },
    )


@requires(permissions.can_create_space)
@require_http_methods(["GET", "POST"])
def space_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SpaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        space = services.create_space(created_by=request.user, **form.cleaned_data)
        return redirect(space)
    return render(
        request,
        "community/space_form.html",
        {"form": form, "breadcrumbs": crumbs((_("New space"), ""))},
    )


@requires(is_member)
@require_http_methods(["GET", "POST"])
def space_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    space = get_space(request, slug, permissions.can_manage_space)
    initial = {"name": space.name, "description": space.description}
    form = SpaceForm(request.POST or None, initial={**initial, "access": space.access})
    if request.method == "POST" and form.is_valid():
        services.update_space(space=space, **form.cleaned_data)
        return redirect(space)
    return render(
        request,
        "community/space_form.html",
        {
            "form": form,
            "space": space,
            "breadcrumbs": crumbs(
                (space.display_name, space.get_absolute_url()), (_("Edit"), "")
            ),
        },
    )


@requires(is_member)
def team_space(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """A team's space, opened for it the first time one of its members asks."""
    team = Organisation.objects.filter(slug=slug).first()
    if team is None or not is_team_member(request.user, team):
        raise ObjectHidden
    return redirect(services.team_space(organisation=team))


@requires(is_member)
def event_space(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """An event's space, opened the first time one of its people asks."""
    event = Event.objects.filter(slug=slug).first()
    if event is None or not may_enter_event(request.user, event):
        raise ObjectHidden
    return redirect(services.event_space(event=event))


@requires(is_member)
def course_space(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """A course's space, opened the first time one of its people asks."""
    course = Course.objects.filter(slug=slug).first()
    if course is None or not may_enter_course(request.user, course):
        raise ObjectHidden
    return redirect(services.course_space(course=course))


@requires(is_member)
@require_http_methods(["GET", "POST"])
def thread_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    space = get_space(request, slug, permissions.can_post_in_space)
    form = ThreadForm(
        request.POST or None, request.FILES or None, session=request.session
    )
    if request.method == "POST" and form.is_valid() and not _flooding(request, form):
        thread = services.start_thread(
            space=space, author=request.user, **form.cleaned_data
        )
        form.release_uploads()
        return redirect(thread)
    form.discard()
    return render(
        request,
        "community/thread_form.html",
        {
            "form": form,
            "space": space,
            "breadcrumbs": crumbs(
                (space.display_name, space.get_absolute_url()), (_("New thread"), "")
            ),
        },
    )


def _flooding(request: AuthenticatedHttpRequest, form: PostForm) -> bool:
    if not moderation.is_rate_limited(request.user):
        return False
    form.add_error(
        None,
        _("You have posted a lot in the last minutes. Wait a little, then post again."),
    )
    return True


def _thread_page(request: HttpRequest, thread: Thread, form: ReplyForm) -> HttpResponse:
    user = request.user
    posts: list[dict[str, Any]] = [
        {
            "post": post,
            "text_shown": permissions.can_read_post_text(user, post),
            "can_edit": permissions.can_edit_post(user, post),
            "can_report": permissions.can_report_post(user, post),
            "actions": [t.action for t in POST_STATE.available(user, post)],
        }
        for post in queries.posts_of(thread)
    ]
    if not any(p["text_shown"] for p in posts):
        raise ObjectHidden
    space = thread.space
    answer = next(
        (
            p
            for p in posts
            if p["post"].pk == thread.answer_id
            and p["text_shown"]
            and p["post"].state == PostState.PUBLISHED
        ),
        None,
    )
    return render(
        request,
        "community/thread.html",
        {
            "thread": thread,
            "space": space,
            "posts": posts,
            "form": form,
            "can_reply": permissions.can_reply(user, thread),
            "can_moderate": permissions.can_moderate_thread(user, thread),
            "can_follow": permissions.can_follow_thread(user, thread),
            "is_following": following.follows(user, thread=thread),
            "can_mark_answer": permissions.can_mark_answer(user, thread),
            "answer": answer,
            "first_post_id": posts[0]["post"].pk if posts else None,
            "mention_links": mention_links(
                [p["post"].body for p in posts if p["text_shown"]]
            ),
            "link_cards": resolve_cards(
                [p["post"].body for p in posts if p["text_shown"]], user
            ),
            "events": list(thread.events.select_related("actor", "post__author")),
            "held": [
                p["post"]
                for p in posts
                if p["post"].state == PostState.HELD and p["post"].author_id == user.pk
            ],
            "breadcrumbs": crumbs(
                (space.display_name, space.get_absolute_url()), (thread.title, "")
            ),
        },
        status=400 if form.is_bound else 200,
    )


def thread(request: HttpRequest, pk: int) -> HttpResponse:
    return _thread_page(request, get_thread(request, pk), ReplyForm())


@requires(is_member)
@require_POST
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = get_thread(request, pk, permissions.can_reply)
    form = ReplyForm(request.POST, request.FILES, session=request.session)
    if not form.is_valid() or _flooding(request, form):
        form.discard()
        return _thread_page(request, thread, form)
    post = services.reply(thread=thread, author=request.user, **form.cleaned_data)
    form.release_uploads()
    return redirect(post)


@requires(is_member)
@require_http_methods(["GET", "POST"])
def post_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_post(request, pk, permissions.can_edit_post)
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        services.edit_post(post=post, editor=request.user, **form.cleaned_data)
        return redirect(post)
    thread = post.thread
    return render(
        request,
        "community/post_form.html",
        {
            "form": form,
            "post": post,
            "breadcrumbs": crumbs(
                (thread.space.display_name, thread.space.get_absolute_url()),
                (thread.title, thread.get_absolute_url()),
                (_("Edit"), ""),
            ),
        },
    )


def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post(request, pk, permissions.can_read_post)
    thread = post.thread
    return render(
        request,
        "community/post_history.html",
        {
            "post": post,
            "revisions": list(post.revisions.select_related("edited_by")),
            "breadcrumbs": crumbs(
                (thread.space.display_name, thread.space.get_absolute_url()),
                (thread.title, thread.get_absolute_url()),
                (_("Earlier versions"), ""),
            ),
        },
    )


def attachment(request: HttpRequest, pk: int, name: str) -> HttpResponseBase:
    """A post's file, as a download, to those who may read the post."""
    item = get_for_user(
        Attachment.objects.select_related(
            "blob",
            "post__thread__space__organisation",
            "post__thread__space__event",
            "post__thread__space__course",
        ),
        request.user,
        can_see=lambda user, a: permissions.can_know_post(user, a.post),
        can_do=permissions.can_download_attachment,
        pk=pk,
    )
    return serve_blob(
        request, blob=item.blob, filename=item.file_name, kind=item.kind, inline=False
    )
