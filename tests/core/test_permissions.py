"""The permission gate: hidden is 404, refused is 403, anonymous signs in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from ecoc_hub.core.permissions import (
    ActionRefused,
    ObjectHidden,
    check_object,
    get_for_user,
    requires,
    visible_for_user,
)
from ecoc_hub.library.models import Collection


def _sees_published(user, collection) -> bool:
    return collection.is_published


def _is_signed_in(user, obj=None) -> bool:
    return user.is_authenticated


@pytest.fixture
def collections(db, curator):
    return {
        "open": Collection.objects.create(
            title="Open", slug="open", created_by=curator, is_published=True
        ),
        "hidden": Collection.objects.create(
            title="Hidden", slug="hidden", created_by=curator, is_published=False
        ),
    }


def test_a_visible_allowed_object_is_returned(collections, member):
    found = get_for_user(
        Collection,
        member,
        can_see=_sees_published,
        can_do=_is_signed_in,
        slug="open",
    )

    assert found == collections["open"]


def test_an_object_the_person_may_not_see_is_a_404_like_a_missing_one(collections):
    with pytest.raises(ObjectHidden):
        get_for_user(
            Collection, AnonymousUser(), can_see=_sees_published, slug="hidden"
        )
    with pytest.raises(ObjectHidden):
        get_for_user(Collection, AnonymousUser(), can_see=_sees_published, slug="none")


def test_a_visible_object_the_person_may_not_act_on_is_a_403(collections):
    with pytest.raises(ActionRefused):
        get_for_user(
            Collection.objects.all(),
            AnonymousUser(),
            can_see=_sees_published,
            can_do=_is_signed_in,
            slug="open",
        )


def test_hidden_wins_over_refused(collections):
    with pytest.raises(ObjectHidden):
        check_object(
            AnonymousUser(),
            collections["hidden"],
            can_see=_sees_published,
            can_do=_is_signed_in,
        )


def test_the_gate_raises_what_django_turns_into_404_and_403():
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    assert issubclass(ObjectHidden, Http404)
    assert issubclass(ActionRefused, PermissionDenied)


def _view(request):
    return HttpResponse("inside")


def _is_curator(user) -> bool:
    from ecoc_hub.accounts.permissions import is_curator

    return is_curator(user)


def test_requires_sends_a_visitor_to_log_in_first(rf: RequestFactory):
    request = rf.get("/somewhere/?x=1")
    request.user = AnonymousUser()

    response = requires(_is_curator)(_view)(request)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/somewhere/%3Fx%3D1"


def test_requires_refuses_a_member_without_the_role(rf: RequestFactory, member):
    request = rf.get("/somewhere/")
    request.user = member

    with pytest.raises(ActionRefused):
        requires(_is_curator)(_view)(request)


def test_requires_lets_the_role_in(rf: RequestFactory, curator):
    request = rf.get("/somewhere/")
    request.user = curator

    response = requires(_is_curator)(_view)(request)

    assert response.content == b"inside"


def test_visible_for_user_keeps_only_what_the_person_may_see(collections, member):
    found = visible_for_user(
        [collections["hidden"], collections["open"]], member, can_see=_sees_published
    )

    assert found == [collections["open"]]


def test_visible_for_user_with_nothing_visible_is_hidden(collections, member):
    with pytest.raises(ObjectHidden):
        visible_for_user([collections["hidden"]], member, can_see=_sees_published)
