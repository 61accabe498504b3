from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ecoc_hub.accounts.models import Invitation, Membership, Organisation
from ecoc_hub.cities.models import Title
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


# Team list and page ------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_team_list_query_count(client, django_assert_num_queries, count):
    for _ in range(count):
        MembershipFactory()

    with django_assert_num_queries(1):
        response = client.get(reverse("accounts:team_list"))

    assert response.status_code == 200
    assert len(response.context["teams"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_team_page_query_count(client, django_assert_num_queries, team, count):
    for _ in range(count):
        MembershipFactory(organisation=team, user__visibility="public")

    with django_assert_num_queries(2):
        response = client.get(reverse("accounts:team", args=[team.slug]))

    assert response.status_code == 200
    assert len(response.context["memberships"]) == count


def test_team_page_shows_members_by_visibility(client, outsider, team):
    public = MembershipFactory(organisation=team, user__visibility="public").user
    members_only = MembershipFactory(organisation=team, user__visibility="members").user
    MembershipFactory(organisation=team, user__visibility="private")
    url = reverse("accounts:team", args=[team.slug])

    as_visitor = [m.user for m in client.get(url).context["memberships"]]
    client.force_login(outsider)
    as_member = {m.user for m in client.get(url).context["memberships"]}

    assert as_visitor == [public]
    assert as_member == {public, members_only}


def test_team_page_of_unknown_team_is_not_found(client):
    assert client.get(reverse("accounts:team", args=["nowhere"])).status_code == 404


# Creating teams ----------------------------------------------------------------


def test_curator_creates_a_title_team(curator_client):
    title = Title.objects.get(year=2026, city__name="Oulu")

    response = curator_client.post(
        reverse("accounts:team_create"), {"kind": "title", "title": title.pk}
    )

    team = Organisation.objects.get()
    assert response.status_code == 302
    assert (team.name, team.slug, team.kind, team.title) == (
        "Oulu 2026",
        "oulu-2026",
        "title",
        title,
    )


def test_curator_creates_a_candidate_team(curator_client):
    response = curator_client.post(
        reverse("accounts:team_create"),
        {"kind": "candidate", "candidate_city": "Sundsvall", "candidate_year": "2033"},
    )

    team = Organisation.objects.get()
    assert response.status_code == 302
    assert (team.name, team.kind, team.title, team.candidate_year) == (
        "Sundsvall 2033",
        "candidate",
        None,
        2033,
    )


def test_candidate_team_without_city_is_refused(curator_client):
    response = curator_client.post(
        reverse("accounts:team_create"), {"kind": "candidate", "candidate_year": "2033"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["candidate_city"] == [
        "Name the candidate city."
    ]
    assert Organisation.objects.count() == 0


def test_team_slug_never_takes_the_form_address(curator_client):
    curator_client.post(
        reverse("accounts:team_create"),
        {"kind": "candidate", "candidate_city": "New", "name": "New"},
    )
    curator_client.post(
        reverse("accounts:team_create"),
        {
            "kind": "candidate",
            "candidate_city": "New",
            "candidate_year": "2040",
            "name": "New",
        },
    )

    assert list(Organisation.objects.values_list("slug", flat=True)) == ["new-2"]


def test_visitor_is_sent_to_login_to_create_a_team(client):
    response = client.get(reverse("accounts:team_create"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["member", "team_admin"])
def test_members_and_team_admins_cannot_create_teams(client, request, who):
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        reverse("accounts:team_create"),
        {"kind": "candidate", "candidate_city": "X", "candidate_year": "2040"},
    )

    assert response.status_code == 403
    assert Organisation.objects.filter(candidate_city="X").count() == 0


# Inviting --------------------------------------------------------------------


def test_team_admin_invites_by_email_in_their_language(team_admin_client, team):
    team_admin_client.cookies["ecoc_hub_language"] = "fr"

    response = team_admin_client.post(
        reverse("accounts:team_invite", args=[team.slug]),
        {"email": "New.Person@Example.org", "role": "member"},
    )

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert invitation.email == "New.Person@Example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["New.Person@Example.org"]
    assert message.subject == "[ECoC Hub] Invitation à rejoindre Oulu 2026 team"
    assert message.body.startswith(
        "Tea Admin vous invite à rejoindre Oulu 2026 team sur ECoC Hub avec le rôle : "
        "Membre de l\u2019équipe."
    )
    assert "Pour accepter, ouvrez ce lien" in message.alternatives[0].content
    assert reverse("accounts:invitation", args=[invitation.token]) in message.body
    assert message.alternatives[0].mimetype == "text/html"


def test_invitation_uses_the_invitees_saved_language(team_admin_client, team):
    UserFactory(email="ger@example.org", preferred_language="de")

    team_admin_client.post(
        reverse("accounts:team_invite", args=[team.slug]),
        {"email": "GER@example.org", "role": "member"},
    )

    assert mail.outbox[0].subject == "[ECoC Hub] Einladung zum Team Oulu 2026 team"


def test_inviting_an_existing_member_is_refused(team_admin_client, team, member):
    MembershipFactory(organisation=team, user=member)

    response = team_admin_client.post(
        reverse("accounts:team_invite", args=[team.slug]),
        {"email": "MEMBER@example.org", "role": "member"},
    )

    assert response.status_code == 400
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["visitor", "member", "outsider_in_team"])
def test_only_team_admins_and_curators_invite(client, request, team, who):
    if who == "member":
        client.force_login(request.getfixturevalue("member"))
    elif who == "outsider_in_team":
        plain = MembershipFactory(organisation=team, role="member").user
        client.force_login(plain)

    response = client.post(
        reverse("accounts:team_invite", args=[team.slug]),
        {"email": "x@example.org", "role": "admin"},
    )

    assert response.status_code == (302 if who == "visitor" else 403)
    assert Invitation.objects.count() == 0


def test_curator_invites_to_any_team(curator_client, team):
    response = curator_client.post(
        reverse("accounts:team_invite", args=[team.slug]),
        {"email": "first.admin@example.org", "role": "admin"},
    )

    assert response.status_code == 302
    assert Invitation.objects.get().role == "admin"


def test_team_admin_resends_with_a_new_token(team_admin_client, team, team_admin):
    invitation = Invitation.objects.create(
        organisation=team, email="a@example.org", invited_by=team_admin
    )
    old_token = invitation.token

    team_admin_client.post(
        reverse("accounts:invitation_resend", args=[team.slug, invitation.pk])
    )

    invitation.refresh_from_db()
    assert invitation.token != old_token
    assert len(mail.outbox) == 1
    assert (
        team_admin_client.get(
            reverse("accounts:invitation", args=[old_token])
        ).status_code
        == 404
    )


def test_team_admin_sees_private_members_to_manage_them(team_admin_client, team):
    hidden = MembershipFactory(organisation=team, user__visibility="private")

    response = team_admin_client.get(reverse("accounts:team", args=[team.slug]))

    assert hidden in list(response.context["managed_memberships"])
    assert hidden not in list(response.context["memberships"])


def test_plain_team_member_gets_no_management(client, team):
    client.force_login(MembershipFactory(organisation=team).user)

    response = client.get(reverse("accounts:team", args=[team.slug]))

    assert response.context["can_manage"] is False
    assert "managed_memberships" not in response.context


def test_team_admin_cancels_an_invitation(team_admin_client, team, team_admin):
    invitation = Invitation.objects.create(
        organisation=team, email="a@example.org", invited_by=team_admin
    )

    team_admin_client.post(
        reverse("accounts:invitation_cancel", args=[team.slug, invitation.pk])
    )

    assert Invitation.objects.count() == 0


def test_team_admin_cannot_cancel_another_teams_invitation(team_admin_client, team):
    other = OrganisationFactory()
    invitation = Invitation.objects.create(organisation=other, email="a@example.org")

    response = team_admin_client.post(
        reverse("accounts:invitation_cancel", args=[team.slug, invitation.pk])
    )

    assert response.status_code == 404
    assert Invitation.objects.count() == 1


def test_team_admin_removes_a_member(team_admin_client, team):
    membership = MembershipFactory(organisation=team)

    response = team_admin_client.post(
        reverse("accounts:team_remove_member", args=[team.slug, membership.pk])
    )

    assert response.status_code == 302
    assert Membership.objects.filter(pk=membership.pk).exists() is False


@pytest.mark.parametrize("who", ["visitor", "member", "plain_team_member"])
def test_others_cannot_remove_members(client, request, team, who):
    membership = MembershipFactory(organisation=team)
    if who == "member":
        client.force_login(request.getfixturevalue("member"))
    elif who == "plain_team_member":
        client.force_login(MembershipFactory(organisation=team).user)

    response = client.post(
        reverse("accounts:team_remove_member", args=[team.slug, membership.pk])
    )

    assert response.status_code == (302 if who == "visitor" else 403)
    assert Membership.objects.filter(pk=membership.pk).exists() is True


def test_team_admin_edits_the_team(team_admin_client, team):
    response = team_admin_client.post(
        reverse("accounts:team_edit", args=[team.slug]),
        {"name": "Oulu2026", "description": "Delivery", "website": "oulu2026.eu"},
    )

    team.refresh_from_db()
    assert response.status_code == 302
    assert (team.name, team.description, team.website, team.slug) == (
        "Oulu2026",
        "Delivery",
        "https://oulu2026.eu",
        "oulu-2026-team",
    )


def test_team_edit_rejects_an_empty_name(team_admin_client, team):
    response = team_admin_client.post(
        reverse("accounts:team_edit", args=[team.slug]), {"name": ""}
    )

    team.refresh_from_db()
    assert response.status_code == 200
    assert team.name == "Oulu 2026 team"


@pytest.mark.parametrize("who", ["visitor", "member", "plain_team_member"])
def test_others_cannot_edit_the_team(client, request, team, who):
    if who == "member":
        client.force_login(request.getfixturevalue("member"))
    elif who == "plain_team_member":
        client.force_login(MembershipFactory(organisation=team).user)

    response = client.post(
        reverse("accounts:team_edit", args=[team.slug]), {"name": "Hijacked"}
    )

    team.refresh_from_db()
    assert response.status_code == (302 if who == "visitor" else 403)
    assert team.name == "Oulu 2026 team"
