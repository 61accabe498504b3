"""Accounts' and teams' protected URLs in the shared access matrix (tests/access.py)."""

from __future__ import annotations

from django.urls import reverse

from tests.access import covers, expect, public, register

covers("accounts")
# The language switch answers everyone; an invitation is opened by its token.
public(
    "accounts:set_language",
    "accounts:team_list",
    "accounts:team",
    "accounts:invitation",
)

SIGNED_IN = expect(visitor=302, member=200, curator=200)
# The member is their team's admin; the other team's member is not.
TEAM_ADMINS = expect(visitor=302, member=200, other_team_member=403, curator=200)
TEAM_ADMINS_POST = expect(visitor=302, member=302, other_team_member=403, curator=302)

register("accounts:dashboard", lambda w: reverse("accounts:dashboard"), SIGNED_IN)
register("accounts:profile_edit", lambda w: reverse("accounts:profile_edit"), SIGNED_IN)
register("accounts:privacy", lambda w: reverse("accounts:privacy"), SIGNED_IN)
register(
    "accounts:privacy_export", lambda w: reverse("accounts:privacy_export"), SIGNED_IN
)
register(
    "accounts:privacy_export_files",
    lambda w: reverse("accounts:privacy_export_files"),
    SIGNED_IN,
)
register(
    "accounts:delete_account", lambda w: reverse("accounts:delete_account"), SIGNED_IN
)
register(
    "accounts:profile",
    lambda w: reverse("accounts:profile", args=[w.private_person.pk]),
    expect(visitor=404, member=404, curator=200),
    label="private",
)
register(
    "accounts:profile",
    lambda w: reverse("accounts:profile", args=[w.members_person.pk]),
    expect(visitor=404, member=200, curator=200),
    label="members",
)
register(
    "accounts:profile_photo",
    lambda w: reverse("accounts:profile_photo", args=[w.private_person.pk]),
    expect(visitor=404, member=404, curator=404),
    label="private, no photo",
)
register(
    "accounts:team_create",
    lambda w: reverse("accounts:team_create"),
    expect(visitor=302, member=403, curator=200),
)
register(
    "accounts:team_edit",
    lambda w: reverse("accounts:team_edit", args=[w.team.slug]),
    TEAM_ADMINS,
)
register(
    "accounts:team_invite",
    lambda w: reverse("accounts:team_invite", args=[w.team.slug]),
    TEAM_ADMINS_POST,
    method="post",
    data=lambda w: {"email": "new.person@example.org", "role": "member"},
)
register(
    "accounts:team_remove_member",
    lambda w: reverse(
        "accounts:team_remove_member", args=[w.team.slug, w.mate_membership.pk]
    ),
    TEAM_ADMINS_POST,
    method="post",
)
register(
    "accounts:invitation_resend",
    lambda w: reverse(
        "accounts:invitation_resend", args=[w.team.slug, w.invitation.pk]
    ),
    TEAM_ADMINS_POST,
    method="post",
)
register(
    "accounts:invitation_cancel",
    lambda w: reverse(
        "accounts:invitation_cancel", args=[w.team.slug, w.invitation.pk]
    ),
    TEAM_ADMINS_POST,
    method="post",
)
register(
    "accounts:team_join",
    lambda w: reverse("accounts:team_join", args=[w.team.slug]),
    expect(visitor=302, member=302, curator=302),
    method="post",
    data=lambda w: {"message": "Hello."},
)
# Team admins and curators accept and decline; only the person who asked
# withdraws (a decider who may see the request is refused it), and to
# anyone else the request does not exist.
register(
    "accounts:join_request_decide",
    lambda w: reverse(
        "accounts:join_request_decide", args=[w.team.slug, w.join_request.pk]
    ),
    expect(visitor=302, member=302, other_team_member=404, curator=302),
    method="post",
    data=lambda w: {f"request-{w.join_request.pk}-action": "accept"},
    label="accept",
)
register(
    "accounts:join_request_decide",
    lambda w: reverse(
        "accounts:join_request_decide", args=[w.team.slug, w.join_request.pk]
    ),
    expect(visitor=302, member=403, other_team_member=404, curator=403),
    method="post",
    data=lambda w: {f"request-{w.join_request.pk}-action": "withdraw"},
    label="withdraw",
)
