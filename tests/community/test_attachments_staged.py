"""Attachments survive a failed validation: each file that passed its checks
is staged, the page lists them, the next submission takes them along; one
of them can be dropped."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecoc_hub.community.models import Post, Thread
from tests.community.conftest import make_space, make_thread
from tests.staging import already_uploaded, staged_tokens, still_staged

from .test_attachments import pdf, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(member):
    return make_thread(make_space(), author=member)


def test_a_reply_keeps_its_files_when_the_message_is_empty(member_client, thread):
    url = reverse("community:reply", args=[thread.pk])

    first = member_client.post(url, {"body": " ", "attachments": [pdf(), png()]})

    assert first.status_code == 400
    lines = already_uploaded(first)
    assert [line.split(",")[0] for line in lines] == [
        "Already uploaded: agenda.pdf",
        "Already uploaded: photo.png",
    ]
    tokens = staged_tokens(first, "attachments")
    assert len(tokens) == 2

    second = member_client.post(
        url, {"body": "Here they are.", "attachments-staged": tokens}
    )

    assert second.status_code == 302
    post = Post.objects.get(body="Here they are.")
    assert [a.file_name for a in post.attachments.order_by("pk")] == [
        "agenda.pdf",
        "photo.png",
    ]
    assert still_staged(tokens) == [False, False]


def test_one_kept_file_can_be_dropped(member_client, thread):
    url = reverse("community:reply", args=[thread.pk])
    first = member_client.post(url, {"body": "", "attachments": [pdf(), png()]})
    tokens = staged_tokens(first, "attachments")

    member_client.post(
        url,
        {
            "body": "Only the agenda.",
            "attachments-staged": tokens,
            "attachments-unstage": [tokens[1]],
        },
    )

    post = Post.objects.get(body="Only the agenda.")
    assert [a.file_name for a in post.attachments.all()] == ["agenda.pdf"]


def test_a_refused_file_is_reported_and_none_is_kept(member_client, thread):
    url = reverse("community:reply", args=[thread.pk])
    liar = SimpleUploadedFile("liar.pdf", b"<html>not a pdf</html>")

    response = member_client.post(url, {"body": "", "attachments": [pdf(), liar]})

    assert response.context["form"].errors["attachments"]
    assert staged_tokens(response, "attachments") == []


def test_a_new_thread_keeps_its_files_when_the_title_is_missing(member_client, member):
    space = make_space()
    url = reverse("community:thread_create", args=[space.slug])
    data = {"kind": "discussion", "language": "en", "body": "Files for the camp."}

    first = member_client.post(url, {**data, "title": "", "attachments": [pdf()]})

    assert first.status_code == 200
    tokens = staged_tokens(first, "attachments")
    assert len(tokens) == 1

    second = member_client.post(
        url, {**data, "title": "The camp", "attachments-staged": tokens}
    )

    assert second.status_code == 302
    thread = Thread.objects.get(title="The camp")
    assert [a.file_name for a in thread.posts.get().attachments.all()] == ["agenda.pdf"]
