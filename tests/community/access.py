"""The community app's protected URLs in the shared access matrix.

The world has a public topic space, a members-only one and the private space
of the world's team (``member`` is its admin), each with a thread whose
first post is the member's.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, extend_world, public, register

covers("community")
public("community:index")


@extend_world
def _community(world) -> None:
    from ecoc_hub.community import moderation, services
    from ecoc_hub.community.models import Post

    from .conftest import make_space, make_thread

    member = world.people["member"]
    world.open_space = make_space(name="Open space", access="public")
    world.members_space = make_space(name="Members space", access="members")
    world.team_space = services.team_space(organisation=world.team)
    world.open_thread = make_thread(world.open_space, author=member)
    world.members_thread = make_thread(world.members_space, author=member)
    world.team_thread = make_thread(world.team_space, author=member)
    for post in Post.objects.filter(state="held"):
        moderation.approve_post(post=post, moderator=None)
    world.open_post = world.open_thread.posts.get()
    world.team_post = world.team_thread.posts.get()
    world.hidden_post = services.reply(
        thread=world.open_thread, author=member, body="Off topic."
    )
    world.statement = moderation.hide_post(
        post=world.hidden_post,
        moderator=world.people["curator"],
        ground="terms",
        explanation="Advertising.",
    )
    world.appeal = moderation.appeal(statement=world.statement, text="It was not.")
    _participants_spaces(world)
    world.notice = moderation.report_post(
        post=world.open_post,
        reporter=world.people["other_team_member"],
        reason="spam",
        explanation="Advertising.",
    )


def _participants_spaces(world) -> None:
    """An event whose accepted participant, and a course whose learner, is
    the member; each space has a thread; posts carry a file."""
    import io

    from ecoc_hub.community import services
    from ecoc_hub.courses.models import Enrolment
    from ecoc_hub.events.models import Application
    from ecoc_hub.library import samples
    from ecoc_hub.library.files import stage_upload
    from tests.courses.conftest import make_course
    from tests.events.conftest import make_event

    from .conftest import make_thread

    member = world.people["member"]
    world.space_event = make_event(title="Camp of the world", slug="world-camp")
    Application.objects.create(
        event=world.space_event, applicant=member, name="Mia", state="accepted"
    )
    world.space_course = make_course(title="Course of the world", slug="world-course")
    Enrolment.objects.create(course=world.space_course, learner=member, state="active")
    world.event_space = services.event_space(event=world.space_event)
    world.course_space = services.course_space(course=world.space_course)
    world.event_thread = make_thread(world.event_space, author=member)

    def staged():
        data = samples.build_pdf(["Agenda"], title="Agenda")
        return stage_upload(source=io.BytesIO(data), filename="agenda.pdf")

    for name, thread in [
        ("open", world.open_thread),
        ("team", world.team_thread),
        ("event", world.event_thread),
    ]:
        post = services.reply(
            thread=thread, author=member, body="The file.", attachments=[staged()]
        )
        setattr(world, f"{name}_attachment", post.attachments.get())


EVERYONE = expect(visitor=200, member=200, curator=200)
MEMBERS = expect(visitor=403, member=200, curator=200)
TEAM = expect(visitor=404, member=200, other_team_member=404, curator=200)
SIGNED_IN = expect(visitor=302, member=200, curator=200)
CURATORS = expect(visitor=302, member=403, curator=200)
TEAM_WRITES = expect(visitor=302, member=200, other_team_member=404, curator=200)
TEAM_POSTS = expect(visitor=302, member=302, other_team_member=404, curator=302)


def _space(attr: str):
    return lambda w: getattr(w, attr).get_absolute_url()


register("community:space", _space("open_space"), EVERYONE, label="public")
register("community:space", _space("members_space"), MEMBERS, label="members")
register("community:space", _space("team_space"), TEAM, label="team")
register(
    "community:space_create", lambda w: reverse("community:space_create"), CURATORS
)
register(
    "community:space_create",
    lambda w: reverse("community:space_create"),
    expect(visitor=302, member=403, curator=302),
    method="post",
    data=lambda w: {"name": "Volunteers", "access": "public"},
    label="post",
)
register(
    "community:space_edit",
    lambda w: reverse("community:space_edit", args=[w.open_space.slug]),
    CURATORS,
)
register(
    "community:space_edit",
    lambda w: reverse("community:space_edit", args=[w.team_space.slug]),
    expect(visitor=302, member=403, other_team_member=404, curator=403),
    label="team",
)
register(
    "community:thread_create",
    lambda w: reverse("community:thread_create", args=[w.open_space.slug]),
    SIGNED_IN,
)
register(
    "community:thread_create",
    lambda w: reverse("community:thread_create", args=[w.team_space.slug]),
    TEAM_WRITES,
    label="team",
)
register(
    "community:team_space",
    lambda w: reverse("community:team_space", args=[w.team.slug]),
    expect(visitor=302, member=302, other_team_member=404, curator=404),
)
register("community:thread", _space("open_thread"), EVERYONE, label="public")
register("community:thread", _space("members_thread"), MEMBERS, label="members")
register("community:thread", _space("team_thread"), TEAM, label="team")
register(
    "community:reply",
    lambda w: reverse("community:reply", args=[w.open_thread.pk]),
    expect(visitor=302, member=302, curator=302),
    method="post",
    data=lambda w: {"body": "Thanks!"},
)
register(
    "community:reply",
    lambda w: reverse("community:reply", args=[w.team_thread.pk]),
    TEAM_POSTS,
    method="post",
    data=lambda w: {"body": "Thanks!"},
    label="team",
)
register(
    "community:post_edit",
    lambda w: reverse("community:post_edit", args=[w.open_post.pk]),
    expect(visitor=302, member=200, other_team_member=403, curator=200),
)
register(
    "community:post_edit",
    lambda w: reverse("community:post_edit", args=[w.team_post.pk]),
    TEAM_WRITES,
    label="team",
)
register(
    "community:post_history",
    lambda w: reverse("community:post_history", args=[w.open_post.pk]),
    EVERYONE,
)
register(
    "community:post_history",
    lambda w: reverse("community:post_history", args=[w.team_post.pk]),
    TEAM,
    label="team",
)

MODERATORS_POST = expect(visitor=302, member=403, curator=302)
MODERATORS = expect(visitor=302, member=403, curator=200)
public("community:transparency")
register(
    "community:thread_moderate",
    lambda w: reverse("community:thread_moderate", args=[w.open_thread.pk]),
    MODERATORS_POST,
    method="post",
    data=lambda w: {"action": "lock"},
)
register(
    "community:thread_move",
    lambda w: reverse("community:thread_move", args=[w.open_thread.pk]),
    MODERATORS,
)
register(
    "community:post_moderate",
    lambda w: reverse("community:post_moderate", args=[w.hidden_post.pk]),
    MODERATORS_POST,
    method="post",
    data=lambda w: {"action": "restore"},
)
register(
    "community:post_hide",
    lambda w: reverse("community:post_hide", args=[w.open_post.pk]),
    MODERATORS,
)
register(
    "community:report",
    lambda w: reverse("community:report", args=[w.open_post.pk]),
    EVERYONE,
)
register(
    "community:report",
    lambda w: reverse("community:report", args=[w.team_post.pk]),
    TEAM,
    label="team",
)
register("community:queue", lambda w: reverse("community:queue"), MODERATORS)
register(
    "community:notice",
    lambda w: w.notice.get_absolute_url(),
    expect(visitor=302, member=404, curator=200),
)
register(
    "community:statement",
    lambda w: w.statement.get_absolute_url(),
    expect(visitor=302, member=200, other_team_member=404, curator=200),
)
register(
    "community:appeal",
    lambda w: reverse("community:appeal", args=[w.statement.pk]),
    # Already appealed: the author may not appeal twice.
    expect(visitor=302, member=403, other_team_member=404, curator=403),
    method="post",
    data=lambda w: {"text": "Again."},
)
register(
    "community:appeal_decide",
    lambda w: reverse("community:appeal_decide", args=[w.appeal.pk]),
    # The curator who hid the post may not decide the appeal; the admin may.
    expect(visitor=302, member=403, other_team_member=404, curator=403, admin=302),
    method="post",
    data=lambda w: {"decision": "confirm", "comment": "Rules are rules."},
)
register(
    "community:notifications",
    lambda w: reverse("community:notifications"),
    SIGNED_IN,
)


@extend_world
def _peers(world) -> None:
    from ecoc_hub.cities.models import CapacityArea
    from ecoc_hub.community import peers

    other_team = world.people["other_team_member"].memberships.get().organisation
    world.peer_request = peers.ask_peer(
        from_team=world.team,
        to_team=other_team,
        author=world.people["member"],
        kind="study_visit",
        capacity_area=CapacityArea.objects.order_by("pk").first(),
        message="May we visit you?",
    )


public("community:directory")
register(
    "community:directory_people",
    lambda w: reverse("community:directory_people"),
    SIGNED_IN,
)
register(
    "community:directory_me", lambda w: reverse("community:directory_me"), SIGNED_IN
)
register(
    "community:peer_requests", lambda w: reverse("community:peer_requests"), SIGNED_IN
)
NO_TEAM = dict.fromkeys(("organiser", "reviewer", "expert", "other_expert"), 403)
register(
    "community:peer_request_new",
    lambda w: reverse("community:peer_request_new"),
    # Peer requests are made by teams: the curators and admins of the world
    # belong to none.
    expect(visitor=302, member=200, other_team_member=200, curator=403, **NO_TEAM),
)
BOTH_SIDES = expect(
    visitor=302,
    member=200,
    other_team_member=200,
    curator=200,
    **dict.fromkeys(("organiser", "reviewer", "expert", "other_expert"), 404),
)
register(
    "community:peer_request", lambda w: w.peer_request.get_absolute_url(), BOTH_SIDES
)
HIDDEN_TO_OTHERS = dict.fromkeys(NO_TEAM, 404)
register(
    "community:peer_request_act",
    lambda w: reverse(
        "community:peer_request_act", args=[w.peer_request.uuid, "accept"]
    ),
    # Only the asked team (other_team_member's) accepts.
    expect(
        visitor=302, member=403, other_team_member=302, curator=403, **HIDDEN_TO_OTHERS
    ),
    method="post",
)
register(
    "community:peer_feedback",
    lambda w: reverse("community:peer_feedback", args=[w.peer_request.uuid]),
    # Not completed yet: no side may give feedback.
    expect(
        visitor=302, member=403, other_team_member=403, curator=403, **HIDDEN_TO_OTHERS
    ),
    method="post",
    data=lambda w: {"rating": 5, "text": "Good."},
)
register(
    "community:suggestions",
    lambda w: reverse("community:suggestions", args=[w.team.slug]),
    expect(visitor=302, member=200, other_team_member=404, curator=404),
)

# Following, e-mail settings, answers and unsubscribing (issue 15).
register(
    "community:space_follow",
    lambda w: reverse("community:space_follow", args=[w.team_space.slug]),
    TEAM_POSTS,
    method="post",
    data=lambda w: {"follow": "1"},
)
register(
    "community:space_follow",
    lambda w: reverse("community:space_follow", args=[w.members_space.slug]),
    expect(visitor=302, member=302, curator=302),
    method="post",
    data=lambda w: {"follow": "1"},
    label="members",
)
register(
    "community:thread_follow",
    lambda w: reverse("community:thread_follow", args=[w.team_thread.pk]),
    TEAM_POSTS,
    method="post",
    data=lambda w: {"follow": "0"},
)
register(
    "community:thread_answer",
    lambda w: reverse("community:thread_answer", args=[w.team_thread.pk]),
    # A discussion, not a question: no one marks an answer there.
    expect(visitor=302, member=403, other_team_member=404, curator=403),
    method="post",
    data=lambda w: {"post": ""},
)
register(
    "community:notification_settings",
    lambda w: reverse("community:notification_settings"),
    SIGNED_IN,
)
register(
    "community:unsubscribe",
    lambda w: reverse("community:unsubscribe", args=["forged-token"]),
    expect(visitor=400, member=400, curator=400),
)


# Event and course spaces (issue 15) -----------------------------------------

PARTICIPANTS = expect(visitor=404, member=200, other_team_member=404, curator=200)
register(
    "community:event_space",
    lambda w: reverse("community:event_space", args=[w.space_event.slug]),
    expect(visitor=302, member=302, other_team_member=404, curator=302),
)
register(
    "community:course_space",
    lambda w: reverse("community:course_space", args=[w.space_course.slug]),
    expect(visitor=302, member=302, other_team_member=404, curator=302),
)
register("community:space", _space("event_space"), PARTICIPANTS, label="event")
register("community:space", _space("course_space"), PARTICIPANTS, label="course")
register("community:thread", _space("event_thread"), PARTICIPANTS, label="event")
register("community:attachment", _space("open_attachment"), EVERYONE, label="public")
register("community:attachment", _space("team_attachment"), TEAM, label="team")
register(
    "community:attachment", _space("event_attachment"), PARTICIPANTS, label="event"
)
