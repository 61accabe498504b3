"""A reply's attachments survive an empty message: both files are listed as
"Already uploaded", one can be dropped, the next post attaches the other;
at a phone's width and a desktop's, axe-clean, no raw text."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from ecoc_hub.community.models import Post
from ecoc_hub.library import samples
from tests.community.conftest import make_space, make_thread
from tests.e2e.helpers import add_session_cookie, check_page
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_an_empty_reply_keeps_its_files(page: Page, live_server, width):
    member = UserFactory(display_name="Mia Member")
    thread = make_thread(make_space(), author=member)
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, member)

    page.goto(thread.get_absolute_url())
    page.get_by_label("Attach files (optional)").set_input_files(
        files=[
            {
                "name": "camp-agenda.pdf",
                "mimeType": "application/pdf",
                "buffer": samples.build_pdf(["The agenda."], title="Agenda"),
            },
            {"name": "harbour.png", "mimeType": "image/png", "buffer": _png()},
        ]
    )
    page.get_by_role("button", name="Post the reply").click()
    page.wait_for_load_state()

    kept = page.locator(".staged-file li")
    expect(kept).to_have_count(2)
    expect(kept.nth(0)).to_contain_text("Already uploaded: camp-agenda.pdf,")
    expect(kept.nth(1)).to_contain_text("Already uploaded: harbour.png,")
    check_page(page, "reply with an error and two kept files")
    if shots := os.environ.get("STAGED_SCREENSHOTS"):
        page.locator("form[enctype]").last.screenshot(path=f"{shots}/reply-{width}.png")

    page.get_by_label("Do not use harbour.png").check()
    page.get_by_label("Your message").fill("The agenda of the camp.")
    page.get_by_role("button", name="Post the reply").click()
    page.wait_for_load_state()

    post = Post.objects.get(body="The agenda of the camp.")
    assert [a.file_name for a in post.attachments.all()] == ["camp-agenda.pdf"]
