from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from ecoc_hub.accounts import services
from ecoc_hub.accounts.models import JoinRequest, Membership
from ecoc_hub.accounts.privacy import export_user_data
from ecoc_hub.cities.models import Title
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _join_url(team):
    return reverse("accounts:team_join", args=[team.slug])


def _decide_url(team, join_request):
    return reverse("accounts:join_request_decide", args=[team.slug, join_request.pk])


def _decide(client, team, join_request, action, comment=""):
    prefix = f"request-{join_request.pk}"
    return client.post(
        _decide_url(team, join_request),
        {f"{prefix}-action": action, f"{prefix}-comment": comment},
    )


# Asking to join ----------------------------------------------------------------


def test_member_asks_to_join_with_a_message(member_client, member, team, team_admin):
    response = member_client.post(_join_url(team), {"message": "  I run the camps.  "})

    join_request = JoinRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == team.get_absolute_url()
    assert (join_request.user, join_request.organisation) == (member, team)
    assert join_request.message == "I run the camps."
    assert join_request.status == "pending"
    assert [m.to for m in mail.outbox] == [[team_admin.email], [member.email]]
    to_admin, to_member = mail.outbox
    assert to_admin.subject == "[ECoC Hub] Mia Member asks to join Oulu 2026 team"
    assert "I run the camps." in to_admin.body
    assert "http://127.0.0.1:8000/me/teams/oulu-2026-team/" in to_admin.body
    assert to_member.subject == "[ECoC Hub] Your request to join Oulu 2026 team"


def test_each_recipient_gets_the_mail_in_their_language(client, team, team_admin):
    team_admin.preferred_language = "de"
    team_admin.save()
    requester = UserFactory(display_name="Fanny", preferred_language="fr")
    client.force_login(requester)

    client.post(_join_url(team), {"message": ""})

    to_admin, to_requester = mail.outbox
    assert (
        to_admin.subject == "[ECoC Hub] Fanny möchte dem Team Oulu 2026 team beitreten"
    )
    assert to_requester.subject == (
        "[ECoC Hub] Votre demande pour rejoindre Oulu 2026 team"
    )


def test_team_without_admin_sends_the_request_to_the_curators(
    member_client, team, curator
):
    member_client.post(_join_url(team), {"message": ""})

    assert mail.outbox[0].to == [curator.email]


def test_second_pending_request_is_refused(member_client, member, team):
    member_client.post(_join_url(team), {"message": "first"}, follow=True)
    mail.outbox.clear()

    response = member_client.post(_join_url(team), {"message": "second"}, follow=True)

    assert JoinRequest.objects.filter(user=member).count() == 1
    assert JoinRequest.objects.get().message == "first"
    assert mail.outbox == []
    assert [str(m) for m in response.context["messages"]] == [
        "You have already asked to join this team. The team admins will answer "
        "your request."
    ]


def test_database_refuses_two_pending_requests(member, team):
    JoinRequest.objects.create(organisation=team, user=member)

    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(organisation=team, user=member)


def test_member_can_ask_again_after_a_decline(member, team, team_admin):
    first = services.request_to_join(organisation=team, user=member)
    services.decide_join_request(
        join_request=first, action="decline", actor=team_admin, comment="Not now."
    )

    second = services.request_to_join(organisation=team, user=member)

    assert second.pk != first.pk
    assert second.status == "pending"


def test_existing_member_cannot_ask_to_join(client, team, team_admin):
    client.force_login(team_admin)

    response = client.post(_join_url(team), {"message": ""}, follow=True)

    assert JoinRequest.objects.count() == 0
    assert mail.outbox == []
    assert [str(m) for m in response.context["messages"]] == [
        "You are already a member of this team."
    ]


def test_service_refuses_a_request_from_a_member(team, team_admin):
    with pytest.raises(services.JoinRequestError) as error:
        services.request_to_join(organisation=team, user=team_admin)

    assert error.value.code == "member"
    assert JoinRequest.objects.count() == 0


def test_too_long_message_is_refused_and_changes_nothing(member_client, team):
    response = member_client.post(_join_url(team), {"message": "x" * 1001})

    assert response.status_code == 400
    assert JoinRequest.objects.count() == 0
    assert mail.outbox == []
    assert response.context["join_form"].errors["message"] == [
        "Ensure this value has at most 1000 characters (it has 1001)."
    ]


