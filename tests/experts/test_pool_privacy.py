"""The pool's part of a person's export and erasure, CV files included."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage

from ecoc_hub.accounts.privacy import export_user_data
from ecoc_hub.accounts.services import delete_account
from ecoc_hub.experts import pool_services
from ecoc_hub.experts.models import Application
from ecoc_hub.experts.pool_models import PoolContact, PoolExpert
from ecoc_hub.library.models import Blob
from ecoc_hub.search.models import SearchDocument
from tests.experts.conftest import cv_pdf, cv_upload, submitted
from tests.experts.support_factories import join, make_pool_expert, make_team
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_pool_profile_its_calendar_and_messages():
    profile = make_pool_expert("Ana", areas=["volunteering"])
    entry = PoolExpert.objects.get(expert=profile)
    pool_services.set_availability(
        entry=entry, periods=[(dt.date(2027, 3, 1), dt.date(2027, 3, 9), "March")]
    )
    team = make_team()
    sender = join(team, UserFactory(display_name="Mara"))
    pool_services.contact_expert(entry=entry, sender=sender, team=team, message="Hi")

    mine = export_user_data(profile.user)["experts"]
    theirs = export_user_data(sender)["experts"]

    assert mine["pool_profile"]["capacity_areas"] == ["volunteering"]
    assert mine["pool_profile"]["availability"] == [
        {"from": "2027-03-01", "until": "2027-03-09", "note": "March"}
    ]
    assert mine["pool_profile"]["messages_received"][0]["message"] == "Hi"
    assert theirs["messages_to_experts"][0]["expert"] == "Ana"


def test_erasure_removes_the_pool_profile_and_its_search_document():
    profile = make_pool_expert("Ana")
    user = profile.user

    delete_account(user=user)

    assert PoolExpert.objects.count() == 0
    assert PoolContact.objects.count() == 0
    assert SearchDocument.objects.filter(kind="experts.expert").count() == 0


def test_erasure_deletes_the_cv_file(call, django_capture_on_commit_callbacks):
    application = submitted(call, name="Zenobia Quill")
    blob = application.cv
    assert default_storage.exists(blob.storage_name)

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=application.expert.user)

    assert Application.objects.count() == 0
    assert Blob.objects.filter(pk=blob.pk).count() == 0
    assert default_storage.exists(blob.storage_name) is False


def test_erasure_keeps_a_cv_file_another_application_shares(
    call, django_capture_on_commit_callbacks
):
    # The same bytes: a PDF built twice differs by its creation time.
    data = cv_pdf()
    first = submitted(call, name="Zenobia Quill", cv=(cv_upload(data=data), "cv.pdf"))
    second = submitted(call, name="Other Person", cv=(cv_upload(data=data), "cv.pdf"))
    assert first.cv_id == second.cv_id

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=first.expert.user)

    assert default_storage.exists(second.cv.storage_name) is True
