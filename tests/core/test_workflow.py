"""The shared workflow, tried on the first table built on it (library moderation)."""

from __future__ import annotations

import pytest
from django.core import mail

from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import Transition, TransitionError, Workflow, transition
from ecoc_hub.library.models import ModerationEvent, Resource
from ecoc_hub.library.moderation import MODERATION
from tests.library.conftest import make_resource


def _anyone(user, obj) -> bool:
    return True


def test_a_table_naming_a_state_the_field_does_not_have_is_refused():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(
            model=Resource,
            field="state",
            transitions=[
                Transition(
                    "archive", sources={"published"}, target="archived", allowed=_anyone
                )
            ],
        )


def test_a_table_with_the_same_action_twice_is_refused():
    step = Transition("x", sources={"draft"}, target="submitted", allowed=_anyone)

    with pytest.raises(ValueError, match="Duplicate action"):
        Workflow(model=Resource, field="state", transitions=[step, step])


def test_transition_saves_the_state_and_writes_who_when_from_to_and_comment(
    member, curator
):
    resource = make_resource(owner=member, state="submitted")

    outcome = transition(resource, "approve", actor=curator, comment="  Thanks.  ")

    stored = Resource.objects.get(pk=resource.pk)
    event = ModerationEvent.objects.filter(resource=resource).first()
    assert (outcome.action, outcome.from_state, outcome.to_state) == (
        "approve",
        "submitted",
        "published",
    )
    assert (outcome.actor, outcome.comment, outcome.history) == (
        curator,
        "Thanks.",
        event,
    )
    assert (stored.state, resource.state) == ("published", "published")
    assert stored.published_at == resource.published_at == outcome.obj.published_at
    assert (event.decision, event.actor, event.from_state, event.to_state) == (
        "approved",
        curator,
        "submitted",
        "published",
    )
    assert (event.comment, event.created_at) == ("Thanks.", outcome.at)


def test_an_action_from_the_wrong_state_changes_nothing(member, curator):
    resource = make_resource(owner=member, curator=curator)
    events = ModerationEvent.objects.count()

    with pytest.raises(TransitionError) as caught:
        transition(resource, "approve", actor=curator)

    assert (caught.value.code, caught.value.field) == ("wrong_state", None)
    assert Resource.objects.get(pk=resource.pk).state == "published"
    assert ModerationEvent.objects.count() == events


def test_a_person_the_table_does_not_name_is_refused_with_a_403(member):
    resource = make_resource(owner=member, state="submitted")

    with pytest.raises(ActionRefused):
        transition(resource, "approve", actor=member)

    assert Resource.objects.get(pk=resource.pk).state == "submitted"


def test_the_platform_acts_without_a_person_but_not_from_the_wrong_state(member):
    resource = make_resource(owner=member, state="submitted")

    outcome = transition(resource, "approve", actor=None)
    with pytest.raises(TransitionError):
        transition(resource, "approve", actor=None)

    assert outcome.to_state == "published"
    assert outcome.history.actor is None


def test_a_missing_comment_names_the_comment_field(member, curator):
    resource = make_resource(owner=member, state="submitted")
    mail.outbox.clear()

    with pytest.raises(TransitionError) as caught:
        transition(resource, "reject", actor=curator, comment="   ")

    assert (caught.value.field, caught.value.code) == ("comment", "comment_required")
    assert caught.value.message == "Give a reason; the contributor will read it."
    assert Resource.objects.get(pk=resource.pk).state == "submitted"
    assert mail.outbox == []


def test_an_unknown_action_is_a_transition_error(member):
    resource = make_resource(owner=member, state="draft")

    with pytest.raises(TransitionError) as caught:
        transition(resource, "teleport", actor=member)

    assert caught.value.code == "unknown_action"


def test_can_and_available_answer_for_buttons(member, curator, outsider):
    resource = make_resource(owner=member, state="submitted")

    assert [t.action for t in MODERATION.available(curator, resource)] == [
        "approve",
        "publish_directly",
        "request_changes",
        "reject",
    ]
    assert MODERATION.available(member, resource) == []
    assert MODERATION.can(member, make_resource(owner=member, state="draft"), "submit")
    assert not MODERATION.can(outsider, resource, "submit")
    assert not MODERATION.can(curator, resource, "no-such-action")


def test_the_error_goes_on_the_named_field_or_on_the_form():
    from django import forms

    class Form(forms.Form):
        reason = forms.CharField(required=False)

    renamed, unknown = Form(data={}), Form(data={})
    renamed.is_valid()
    unknown.is_valid()

    TransitionError("Say why.", field="comment").add_to_form(
        renamed, fields={"comment": "reason"}
    )
    TransitionError("Say why.", field="comment").add_to_form(unknown)

    assert renamed.errors == {"reason": ["Say why."]}
    assert unknown.errors == {"__all__": ["Say why."]}


@pytest.fixture
def access_workflow():
    """A second table on another field of the same model, removed afterwards."""
    from ecoc_hub.core import workflow

    table = Workflow(
        model=Resource,
        field="access",
        transitions=[
            Transition(
                "open_to_all",
                sources={"members", "restricted"},
                target="public",
                allowed=_anyone,
            ),
            Transition(
                "withdraw", sources={"public"}, target="members", allowed=_anyone
            ),
        ],
    )
    yield table
    del workflow._REGISTRY[(Resource, "access")]


def test_a_second_state_field_has_its_own_table_without_history(
    access_workflow, member, curator
):
    resource = make_resource(owner=member, curator=curator, access="members")
    events = ModerationEvent.objects.count()

    outcome = transition(resource, "open_to_all", actor=member)

    assert (outcome.from_state, outcome.to_state, outcome.history) == (
        "members",
        "public",
        None,
    )
    assert Resource.objects.get(pk=resource.pk).access == "public"
    assert ModerationEvent.objects.count() == events


def test_an_action_on_two_fields_needs_the_field_named(
    access_workflow, member, curator
):
    resource = make_resource(owner=member, curator=curator)

    with pytest.raises(ValueError, match="several state fields"):
        transition(resource, "withdraw", actor=curator, comment="Gone.")
    outcome = transition(
        resource, "withdraw", actor=curator, comment="Gone.", field="state"
    )

    assert (outcome.to_state, Resource.objects.get(pk=resource.pk).access) == (
        "withdrawn",
        "public",
    )
