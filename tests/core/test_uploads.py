"""Staged uploads: a file chosen in a form survives the form's failed validation."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import lxml.html
import pytest
from django import forms
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from ecoc_hub.core.uploads import (
    StagedFileField,
    StagedMultipleFileInput,
    StagedUpload,
    StagedUploadsMixin,
    UploadStage,
    purge_abandoned,
)

pytestmark = pytest.mark.django_db


class PaperForm(StagedUploadsMixin, forms.Form):
    title = forms.CharField(label="Title")
    paper = StagedFileField(label="Paper")


def _session() -> SessionStore:
    session = SessionStore()
    session.create()
    return session


def _staged_token(form: forms.Form) -> str:
    tree = lxml.html.fragment_fromstring(str(form), create_parent="div")
    return tree.xpath('//input[@name="paper-staged"]')[0].get("value")


def test_a_valid_file_is_kept_when_another_field_is_invalid():
    session = _session()
    form = PaperForm(
        {"title": ""},
        {"paper": SimpleUploadedFile("report.txt", b"hello world")},
        session=session,
    )

    assert form.is_valid() is False
    html = str(form)

    token = _staged_token(form)
    assert "Already uploaded: report.txt, 11\xa0bytes." in html
    assert storages["staging"].open(token).read() == b"hello world"


def test_the_next_submission_picks_the_kept_file_up_without_choosing_it_again():
    session = _session()
    first = PaperForm(
        {"title": ""}, {"paper": SimpleUploadedFile("r.txt", b"abc")}, session=session
    )
    first.is_valid()
    token = _staged_token(first)

    second = PaperForm({"title": "Fine", "paper-staged": token}, {}, session=session)

    assert second.is_valid() is True
    paper = second.cleaned_data["paper"]
    assert isinstance(paper, StagedUpload)
    assert (paper.name, paper.size, paper.read()) == ("r.txt", 3, b"abc")
    second.release_uploads()
    assert storages["staging"].exists(token) is False


def test_a_token_from_another_session_is_ignored():
    first = PaperForm(
        {"title": ""},
        {"paper": SimpleUploadedFile("r.txt", b"abc")},
        session=_session(),
    )
    first.is_valid()
    token = _staged_token(first)

    other = PaperForm({"title": "Fine", "paper-staged": token}, {}, session=_session())

    assert other.is_valid() is False
    assert other.errors["paper"] == ["This field is required."]


@pytest.mark.parametrize("token", ["../secret_key", "A" * 32, "", "0" * 31])
def test_malformed_tokens_are_refused(token):
    assert UploadStage(_session()).get(token) is None


def test_a_new_file_replaces_the_kept_one():
    session = _session()
    first = PaperForm(
        {"title": ""}, {"paper": SimpleUploadedFile("old.txt", b"old")}, session=session
    )
    first.is_valid()

    second = PaperForm(
        {"title": "Fine", "paper-staged": _staged_token(first)},
        {"paper": SimpleUploadedFile("new.txt", b"new")},
        session=session,
    )

    assert second.is_valid() is True
    assert second.cleaned_data["paper"].read() == b"new"


def test_do_not_use_this_file_drops_the_kept_one():
    session = _session()
    first = PaperForm(
        {"title": ""}, {"paper": SimpleUploadedFile("old.txt", b"old")}, session=session
    )
    first.is_valid()

    second = PaperForm(
        {"title": "Fine", "paper-staged": _staged_token(first), "paper-unstage": "1"},
        {},
        session=session,
    )

    assert second.is_valid() is False
    assert second.errors["paper"] == ["This field is required."]


def test_an_invalid_file_is_not_kept():
    class StrictForm(PaperForm):
        def clean_paper(self):
            raise forms.ValidationError("Not a paper.")

    session = _session()
    form = StrictForm(
        {"title": "x"}, {"paper": SimpleUploadedFile("r.txt", b"abc")}, session=session
    )

    assert form.is_valid() is False
    assert 'name="paper-staged"' not in str(form)
    assert list(UploadStage(session)._entries()) == []


def test_abandoned_stages_are_purged_and_recent_ones_stay(capsys):
    stage = UploadStage(_session())
    old = stage.keep(SimpleUploadedFile("old.txt", b"old"))
    new = stage.keep(SimpleUploadedFile("new.txt", b"new"))
    storage = storages["staging"]
    day_ago = time.time() - 25 * 3600
    os.utime(storage.path(old.token), (day_ago, day_ago))

    assert purge_abandoned() == 1

    assert (storage.exists(old.token), storage.exists(new.token)) == (False, True)
    call_command("purge_staged_uploads", hours=0)
    assert storage.exists(new.token) is False
    assert capsys.readouterr().out == "1 staged upload(s) deleted.\n"
    assert purge_abandoned(older_than=timedelta(0)) == 0


def test_staged_files_live_outside_the_media_root(settings):
    stage = UploadStage(_session())

    staged = stage.keep(SimpleUploadedFile("r.txt", b"abc"))

    path = storages["staging"].path(staged.token)
    assert not path.startswith(str(settings.MEDIA_ROOT))


class ListField(StagedFileField):
    widget = StagedMultipleFileInput

    def clean(self, data, initial=None):
        return [super(ListField, self).clean(item, initial) for item in data]


class ManyForm(StagedUploadsMixin, forms.Form):
    title = forms.CharField(label="Title")
    proofs = ListField(label="Proofs", required=False)


def _tokens(form: forms.Form, name: str) -> list[str]:
    tree = lxml.html.fragment_fromstring(str(form), create_parent="div")
    return [i.get("value") for i in tree.xpath(f'//input[@name="{name}-staged"]')]


def _files(*items: SimpleUploadedFile) -> MultiValueDict:
    return MultiValueDict({"proofs": list(items)})


def test_several_files_in_one_field_are_each_kept_and_listed():
    session = _session()
    form = ManyForm(
        QueryDict("title="),
        _files(SimpleUploadedFile("a.txt", b"aaa"), SimpleUploadedFile("b.txt", b"bb")),
        session=session,
    )

    assert form.is_valid() is False
    html = str(form)
    tokens = _tokens(form, "proofs")
    assert len(tokens) == 2
    assert "Already uploaded: a.txt, 3\xa0bytes." in html
    assert "Already uploaded: b.txt, 2\xa0bytes." in html
    assert "multiple" in html

    data = QueryDict(mutable=True)
    data["title"] = "Fine"
    data.setlist("proofs-staged", tokens)
    second = ManyForm(data, MultiValueDict(), session=session)
    assert second.is_valid(), second.errors
    assert [f.read() for f in second.cleaned_data["proofs"]] == [b"aaa", b"bb"]
    second.release_uploads()
    assert [storages["staging"].exists(t) for t in tokens] == [False, False]


def test_one_of_several_kept_files_can_be_dropped():
    session = _session()
    first = ManyForm(
        QueryDict("title="),
        _files(SimpleUploadedFile("a.txt", b"aaa"), SimpleUploadedFile("b.txt", b"bb")),
        session=session,
    )
    first.is_valid()
    tokens = _tokens(first, "proofs")

    data = QueryDict(mutable=True)
    data["title"] = "Fine"
    data.setlist("proofs-staged", tokens)
    data.setlist("proofs-unstage", [tokens[0]])
    second = ManyForm(data, MultiValueDict(), session=session)

    assert second.is_valid()
    assert [f.name for f in second.cleaned_data["proofs"]] == ["b.txt"]


def test_new_files_replace_the_kept_ones():
    session = _session()
    first = ManyForm(
        QueryDict("title="),
        _files(SimpleUploadedFile("a.txt", b"aaa")),
        session=session,
    )
    first.is_valid()

    data = QueryDict(mutable=True)
    data["title"] = "Fine"
    data.setlist("proofs-staged", _tokens(first, "proofs"))
    second = ManyForm(data, _files(SimpleUploadedFile("c.txt", b"c")), session=session)

    assert second.is_valid()
    assert [f.name for f in second.cleaned_data["proofs"]] == ["c.txt"]


def test_an_error_added_after_validation_keeps_the_upload():
    session = _session()
    form = PaperForm(
        {"title": "Fine"},
        {"paper": SimpleUploadedFile("report.txt", b"hello world")},
        session=session,
    )
    assert form.is_valid()
    assert 'name="paper-staged"' not in str(form)

    form.add_error(None, "The service refused it.")

    token = _staged_token(form)
    assert storages["staging"].open(token).read() == b"hello world"


def test_a_cleaned_value_other_than_the_upload_still_keeps_the_upload():
    class CheckedForm(PaperForm):
        def clean_paper(self):
            return {"checked": self.cleaned_data["paper"].read()}

    form = CheckedForm(
        {"title": ""},
        {"paper": SimpleUploadedFile("report.txt", b"hello")},
        session=_session(),
    )

    assert form.is_valid() is False
    assert storages["staging"].open(_staged_token(form)).read() == b"hello"
