"""Who may see and do what in the discussions: named predicates used by the
views, the templates and ``queries`` (its SQL twins).

Per kind of space:

- a public space (capacity areas by default): anyone reads, members write;
- a members-only space: visitors are told it exists and asked to sign in
  (403), members read and write;
- a city team's space: its members and the curators read and write; to
  anyone else it does not exist (404);
- an event's or a course's space: its people (``participants``: accepted
  participants, organisers and speakers; learners and trainers) and the
  curators read and write; to anyone else it does not exist (404).

Curators create spaces and may edit any post; authors edit their own.
Curators and a space's moderators moderate it: approve held posts, hide
and restore posts, lock, pin and move threads, decide the notices (DSA
Article 16) on its posts. An appeal against a decision (Article 20) is
decided by a curator other than the person who took the decision.
"""

from __future__ import annotations

from typing import Any

from ecoc_hub.accounts.permissions import is_curator, is_member, is_team_member

from .enums import PostState, SpaceAccess, SpaceKind, ThreadKind
from .participants import may_enter


def can_know_space(user: Any, space: Any) -> bool:
    """May this person know the space exists (else 404)?"""
    if space.kind == SpaceKind.TEAM:
        return is_curator(user) or is_team_member(user, space.organisation)
    if space.kind == SpaceKind.PEER:
        return can_see_peer_request(user, space.peer_request)
    if space.kind in {SpaceKind.EVENT, SpaceKind.COURSE}:
        return may_enter(user, space)
    return True


def can_read_space(user: Any, space: Any) -> bool:
    if not can_know_space(user, space):
        return False
    return space.access == SpaceAccess.PUBLIC or is_member(user)


def can_post_in_space(user: Any, space: Any) -> bool:
    """Start a thread or reply: any member who may read the space."""
    return is_member(user) and can_read_space(user, space)


def can_create_space(user: Any) -> bool:
    return is_curator(user)


def can_manage_space(user: Any, space: Any) -> bool:
    """Change a space's name, description and who reads it (not a team's)."""
    return is_curator(user) and space.kind in {SpaceKind.AREA, SpaceKind.TOPIC}


def can_know_thread(user: Any, thread: Any) -> bool:
    return can_know_space(user, thread.space)


def can_read_thread(user: Any, thread: Any) -> bool:
    return can_read_space(user, thread.space)


def can_reply(user: Any, thread: Any) -> bool:
    if thread.is_locked and not can_moderate_space(user, thread.space):
        return False
    return can_post_in_space(user, thread.space)


def can_know_post(user: Any, post: Any) -> bool:
    return can_know_space(user, post.thread.space)


def can_read_post(user: Any, post: Any) -> bool:
    return can_read_space(user, post.thread.space)


def can_download_attachment(user: Any, attachment: Any) -> bool:
    """A post's files are for whoever may read its text, while it has one."""
    post = attachment.post
    return (
        not post.is_erased
        and can_read_post(user, post)
        and can_read_post_text(user, post)
    )


def is_post_author(user: Any, post: Any) -> bool:
    return is_member(user) and post.author_id == user.pk


def can_edit_post(user: Any, post: Any) -> bool:
    """The author while they may still write there (and the post is not
    hidden or erased), and the curators."""
    if is_curator(user):
        return True
    return (
        is_post_author(user, post)
        and post.state != PostState.HIDDEN
        and not post.is_erased
        and can_post_in_space(user, post.thread.space)
    )


def can_read_post_text(user: Any, post: Any) -> bool:
    """A held or hidden post's text is for its author and the moderators."""
    return post.state == PostState.PUBLISHED or (
        is_post_author(user, post) or can_moderate_space(user, post.thread.space)
    )


def can_moderate_space(user: Any, space: Any) -> bool:
    if is_curator(user):
        return True
    if not is_member(user):
        return False
    cache = getattr(user, "_community_moderates", None)
    if cache is None:
        cache = set(user.moderated_spaces.values_list("pk", flat=True))
        user._community_moderates = cache
    return space.pk in cache


def can_moderate_thread(user: Any, thread: Any) -> bool:
    return can_moderate_space(user, thread.space)


def can_moderate_post(user: Any, post: Any) -> bool:
    return can_moderate_space(user, post.thread.space)


def can_see_moderation_queue(user: Any) -> bool:
    return is_curator(user) or (is_member(user) and user.moderated_spaces.exists())


def can_report_post(user: Any, post: Any) -> bool:
    """Anyone who can read a published post may report it, visitors too."""
    return post.state == PostState.PUBLISHED and can_read_post(user, post)


def can_decide_notice(user: Any, notice: Any) -> bool:
    return can_moderate_post(user, notice.post)


def can_see_notice(user: Any, notice: Any) -> bool:
    return can_moderate_post(user, notice.post)


def can_see_statement(user: Any, statement: Any) -> bool:
    return is_post_author(user, statement.post) or can_moderate_post(
        user, statement.post
    )


def can_appeal(user: Any, statement: Any) -> bool:
    return is_post_author(user, statement.post) and not hasattr(statement, "appeal")


def can_decide_appeal(user: Any, appeal: Any) -> bool:
    """A curator who did not take the decision under appeal."""
    return is_curator(user) and appeal.statement.event.actor_id != user.pk


# Following and answers -------------------------------------------------------


def can_follow_space(user: Any, space: Any) -> bool:
    """Members who can read a space may follow it (and be told of it)."""
    return is_member(user) and can_read_space(user, space)


def can_follow_thread(user: Any, thread: Any) -> bool:
    return can_follow_space(user, thread.space)


def can_mark_answer(user: Any, thread: Any) -> bool:
    """In a question thread: its author (while they may write there) or a
    moderator of its space."""
    if thread.kind != ThreadKind.QUESTION:
        return False
    if can_moderate_thread(user, thread):
        return True
    return (
        is_member(user)
        and thread.author_id == user.pk
        and can_post_in_space(user, thread.space)
    )


# Peer requests ---------------------------------------------------------------


def can_request_peer(user: Any) -> bool:
    """A member of a city team may ask another team."""
    return is_member(user) and user.memberships.exists()


def is_asking_side(user: Any, request: Any) -> bool:
    return is_team_member(user, request.from_team)


def is_asked_side(user: Any, request: Any) -> bool:
    return is_team_member(user, request.to_team)


def can_see_peer_request(user: Any, request: Any) -> bool:
    return (
        is_curator(user)
        or is_asking_side(user, request)
        or is_asked_side(user, request)
    )


def can_answer_peer_request(user: Any, request: Any) -> bool:
    """Accept or decline: the asked team."""
    return is_asked_side(user, request)


def can_withdraw_peer_request(user: Any, request: Any) -> bool:
    return is_asking_side(user, request)


def can_complete_peer_request(user: Any, request: Any) -> bool:
    return is_asking_side(user, request) or is_asked_side(user, request)