def test_visitor_is_sent_to_sign_in_to_ask(client, team):
    response = client.post(_join_url(team), {"message": "hi"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert JoinRequest.objects.count() == 0


def test_team_page_offers_sign_in_to_visitors(client, team):
    response = client.get(team.get_absolute_url())

    assert response.context["can_join"] is False
    assert response.context["login_to_join_url"] == (
        "/accounts/login/?next=%2Fme%2Fteams%2Foulu-2026-team%2F"
    )
    assert b"Sign in to ask to join this team" in response.content


def test_team_page_offers_the_form_to_a_member_not_in_the_team(member_client, team):
    response = member_client.get(team.get_absolute_url())

    assert response.context["can_join"] is True
    assert b'action="/me/teams/oulu-2026-team/join/"' in response.content


def test_team_page_shows_a_pending_request_instead_of_the_form(
    member_client, member, team
):
    join_request = services.request_to_join(organisation=team, user=member)

    response = member_client.get(team.get_absolute_url())

    assert response.context["can_join"] is False
    assert response.context["my_join_request"] == join_request
    assert b"Withdraw my request" in response.content


def test_team_page_offers_no_join_form_to_a_member_of_the_team(client, team_admin):
    client.force_login(team_admin)

    response = client.get(reverse("accounts:team", args=["oulu-2026-team"]))

    assert response.context["can_join"] is False
    assert b'action="/me/teams/oulu-2026-team/join/"' not in response.content


# Deciding ----------------------------------------------------------------------


@pytest.fixture
def pending(member, team):
    join_request = services.request_to_join(organisation=team, user=member)
    mail.outbox.clear()
    return join_request


def test_team_admin_sees_pending_requests(team_admin_client, team, pending):
    response = team_admin_client.get(team.get_absolute_url())

    assert list(response.context["join_requests"]) == [pending]
    assert b"Accept Mia Member" in response.content


def test_team_admin_accepts_a_request(
    team_admin_client, team, team_admin, member, pending
):
    member.preferred_language = "fr"
    member.save()

    response = _decide(team_admin_client, team, pending, "accept", "Bienvenue !")

    pending.refresh_from_db()
    entry = pending.history.get()
    assert response.status_code == 302
    assert pending.status == "accepted"
    assert pending.decided_at <= entry.created_at
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        "accept",
        team_admin,
        "pending",
        "accepted",
    )
    assert entry.comment == "Bienvenue !"
    assert Membership.objects.get(organisation=team, user=member).role == "member"
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].subject == "[ECoC Hub] Bienvenue dans Oulu 2026 team"
    assert "Bienvenue !" in mail.outbox[0].body


def test_team_admin_declines_a_request_with_a_reason(
    team_admin_client, team, team_admin, member, pending
):
    response = _decide(
        team_admin_client, team, pending, "decline", "Ask Anna, she runs it."
    )

    pending.refresh_from_db()
    entry = pending.history.get()
    assert response.status_code == 302
    assert pending.status == "declined"
    assert (entry.action, entry.actor, entry.comment) == (
        "decline",
        team_admin,
        "Ask Anna, she runs it.",
    )
    assert not Membership.objects.filter(user=member).exists()
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "was declined" in mail.outbox[0].body
    assert "Ask Anna, she runs it." in mail.outbox[0].body


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "Tell the person why you decline, so that they know what to do next. "
            "They receive it by e-mail.",
        ),
        (
            "fr",
            "Dites à la personne pourquoi vous refusez, pour qu\u2019elle sache quoi "
            "faire ensuite. Elle le recevra par e-mail.",
        ),
        (
            "de",
            "Sagen Sie der Person, warum Sie ablehnen, damit sie weiß, was sie "
            "als Nächstes tun kann. Sie erhält es per E-Mail.",
        ),
    ],
)
def test_declining_without_a_reason_puts_the_error_on_the_message_field(
    team_admin_client, team, pending, language, message, settings
):
    team_admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = _decide(team_admin_client, team, pending, "decline", "   ")

    pending.refresh_from_db()
    form = dict(response.context["join_request_rows"])[pending]
    assert response.status_code == 400
    assert form.errors == {"comment": [message]}
    assert f'id="id_request-{pending.pk}-comment"' in response.content.decode()
    assert pending.status == "pending"
    assert pending.history.count() == 0
    assert mail.outbox == []


def test_too_long_answer_is_refused_on_its_field(team_admin_client, team, pending):
    response = _decide(team_admin_client, team, pending, "accept", "x" * 1001)

    form = dict(response.context["join_request_rows"])[pending]
    assert response.status_code == 400
    assert form.errors == {
        "comment": ["Ensure this value has at most 1000 characters (it has 1001)."]
    }
    assert pending.history.count() == 0


def test_unknown_action_is_refused_and_changes_nothing(
    team_admin_client, team, pending
):
    response = _decide(team_admin_client, team, pending, "join_by_invitation")

    pending.refresh_from_db()
    form = dict(response.context["join_request_rows"])[pending]
    assert response.status_code == 400
    assert list(form.errors) == ["action"]
    assert pending.status == "pending"


