"""Every protected URL by every role, with the status each one must get.

The rows live next to each app's tests (``tests/<app>/access.py``, see
``tests/access.py``); this module builds one world of people and objects,
requests each row as each role, and compares the whole column at once, so a
failure lists every URL whose answer changed. Each request runs in a
savepoint that is rolled back, so a POST that succeeds changes nothing for
the next row.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver

import tests
from ecoc_hub.accounts.models import Invitation, JoinRequest, Membership, User
from ecoc_hub.certificates.services import Achievement, issue_certificate
from ecoc_hub.cities.models import City, Title
from ecoc_hub.library import services
from ecoc_hub.library.models import Collection
from ecoc_hub.podcasts.models import State
from tests.access import (
    ENDPOINTS,
    NAMESPACES,
    PUBLIC,
    ROLES,
    WORLD_EXTENSIONS,
    registered_url_names,
)
from tests.conftest import _with_mfa
from tests.events.conftest import apply, make_answer_file, make_event, make_session
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.library.conftest import make_resource
from tests.podcasts.conftest import make_episode, make_show

# Every tests/<app>/access.py registers its rows on import.
for _module in pkgutil.iter_modules(tests.__path__):
    if _module.ispkg:
        try:
            importlib.import_module(f"tests.{_module.name}.access")
        except ModuleNotFoundError as error:
            if error.name != f"tests.{_module.name}.access":
                raise


def _people() -> dict[str, User]:
    team = OrganisationFactory(name="Oulu team", slug="oulu-team")
    other_team = OrganisationFactory(name="Other team", slug="other-team")
    member = MembershipFactory(
        organisation=team, role=Membership.Role.ADMIN, user__display_name="Mia"
    ).user
    return {
        "member": member,
        "other_team_member": MembershipFactory(organisation=other_team).user,
        "curator": _with_mfa(UserFactory(roles=["curator"])),
        "admin": _with_mfa(UserFactory(is_staff=True, is_superuser=True)),
        # The organiser role (may create events); organises the world's camps.
        "organiser": UserFactory(roles=["organiser"]),
        "reviewer": UserFactory(roles=["reviewer"]),
        "expert": UserFactory(roles=["expert"]),
        "other_expert": UserFactory(roles=["expert"]),
        # The programme's funder reads the dashboard; placed in the other
        # team, so that everywhere else it reads as that team's member.
        "funder": MembershipFactory(
            organisation=other_team, user=UserFactory(roles=["funder"])
        ).user,
    }


def _world() -> SimpleNamespace:
    people = _people()
    member, curator = people["member"], people["curator"]
    team = member.memberships.get().organisation
    author = UserFactory(display_name="Ada Author")
    draft = make_resource(owner=member, state="draft", title="Draft notes")
    team_only = make_resource(
        owner=author, curator=curator, access="restricted", teams=[team]
    )
    withdrawn = make_resource(owner=author, curator=curator, title="Old")
    services.withdraw(resource=withdrawn, curator=curator, reason="Duplicate.")
    published = make_resource(owner=member, curator=curator, title="Open")
    show = make_show()
    draft_episode = make_episode(show, slug="draft-episode", state=State.DRAFT)
    city = City.objects.create(
        name="Zeta", slug="zeta", country="Finland", country_code="FI"
    )
    camp = make_event(slug="matrix-camp", organisers=[people["organiser"]])
    draft_event = make_event(
        slug="matrix-draft", visibility="draft", organisers=[people["organiser"]]
    )
    world = SimpleNamespace(
        event=camp,
        draft_event=draft_event,
        draft_session=make_session(draft_event),
        application=(application := apply(camp, member)),
        answer=make_answer_file(application),
        people=people,
        team=team,
        draft=draft,
        draft_file=draft.files.get(),
        submitted=make_resource(owner=member, state="submitted", title="Waiting"),
        published=published,
        published_file=published.files.get(),
        team_only=team_only,
        team_file=team_only.files.get(),
        members_only=make_resource(owner=author, curator=curator, access="members"),
        withdrawn=withdrawn,
        withdrawn_file=withdrawn.files.get(),
        report=services.report_resource(
            resource=published, reporter=member, reason="broken", message="Hm."
        ),
        hidden_collection=Collection.objects.create(
            title="Hidden", slug="hidden", created_by=curator, is_published=False
        ),
        show=show,
        season=show.seasons.create(number=1, title="One"),
        draft_show=make_show(slug="draft-show", state=State.DRAFT),
        draft_episode=draft_episode,
        private_person=UserFactory(visibility=User.Visibility.PRIVATE),
        members_person=UserFactory(visibility=User.Visibility.MEMBERS),
        mate_membership=MembershipFactory(organisation=team),
        join_request=JoinRequest.objects.create(
            organisation=team, user=UserFactory(display_name="Jo Joiner")
        ),
        invitation=Invitation.objects.create(
            organisation=team, email="invited@example.org", invited_by=member
        ),
        unverified=Title.objects.create(
            city=city, year=2031, status=Title.Status.UNVERIFIED
        ),
        certificate=issue_certificate(
            recipient=member,
            achievement=Achievement(title="Academy Camp", criteria="Attended."),
            source=team,
        ),
    )
    for extend in WORLD_EXTENSIONS:
        extend(world)
    return world


def _client_for(world: SimpleNamespace, role: str) -> Client:
    client = Client()
    if role != "visitor":
        client.force_login(world.people[role])
    return client


def _status(client: Client, world: SimpleNamespace, endpoint) -> int:
    with transaction.atomic():
        send = getattr(client, endpoint.method)
        response = send(endpoint.url(world), endpoint.data(world))
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_protected_url_answers_each_role_as_the_table_says(role, db):
    world = _world()
    client = _client_for(world, role)

    seen = {name: _status(client, world, e) for name, e in ENDPOINTS.items()}

    assert seen == {name: e.expected[role] for name, e in ENDPOINTS.items()}


def test_every_url_of_a_covered_app_is_in_the_matrix_or_public():
    names = {
        f"{namespace}:{name}"
        for namespace in NAMESPACES
        for name in get_resolver().namespace_dict[namespace][1].reverse_dict
        if isinstance(name, str)
    }

    assert sorted(names - registered_url_names() - PUBLIC) == []
    assert sorted((registered_url_names() | PUBLIC) - names) == []


def test_every_row_names_every_role():
    assert {name: sorted(e.expected) for name, e in ENDPOINTS.items()} == {
        name: sorted(ROLES) for name in ENDPOINTS
    }
