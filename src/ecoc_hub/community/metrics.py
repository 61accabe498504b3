"""The community's indicators for the programme dashboard (``core.metrics``).

These count teams and things (threads, posts, requests between teams,
notices), not people, so no count is suppressed; they are the figures the
public transparency page and the directory already show.

- A thread or a reply is placed by its author's city teams: a country or
  title city filter keeps those written by a member of a team of that title
  city (or of a title city in that country); a post by someone in no team
  counts only in the unfiltered figures. Only published posts count (not
  those held for review or hidden).
- A team is **active** in a month when one of its members published a post
  that month.
- A peer request is placed by both its teams: it counts for the asking and
  for the asked team's title city. It is "asked" in the month it was sent;
  accepted, declined and completed in the month of that step of its
  history (``PeerRequestEvent``).
- Notices and decisions are counted as on the transparency page
  (``community.transparency``): notices by the month they were received,
  with the decision they got, and restrictions a moderator made on their
  own initiative by the month of the statement of reasons. They are the
  site's figures: a country or title city filter leaves them out.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.models import Membership, Organisation
from ecoc_hub.core import metrics
from ecoc_hub.core.metrics import Filters

from .enums import NoticeState, PeerRequestState, PostState
from .models import Notice, PeerRequest, PeerRequestEvent, Post, Statement


def _team_lookups(filters: Filters, prefix: str = "") -> dict[str, Any]:
    if filters.title_id:
        return {f"{prefix}title_id": filters.title_id}
    if filters.country:
        return {f"{prefix}title__city__country_code": filters.country.upper()}
    return {}


def _posts(filters: Filters) -> QuerySet[Post]:
    posts = Post.objects.filter(state=PostState.PUBLISHED)
    place = _team_lookups(filters, "organisation__")
    if not place:
        return posts
    members = Membership.objects.filter(user_id=OuterRef("author_id"), **place)
    return posts.filter(Exists(members))


def threads_and_replies(filters: Filters) -> metrics.Figure:
    """Published posts by month: those that started a thread, and replies."""
    earlier = Post.objects.filter(
        thread_id=OuterRef("thread_id"), pk__lt=OuterRef("pk")
    )
    counts = metrics.per_bucket(
        _posts(filters).annotate(is_reply=Exists(earlier)),
        "created_at",
        filters,
        threads=Count("pk", filter=Q(is_reply=False)),
        replies=Count("pk", filter=Q(is_reply=True)),
    )
    return metrics.over_time(
        filters,
        [
            (_("Threads started"), counts["threads"]),
            (_("Replies"), counts["replies"]),
        ],
        kind="bar",
    )


def active_teams(filters: Filters) -> metrics.Figure:
    """City teams with a post published by one of their members, by month."""
    teams = Organisation.objects.filter(**_team_lookups(filters))
    columns: dict[str, Any] = {}
    for i, bucket in enumerate(filters.buckets):
        part = Filters(start=bucket.start, end=bucket.end)
        wrote = Post.objects.filter(
            state=PostState.PUBLISHED,
            author__memberships__organisation_id=OuterRef("pk"),
            **part.between("created_at"),
        )
        teams = teams.annotate(**{f"active__{i}": Exists(wrote)})
        columns[f"count__{i}"] = Count("pk", filter=Q(**{f"active__{i}": True}))
    row = teams.aggregate(**columns) if columns else {}
    values = [row.get(f"count__{i}") or 0 for i in range(len(filters.buckets))]
    return metrics.over_time(filters, [(_("Active teams"), values)], kind="bar")


def peer_requests(filters: Filters) -> metrics.Figure:
    place = _team_lookups(filters, "from_team__")
    if place:
        either = Q(**place) | Q(**_team_lookups(filters, "to_team__"))
        requests = PeerRequest.objects.filter(either)
        events = PeerRequestEvent.objects.filter(request__in=requests)
    else:
        requests = PeerRequest.objects.all()
        events = PeerRequestEvent.objects.all()
    asked = metrics.per_bucket(requests, "created_at", filters)["count"]
    steps = metrics.per_bucket(
        events,
        "created_at",
        filters,
        accepted=Count("pk", filter=Q(to_state=PeerRequestState.ACCEPTED)),
        declined=Count("pk", filter=Q(to_state=PeerRequestState.DECLINED)),
        completed=Count("pk", filter=Q(to_state=PeerRequestState.COMPLETED)),
    )
    return metrics.over_time(
        filters,
        [
            (_("Requests sent"), asked),
            (_("Accepted"), steps["accepted"]),
            (_("Declined"), steps["declined"]),
            (_("Completed"), steps["completed"]),
        ],
        kind="bar",
    )


def notices_and_decisions(filters: Filters) -> metrics.Figure:
    notices = Notice.objects.all()
    statements = Statement.objects.filter(notice__isnull=True)
    if filters.title_id or filters.country:
        notices, statements = notices.none(), statements.none()
    counts = metrics.per_bucket(
        notices,
        "created_at",
        filters,
        count=Count("pk"),
        actioned=Count("pk", filter=Q(state=NoticeState.ACTIONED)),
        dismissed=Count("pk", filter=Q(state=NoticeState.DISMISSED)),
    )
    own = metrics.per_bucket(statements, "created_at", filters)["count"]
    return metrics.over_time(
        filters,
        [
            (_("Notices received"), counts["count"]),
            (_("Post hidden"), counts["actioned"]),
            (_("No action taken"), counts["dismissed"]),
            (_("Restrictions on a moderator's own initiative"), own),
        ],
        kind="bar",
    )


def register() -> None:
    metrics.register(
        "community",
        heading=_("Community"),
        indicators=[
            metrics.Indicator(
                key="community.active_teams",
                title=_("Active city teams"),
                description=_(
                    "City teams with at least one post published by one of "
                    "their members that month."
                ),
                compute=active_teams,
                sources=[Post, Organisation, Membership],
            ),
            metrics.Indicator(
                key="community.threads",
                title=_("Threads and replies"),
                description=_(
                    "Published posts that started a thread, and replies, by "
                    "month; filtered by the title city of the author's city team."
                ),
                compute=threads_and_replies,
                sources=[Post, Membership],
            ),
            metrics.Indicator(
                key="community.peer_requests",
                title=_("Peer requests"),
                description=_(
                    "Requests between city teams sent each month, and those "
                    "accepted, declined and completed that month; a request "
                    "counts for the title cities of both teams."
                ),
                compute=peer_requests,
                sources=[PeerRequest, PeerRequestEvent],
            ),
            metrics.Indicator(
                key="community.notices",
                title=_("Notices and decisions"),
                description=_(
                    "Reports of posts received each month with the decision "
                    "they got, and restrictions made without a report, as on "
                    "the transparency page; for the whole site only."
                ),
                compute=notices_and_decisions,
                sources=[Notice, Statement],
            ),
        ],
    )