def test_curator_accepts_a_request_to_any_team(curator_client, team, member, pending):
    _decide(curator_client, team, pending, "accept")

    assert Membership.objects.filter(organisation=team, user=member).exists()


def test_a_decided_request_cannot_be_decided_again(
    team_admin_client, team, member, pending
):
    _decide(team_admin_client, team, pending, "decline", "No.")
    mail.outbox.clear()

    response = team_admin_client.post(
        _decide_url(team, pending), {f"request-{pending.pk}-action": "accept"}
    )
    page = team_admin_client.get(response["Location"])

    pending.refresh_from_db()
    assert response.status_code == 302
    assert [str(m) for m in page.context["messages"]][-1] == (
        "This request has already been answered: it is “Declined”."
    )
    assert pending.status == "declined"
    assert pending.history.count() == 1
    assert not Membership.objects.filter(user=member).exists()
    assert mail.outbox == []


def test_service_refuses_to_decide_twice(team_admin, pending):
    services.decide_join_request(
        join_request=pending, action="accept", actor=team_admin
    )

    with pytest.raises(TransitionError) as error:
        services.decide_join_request(
            join_request=pending, action="decline", actor=team_admin, comment="No."
        )

    pending.refresh_from_db()
    assert (error.value.code, error.value.field) == ("wrong_state", None)
    assert pending.status == "accepted"


def test_service_refuses_an_action_the_page_does_not_offer(member, pending):
    with pytest.raises(TransitionError) as error:
        services.decide_join_request(
            join_request=pending, action="join_by_invitation", actor=member
        )

    assert error.value.code == "unknown_action"
    assert pending.history.count() == 0


def test_the_person_who_asked_cannot_accept_their_own_request(member, pending):
    with pytest.raises(ActionRefused):
        services.decide_join_request(
            join_request=pending, action="accept", actor=member
        )

    pending.refresh_from_db()
    assert pending.status == "pending"


@pytest.mark.parametrize("action", ["accept", "decline"])
@pytest.mark.parametrize(
    ("who", "status"),
    [("visitor", 302), ("requester", 403), ("outsider", 404), ("plain_member", 404)],
)
def test_only_team_admins_and_curators_decide(
    client, request, team, pending, who, status, action
):
    if who == "requester":
        client.force_login(request.getfixturevalue("member"))
    elif who == "outsider":
        client.force_login(request.getfixturevalue("outsider"))
    elif who == "plain_member":
        client.force_login(MembershipFactory(organisation=team).user)

    response = _decide(client, team, pending, action, "A reason.")

    pending.refresh_from_db()
    assert response.status_code == status
    assert pending.status == "pending"
    assert pending.history.count() == 0
    assert Membership.objects.filter(user=pending.user).count() == 0
    assert mail.outbox == []


def test_admin_of_another_team_cannot_decide(client, team, pending):
    other_admin = MembershipFactory(organisation=OrganisationFactory(), role="admin")
    client.force_login(other_admin.user)

    response = _decide(client, team, pending, "accept")

    assert response.status_code == 404
    assert pending.organisation.memberships.count() == 0


def test_request_of_another_team_is_not_found(team_admin_client, team, member):
    other = services.request_to_join(organisation=OrganisationFactory(), user=member)

    response = _decide(team_admin_client, team, other, "accept")

    other.refresh_from_db()
    assert response.status_code == 404
    assert other.status == "pending"


def test_requester_withdraws_their_request(member_client, member, team, pending):
    response = _decide(member_client, team, pending, "withdraw")

    pending.refresh_from_db()
    entry = pending.history.get()
    assert response.status_code == 302
    assert pending.status == "withdrawn"
    assert (entry.action, entry.actor) == ("withdraw", member)
    assert mail.outbox == []


def test_team_admin_cannot_withdraw_someone_elses_request(
    team_admin_client, team, pending
):
    response = _decide(team_admin_client, team, pending, "withdraw")

    pending.refresh_from_db()
    assert response.status_code == 403
    assert pending.status == "pending"


def test_an_outsider_does_not_see_the_request_to_withdraw(
    client, outsider, team, pending
):
    client.force_login(outsider)

    response = _decide(client, team, pending, "withdraw")

    pending.refresh_from_db()
    assert response.status_code == 404
    assert pending.status == "pending"


def test_accepting_an_invitation_closes_the_pending_request(
    team, team_admin, member, pending
):
    invitation = services.invite_to_team(
        organisation=team, email=member.email, role="member", invited_by=team_admin
    )

    services.accept_invitation(invitation=invitation, user=member)

    pending.refresh_from_db()
    entry = pending.history.get()
    assert pending.status == "accepted"
    assert (entry.action, entry.actor, entry.to_state) == (
        "join_by_invitation",
        member,
        "accepted",
    )


