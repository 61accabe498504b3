from __future__ import annotations

import pytest

from ecoc_hub.assessment import framework
from ecoc_hub.assessment.models import FrameworkVersion, Statement
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError

from .conftest import make_assessment


def test_the_migration_publishes_version_1_with_every_area(db):
    version = framework.current_version()

    assert version is not None
    assert (version.number, version.state) == (1, "published")
    assert version.levels.count() == 5
    covered = set(version.statements.values_list("area__code", flat=True))
    assert covered == set(CapacityArea.objects.values_list("code", flat=True))
    assert version.statements.count() == 69


def test_every_statement_and_level_is_written_in_french_and_german(db):
    version = framework.current_version()
    for statement in version.statements.all():
        assert statement.text_fr and statement.text_fr != statement.text_en
        assert statement.text_de and statement.text_de != statement.text_en
    for level in version.levels.all():
        assert level.name_fr != level.name_en or level.value == 0
        assert level.description_de != level.description_en


def test_a_statement_reads_in_the_active_language(db):
    from django.utils import translation

    statement = Statement.objects.filter(area__code="volunteering").first()
    with translation.override("de"):
        assert statement.text == statement.text_de
    with translation.override("fr"):
        assert statement.text == statement.text_fr


def test_loading_again_changes_nothing(db):
    assert framework.load_first_version() is False
    assert FrameworkVersion.objects.count() == 1


def test_a_published_version_cannot_be_changed(curator):
    version = framework.current_version()
    statement = version.statements.first()

    with pytest.raises(TransitionError) as error:
        framework.save_statement(
            version=version, statement=statement, values={"text_en": "Changed"}
        )

    assert error.value.code == "published"
    statement.refresh_from_db()
    assert statement.text_en != "Changed"


def test_a_draft_copies_the_newest_version_and_is_reused(curator):
    draft = framework.start_draft(curator=curator)

    assert (draft.number, draft.state) == (2, "draft")
    assert draft.statements.count() == 69
    assert draft.levels.count() == 5
    assert framework.start_draft(curator=curator) == draft


def test_publishing_needs_a_note_and_every_area(curator):
    draft = framework.start_draft(curator=curator)
    draft.statements.filter(area__code="legal-ipr").delete()

    with pytest.raises(TransitionError) as no_note:
        framework.publish_version(version=draft, curator=curator, note=" ")
    with pytest.raises(TransitionError) as incomplete:
        framework.publish_version(version=draft, curator=curator, note="New.")

    assert (no_note.value.code, no_note.value.field) == ("comment_required", "comment")
    assert incomplete.value.code == "incomplete"
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_only_a_curator_publishes(curator, member):
    draft = framework.start_draft(curator=curator)

    with pytest.raises(ActionRefused):
        framework.publish_version(version=draft, curator=member, note="Mine.")


def test_an_assessment_keeps_the_version_it_was_answered_on(curator, team):
    assessment = make_assessment(team)
    draft = framework.start_draft(curator=curator)
    statement = draft.statements.first()
    framework.save_statement(
        version=draft, statement=statement, values={"text_en": "A new statement."}
    )

    published = framework.publish_version(
        version=draft, curator=curator, note="Clearer wording."
    )

    assessment.refresh_from_db()
    assert assessment.version.number == 1
    assert framework.current_version() == published
    assert make_assessment(team).version == published
    event = published.history.get()
    assert (event.actor, event.from_state, event.to_state, event.comment) == (
        curator,
        "draft",
        "published",
        "Clearer wording.",
    )
