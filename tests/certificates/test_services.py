import re

import pytest

from ecoc_hub.certificates.models import Certificate, Status
from ecoc_hub.certificates.services import (
    CertificateError,
    issue_certificate,
    normalise_code,
    reissue,
    revoke,
)
from ecoc_hub.core.permissions import ActionRefused
from ecoc_hub.core.workflow import TransitionError
from tests.certificates.conftest import ACHIEVEMENT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_issue_makes_a_valid_certificate_with_a_typable_code(certificate, recipient):
    assert certificate.status == Status.VALID
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{12}", certificate.code)
    assert re.fullmatch(r"(\w{4}-){2}\w{4}", certificate.display_code)
    assert certificate.recipient == recipient
    assert certificate.recipient_name == "Ana Ionescu"
    assert certificate.language == "en"
    assert [e.action for e in certificate.history.all()] == ["issued"]


def test_codes_are_normalised_as_people_type_them():
    assert normalise_code("k7qm-4xrt p9wd") == "K7QM4XRTP9WD"
    assert normalise_code("OIL0") == "0110"


def test_a_second_valid_certificate_for_the_same_source_is_refused(
    certificate, recipient, team_source
):
    with pytest.raises(CertificateError) as error:
        issue_certificate(
            recipient=recipient, achievement=ACHIEVEMENT, source=team_source
        )

    assert error.value.code == "already_issued"
    assert Certificate.objects.count() == 1


def test_a_missing_name_is_refused(team_source):
    nameless = UserFactory(display_name="")

    with pytest.raises(CertificateError) as error:
        issue_certificate(
            recipient=nameless, achievement=ACHIEVEMENT, source=team_source
        )

    assert error.value.field == "recipient_name"
    assert Certificate.objects.count() == 0


def test_revoke_needs_a_reason_and_records_it(certificate, organiser):
    with pytest.raises(TransitionError) as error:
        revoke(certificate=certificate, actor=organiser, reason="  ")
    assert error.value.code == "comment_required"

    revoke(
        certificate=certificate, actor=organiser, reason="Attendance was misrecorded."
    )

    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED
    assert certificate.revocation_reason == "Attendance was misrecorded."
    assert certificate.revoked_at is not None
    assert [(e.action, e.actor) for e in certificate.history.all()] == [
        ("revoked", organiser),
        ("issued", None),
    ]


def test_someone_without_rights_cannot_revoke(certificate, recipient):
    with pytest.raises(ActionRefused):
        revoke(certificate=certificate, actor=recipient, reason="Mine, so what")

    certificate.refresh_from_db()
    assert certificate.status == Status.VALID


def test_reissue_makes_a_new_certificate_and_revokes_the_old_as_reissued(
    certificate, organiser
):
    new = reissue(
        certificate=certificate, actor=organiser, recipient_name="Ana-Maria Ionescu"
    )

    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED
    assert certificate.replaced_by == new
    assert new.replaces == certificate
    assert new.code != certificate.code
    assert new.status == Status.VALID
    assert new.recipient_name == "Ana-Maria Ionescu"
    assert (new.title, new.criteria, new.source) == (
        certificate.title,
        certificate.criteria,
        certificate.source,
    )
    assert certificate.history.first().action == "reissued"


def test_a_revoked_certificate_cannot_be_revoked_again(certificate):
    revoke(certificate=certificate, actor=None, reason="Mistake.")

    with pytest.raises(TransitionError) as error:
        revoke(certificate=certificate, actor=None, reason="Again.")

    assert error.value.code == "wrong_state"


def test_after_revocation_a_new_certificate_can_be_issued(
    certificate, recipient, team_source
):
    revoke(certificate=certificate, actor=None, reason="Mistake.")

    again = issue_certificate(
        recipient=recipient, achievement=ACHIEVEMENT, source=team_source
    )

    assert again.status == Status.VALID