def test_team_admin_sees_the_history_of_answered_requests(
    team_admin_client, team, team_admin, member, pending
):
    _decide(team_admin_client, team, pending, "decline", "Ask Anna.")

    response = team_admin_client.get(team.get_absolute_url())

    history = response.context["join_request_history"]
    assert [(e.join_request.user, e.label, e.actor, e.comment) for e in history] == [
        (member, "Declined", team_admin, "Ask Anna.")
    ]
    assert "Answered requests" in response.content.decode()


def test_the_history_is_not_shown_to_a_plain_member(client, team, team_admin, pending):
    services.decide_join_request(
        join_request=pending, action="accept", actor=team_admin
    )
    client.force_login(MembershipFactory(organisation=team).user)

    response = client.get(team.get_absolute_url())

    assert "join_request_history" not in response.context
    assert "Answered requests" not in response.content.decode()


def test_team_page_lists_the_history_in_constant_queries(
    team_admin_client, team, team_admin
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for total in (1, 3):
        while team.join_requests.count() < total:
            join_request = services.request_to_join(
                organisation=team, user=UserFactory()
            )
            services.decide_join_request(
                join_request=join_request, action="accept", actor=team_admin
            )
        team_admin_client.get(team.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            response = team_admin_client.get(team.get_absolute_url())
        assert len(response.context["join_request_history"]) == total
        counts[total] = len(queries)

    assert counts[1] == counts[3]


# Finding the team --------------------------------------------------------------


def test_team_list_finds_a_team_by_city_and_year(client, team):
    OrganisationFactory(
        name="Other team", title=Title.objects.get(year=2011, city__name="Turku")
    )

    by_city = client.get(reverse("accounts:team_list"), {"q": "oulu"})
    by_year = client.get(reverse("accounts:team_list"), {"q": "2026"})
    nothing = client.get(reverse("accounts:team_list"), {"q": "Atlantis"})

    assert list(by_city.context["teams"]) == [team]
    assert team in by_year.context["teams"]
    assert list(nothing.context["teams"]) == []
    assert "No city team matches “Atlantis”." in nothing.content.decode()


def test_city_page_lists_its_teams(client, team):
    response = client.get(team.title.city.get_absolute_url())

    headings = [section.heading for section in response.context["related_sections"]]
    assert "City teams" in headings
    assert b'href="/me/teams/oulu-2026-team/"' in response.content


def test_dashboard_lists_requests_to_decide_and_my_requests(
    client, team_admin, member, pending
):
    client.force_login(team_admin)
    as_admin = client.get(reverse("accounts:dashboard"))
    client.force_login(member)
    as_member = client.get(reverse("accounts:dashboard"))

    assert list(as_admin.context["join_requests_to_decide"]) == [pending]
    assert list(as_member.context["my_join_requests"]) == [pending]
    assert list(as_member.context["join_requests_to_decide"]) == []


# Privacy -----------------------------------------------------------------------


def test_join_requests_are_exported_and_erased(member, team, team_admin, pending):
    services.decide_join_request(
        join_request=pending, action="decline", actor=team_admin, comment="Not yet."
    )
    exported = export_user_data(member)["account"]["join_requests"]
    answers = export_user_data(team_admin)["account"]["join_request_answers"]

    services.delete_account(user=member)

    assert [(r["team"], r["status"]) for r in exported] == [
        ("Oulu 2026 team", "declined")
    ]
    assert [(h["action"], h["comment"]) for h in exported[0]["history"]] == [
        ("decline", "Not yet.")
    ]
    assert [(a["team"], a["action"], a["comment"]) for a in answers] == [
        ("Oulu 2026 team", "decline", "Not yet.")
    ]
    assert JoinRequest.objects.count() == 0


def test_team_page_lists_pending_requests_in_constant_queries(client, team, team_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(team_admin)
    counts = {}
    for total in (1, 3):
        while team.join_requests.count() < total:
            services.request_to_join(organisation=team, user=UserFactory())
        client.get(team.get_absolute_url())  # warm the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(team.get_absolute_url())
        assert len(response.context["join_requests"]) == total
        counts[total] = len(queries)

    assert counts[1] == counts[3]


def test_admin_creates_a_team_for_a_title_city(client, admin_user):
    from tests.conftest import _with_mfa

    _with_mfa(admin_user)
    client.force_login(admin_user)
    title = Title.objects.get(year=2026, city__name="Oulu")

    response = client.post(
        reverse("accounts:team_create"), {"kind": "title", "title": title.pk}
    )

    team = title.teams.get()
    assert response.status_code == 302
    assert team.name == "Oulu 2026"
