"""Files attached to posts: checked like the library's uploads, served only
to the post's readers as downloads, erased with the post's text, exported."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from ecoc_hub.accounts.privacy import ContributionChoice, personal_files
from ecoc_hub.community import services
from ecoc_hub.community.attachments import MAX_ATTACHMENTS
from ecoc_hub.community.models import Attachment, Post
from ecoc_hub.community.privacy import erase_community_data, export_community_data
from ecoc_hub.library import samples
from ecoc_hub.library.models import Blob
from tests.community.conftest import make_space, make_thread
from tests.courses.conftest import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def pdf(name: str = "agenda.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, samples.build_pdf(["The agenda of the camp."], title="Agenda")
    )


def png(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


def stored_files() -> list[str]:
    from ecoc_hub.core import storedfiles

    try:
        return sorted(storedfiles.walk(default_storage, "blobs"))
    except FileNotFoundError:
        return []


@pytest.fixture
def thread(member):
    return make_thread(make_space(), author=member)


def reply_with(client, thread, *files, body="See the files."):
    return client.post(
        reverse("community:reply", args=[thread.pk]),
        {"body": body, "attachments": list(files)},
    )


def test_a_reply_carries_checked_files_served_as_downloads(member_client, thread):
    response = reply_with(member_client, thread, pdf(), png())

    post = Post.objects.exclude(pk=thread.posts.first().pk).get()
    assert response.status_code == 302
    files = list(post.attachments.order_by("pk"))
    assert [(a.file_name, a.kind) for a in files] == [
        ("agenda.pdf", "pdf"),
        ("photo.png", "png"),
    ]
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert files[0].get_absolute_url() in page
    download = member_client.get(files[0].get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="agenda.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"


def test_a_file_whose_content_lies_is_refused_and_nothing_is_saved(
    member_client, thread
):
    fake = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script>")

    response = reply_with(member_client, thread, pdf(), fake)

    assert response.status_code == 400
    assert "“report.pdf”" in response.content.decode()
    assert Post.objects.count() == 1
    assert (Attachment.objects.count(), Blob.objects.count()) == (0, 0)
    assert stored_files() == []


def test_types_beyond_documents_images_and_text_are_refused(member_client, thread):
    response = reply_with(
        member_client, thread, SimpleUploadedFile("page.html", b"<p>Hello</p>")
    )

    assert response.status_code == 400
    assert "files of this type cannot be attached" in response.content.decode()
    assert Post.objects.count() == 1


def test_at_most_the_limit_of_files(member_client, thread):
    files = [png(f"p{n}.png") for n in range(MAX_ATTACHMENTS + 1)]

    response = reply_with(member_client, thread, *files)

    assert response.status_code == 400
    assert f"Attach at most {MAX_ATTACHMENTS} files." in response.content.decode()
    assert Attachment.objects.count() == 0


def test_a_failed_save_leaves_no_file_behind(member, thread, monkeypatch):
    from ecoc_hub.community import services as community_services
    from ecoc_hub.library.files import stage_upload

    def broken(*args, **kwargs):
        raise RuntimeError("the index is down")

    monkeypatch.setattr(community_services, "index_thread", broken)
    staged = stage_upload(source=pdf(), filename="agenda.pdf")

    with pytest.raises(RuntimeError):
        services.reply(thread=thread, author=member, body="x", attachments=[staged])

    assert (Post.objects.count(), Blob.objects.count()) == (1, 0)
    assert stored_files() == []


def test_only_readers_of_the_space_download(member_client, member):
    course = make_course(title="Evaluation", slug="evaluation")
    course.trainers.add(member)
    space = services.course_space(course=course)
    thread = make_thread(space, author=member)
    reply_with(member_client, thread, pdf())
    url = Attachment.objects.get().get_absolute_url()

    client = Client()
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    assert member_client.get(url).status_code == 200


def test_a_hidden_posts_files_are_for_its_author_and_moderators(
    member_client, member, thread
):
    reply_with(member_client, thread, pdf())
    attachment = Attachment.objects.get()
    Post.objects.filter(pk=attachment.post_id).update(state="hidden")

    client = Client()
    client.force_login(UserFactory())
    assert client.get(attachment.get_absolute_url()).status_code == 403
    assert member_client.get(attachment.get_absolute_url()).status_code == 200


def test_export_lists_the_files_and_erasure_deletes_them(
    member_client, member, thread, django_capture_on_commit_callbacks
):
    reply_with(member_client, thread, pdf())
    attachment = Attachment.objects.get()

    exported = export_community_data(member)
    files = [f for f in personal_files(member) if f.path.startswith("community/")]

    posted = [p for p in exported["posts"] if p["attachments"]]
    assert [a["file_name"] for a in posted[0]["attachments"]] == ["agenda.pdf"]
    assert [f.storage_name for f in files] == [attachment.blob.storage_name]
    json.dumps(exported)

    with django_capture_on_commit_callbacks(execute=True):
        erase_community_data(member, contributions=ContributionChoice.REMOVE)

    assert (Attachment.objects.count(), Blob.objects.count()) == (0, 0)
    assert stored_files() == []


def test_deleting_the_course_deletes_its_spaces_files(
    member_client, member, django_capture_on_commit_callbacks
):
    course = make_course(title="Evaluation", slug="evaluation")
    course.trainers.add(member)
    thread = make_thread(services.course_space(course=course), author=member)
    reply_with(member_client, thread, pdf())
    assert stored_files() != []

    with django_capture_on_commit_callbacks(execute=True):
        course.delete()

    assert (Attachment.objects.count(), Blob.objects.count()) == (0, 0)
    assert stored_files() == []


def test_a_file_also_deposited_in_the_library_stays(
    member_client, member, thread, curator, django_capture_on_commit_callbacks
):
    from tests.library.conftest import make_resource

    reply_with(member_client, thread, pdf())
    blob = Attachment.objects.get().blob
    resource = make_resource(owner=member, curator=curator)
    from ecoc_hub.library.models import ResourceFile

    ResourceFile.objects.filter(resource=resource).update(blob=blob)

    with django_capture_on_commit_callbacks(execute=True):
        erase_community_data(member, contributions=ContributionChoice.REMOVE)

    assert Attachment.objects.count() == 0
    assert Blob.objects.filter(pk=blob.pk).exists()
    assert default_storage.exists(blob.storage_name)
