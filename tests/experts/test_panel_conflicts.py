"""Conflicts declared before any assignment, and the manager's assignment by
hand: a declared person's application is never proposed, refused by hand,
taken back if already assigned, and never shown."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecoc_hub.experts import review
from ecoc_hub.experts.models import Conflict, Review
from ecoc_hub.experts.panel_conflicts import declare_in_advance
from tests.experts.conftest import submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(call):
    person = UserFactory(display_name="Rita")
    review.add_reviewer(call=call, user=person, profiles=["management"])
    return person


def test_a_person_declared_in_advance_is_never_proposed(call, reviewer):
    other = UserFactory(display_name="Otto")
    review.add_reviewer(call=call, user=other, profiles=["management"])
    application = submitted(call, name="Zoë Quill")

    declare_in_advance(call=call, reviewer=reviewer, person_name="  zoe   QUILL ")

    pairs = review.propose_for(call).pairs
    assert (reviewer.pk, application.pk) not in pairs
    assert (other.pk, application.pk) in pairs


def test_an_e_mail_address_declared_in_advance_matches_too(call, reviewer):
    application = submitted(call, name="Zoë Quill", email="zoe@example.org")

    declare_in_advance(
        call=call, reviewer=reviewer, person_name="Z. Q.", email="ZOE@example.org"
    )

    assert (reviewer.pk, application.pk) not in review.propose_for(call).pairs


def test_assigning_a_declared_person_by_hand_is_refused(call, reviewer, curator):
    application = submitted(call, name="Zoë Quill")
    declare_in_advance(call=call, reviewer=reviewer, person_name="Zoë Quill")

    with pytest.raises(ValidationError):
        review.assign_by_hand(
            application=application, reviewer=reviewer, manager=curator
        )


def test_declaring_takes_back_an_assigned_review_not_yet_done(
    client, call, reviewer, curator
):
    application = submitted(call, name="Zoë Quill")
    item = review.assign_by_hand(
        application=application, reviewer=reviewer, manager=curator
    )

    declare_in_advance(call=call, reviewer=reviewer, person_name="Zoë Quill")

    assert Review.objects.filter(pk=item.pk).count() == 0
    assert Conflict.objects.filter(reviewer=reviewer).count() == 1
    client.force_login(reviewer)
    assert client.get(reverse("experts:review", args=[item.pk])).status_code == 404


def test_someone_off_the_panel_cannot_declare(call):
    with pytest.raises(ValidationError):
        declare_in_advance(call=call, reviewer=UserFactory(), person_name="Zoë Quill")


def test_the_reviewer_declares_from_their_page(client, call, reviewer):
    client.force_login(reviewer)

    response = client.post(
        reverse("experts:panel_conflicts"),
        {"call": call.pk, "person_name": "Zoë Quill", "reason": "My sister"},
    )

    assert response.status_code == 302
    page = client.get(reverse("experts:panel_conflicts")).content.decode()
    assert "Zoë Quill, for Experts for capitals of culture" in page


def test_the_manager_assigns_by_hand_from_the_assignment_page(
    curator_client, call, reviewer
):
    application = submitted(call, name="Zoë Quill")
    page = curator_client.get(reverse("experts:assignment", args=[call.slug]))
    assert "Assign by hand" in page.content.decode()

    response = curator_client.post(
        reverse("experts:assign_by_hand", args=[call.slug]),
        {"application": application.pk, "reviewer": reviewer.pk},
    )

    assert response.status_code == 302
    item = Review.objects.get(application=application)
    assert (item.reviewer, item.is_manual) == (reviewer, True)
