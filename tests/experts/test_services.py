from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from ecoc_hub.experts import services
from ecoc_hub.experts.models import Application, ExpertProfile
from ecoc_hub.library.files import UploadRejected
from ecoc_hub.library.models import Blob
from tests.experts.conftest import cv_upload, fill, make_call
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_one_profile_per_person_across_calls(call):
    person = UserFactory(display_name="Ana")
    first = services.start_application(user=person, call=call)
    second = services.start_application(user=person, call=make_call(slug="next"))

    assert first.expert == second.expert
    assert ExpertProfile.objects.count() == 1
    assert services.start_application(user=person, call=call) == first


def test_a_cv_that_is_not_a_pdf_is_refused_and_nothing_is_saved(call):
    application = services.start_application(user=UserFactory(), call=call)

    with pytest.raises(UploadRejected):
        fill(application, cv=(cv_upload("cv.pdf", b"not a pdf at all"), "cv.pdf"))

    application.refresh_from_db()
    assert application.cv is None
    assert application.years_sector is None
    assert Blob.objects.count() == 0


def test_a_word_file_is_refused_as_a_cv(call):
    from ecoc_hub.library.samples import docx_bytes

    application = services.start_application(user=UserFactory(), call=call)

    with pytest.raises(UploadRejected) as caught:
        fill(application, cv=(cv_upload("cv.docx", docx_bytes(["Me"])), "cv.docx"))

    assert caught.value.message == "The CV must be a PDF file."


def test_a_language_code_outside_the_list_changes_nothing(call):
    application = services.start_application(user=UserFactory(), call=call)

    with pytest.raises(ValidationError):
        fill(application, languages=[{"code": "xx", "level": "C1"}])

    application.refresh_from_db()
    assert application.languages == []


def test_only_a_draft_can_be_saved(call):
    application = fill(services.start_application(user=UserFactory(), call=call))
    services.submit(application=application, actor=application.expert.user)

    with pytest.raises(ValidationError):
        fill(application, years_sector=1)


def _profile(name: str, country: str, email: str) -> ExpertProfile:
    user = UserFactory(email=email)
    return ExpertProfile.objects.create(user=user, full_name=name, country=country)


def test_duplicates_by_verified_email_and_by_name_and_country():
    ana = _profile("Ana Popescu", "RO", "ana@example.org")
    same_name = _profile("ana  popescu", "RO", "a.p@example.org")
    elsewhere = _profile("Ana Popescu", "MD", "ana.md@example.org")
    second_account = _profile("A. P.", "FR", "ap@example.org")
    EmailAddress.objects.create(
        user=second_account.user, email="ANA@example.org", verified=True
    )
    unverified = _profile("Someone", "DE", "x@example.org")
    EmailAddress.objects.create(
        user=unverified.user, email="ana@example.org", verified=False
    )

    found = {p.pk: str(reason) for p, reason in services.find_duplicates(profile=ana)}

    assert found == {
        same_name.pk: "the same name and country",
        second_account.pk: "the same verified e-mail address",
    }
    assert elsewhere.pk not in found


def test_merging_moves_applications_and_marks_the_duplicate(call):
    keep = _profile("Ana Popescu", "RO", "ana@example.org")
    duplicate = _profile("Ana Popescu", "RO", "ana2@example.org")
    other_call = make_call(slug="other")
    Application.objects.create(call=other_call, expert=duplicate)

    services.merge_profiles(keep=keep, duplicate=duplicate)

    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert list(keep.applications.values_list("call__slug", flat=True)) == ["other"]
    assert services.find_duplicates(profile=keep) == []
    # The merged account's next application is the kept profile's.
    assert services.start_application(user=duplicate.user, call=call).expert == keep


def test_two_applications_to_one_call_cannot_be_merged(call):
    keep = _profile("Ana Popescu", "RO", "ana@example.org")
    duplicate = _profile("Ana Popescu", "RO", "ana2@example.org")
    Application.objects.create(call=call, expert=keep)
    Application.objects.create(call=call, expert=duplicate)

    with pytest.raises(ValidationError):
        services.merge_profiles(keep=keep, duplicate=duplicate)

    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
