"""Library moderation on the shared workflow: messages, fields and history."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from ecoc_hub.library import services
from ecoc_hub.library.models import ModerationEvent

from .conftest import make_resource


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize("action", ["reject", "request_changes"])
def test_a_decision_without_a_reason_shows_the_error_on_the_comment_field(
    curator_client, member, language, action
):
    resource = make_resource(owner=member, state="submitted")
    with translation.override(language):
        expected = translation.gettext("Give a reason; the contributor will read it.")

    response = curator_client.post(
        reverse("library:moderate", args=[resource.uuid]),
        {"action": action, "comment": ""},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {"comment": [expected]}
    if language != "en":
        assert expected != "Give a reason; the contributor will read it."
    resource.refresh_from_db()
    assert resource.state == "submitted"


def test_a_decision_must_be_chosen(curator_client, member):
    resource = make_resource(owner=member, state="submitted")

    response = curator_client.post(
        reverse("library:moderate", args=[resource.uuid]), {"comment": "Hm."}
    )

    assert response.context["form"].errors == {"__all__": ["Choose a decision."]}


def test_a_decision_on_a_published_record_is_shown_on_the_form(curator_client, member):
    resource = make_resource(owner=member)

    response = curator_client.post(
        reverse("library:moderate", args=[resource.uuid]),
        {"action": "reject", "comment": "No."},
    )

    assert response.context["form"].errors == {
        "__all__": ["This action is not possible while the resource is “Published”."]
    }


def test_the_contributor_cannot_publish_their_own_draft(client, member):
    resource = make_resource(owner=member, state="draft")
    client.force_login(member)

    response = client.post(
        reverse("library:deposit_review", args=[resource.uuid]), {"action": "publish"}
    )

    resource.refresh_from_db()
    assert response.status_code == 403
    assert resource.state == "draft"


def test_an_unknown_review_action_changes_nothing(client, member):
    resource = make_resource(owner=member, state="draft")
    client.force_login(member)

    response = client.post(
        reverse("library:deposit_review", args=[resource.uuid]), {"action": "approve"}
    )

    resource.refresh_from_db()
    assert response.status_code == 302
    assert resource.state == "draft"


def test_the_history_records_every_step_with_its_states(member, curator):
    resource = make_resource(owner=member, state="submitted")
    services.request_changes(resource=resource, curator=curator, comment="More.")
    services.submit_for_review(resource=resource, user=member)
    services.approve(resource=resource, curator=curator)
    services.withdraw(resource=resource, curator=curator, reason="Duplicate.")

    steps = list(
        resource.moderation_events.order_by("created_at", "pk").values_list(
            "decision", "from_state", "to_state", "comment"
        )
    )

    assert steps == [
        ("submitted", "draft", "submitted", ""),
        ("changes_requested", "submitted", "changes_requested", "More."),
        ("submitted", "changes_requested", "submitted", ""),
        ("approved", "submitted", "published", ""),
        ("withdrawn", "published", "withdrawn", "Duplicate."),
    ]
    resource.refresh_from_db()
    assert resource.withdrawn_reason == "Duplicate."


def test_the_migration_derives_the_states_of_earlier_events(member, curator):
    resource = make_resource(owner=member, state="submitted")
    services.reject(resource=resource, curator=curator, reason="Off topic.")
    services.publish_directly(resource=resource, curator=curator)
    ModerationEvent.objects.update(from_state="", to_state="")
    migration = importlib.import_module(
        "ecoc_hub.library.migrations.0003_moderation_event_states"
    )

    migration.fill_states(apps, None)

    assert list(
        resource.moderation_events.order_by("created_at", "pk").values_list(
            "decision", "from_state", "to_state"
        )
    ) == [
        ("submitted", "draft", "submitted"),
        ("rejected", "submitted", "rejected"),
        ("published_directly", "rejected", "published"),
    ]


@pytest.mark.parametrize(
    ("state", "decision"),
    [("submitted", "approved"), ("draft", "published_directly")],
)
def test_publish_approves_a_submission_or_publishes_a_draft_directly(
    member, curator, state, decision
):
    resource = make_resource(owner=member, state=state)

    services.publish(resource=resource, curator=curator)

    resource.refresh_from_db()
    latest = resource.moderation_events.order_by("-created_at", "-pk").first()
    assert (resource.state, latest.decision, latest.actor) == (
        "published",
        decision,
        curator,
    )
