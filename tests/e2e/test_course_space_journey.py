"""Issue 15's course discussion: a learner follows "Discussion for learners"
from the course page into the course's space, starts a thread whose text
links the course's event as a card and attaches a PDF, and downloads it;
at a phone's width and a desktop's, every page axe-clean and free of raw
values."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ecoc_hub.community.models import Attachment
from ecoc_hub.courses.models import Enrolment
from ecoc_hub.library import samples
from tests.courses.conftest import make_course
from tests.e2e.helpers import add_session_cookie, assert_no_raw_text, check_page
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def seen(page: Page, where: str) -> None:
    page.wait_for_load_state()
    check_page(page, where)
    assert_no_raw_text(page, where)


def click(page: Page, name: str, *, role: str = "link") -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role(role, name=name, exact=True).first.click()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "size", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
)
def test_a_learner_posts_a_card_and_a_file_in_the_course_space(
    page: Page, live_server, size, settings, tmp_path: Path
):
    settings.ECOC_HUB_COMMUNITY_HOLD_FIRST_POSTS = False
    course = make_course(title="Evaluation basics", slug="evaluation-basics")
    camp = make_event(
        title="Academy Camp on evaluation",
        slug="camp-evaluation",
        summary="Three days on evaluation plans.",
    )
    learner = UserFactory(display_name="Lea Learner")
    Enrolment.objects.create(course=course, learner=learner, state="active")
    agenda = tmp_path / "agenda.pdf"
    agenda.write_bytes(samples.build_pdf(["The agenda."], title="Agenda"))

    page.set_viewport_size(size)
    add_session_cookie(page.context, live_server.url, learner)
    page.goto(course.get_absolute_url())
    click(page, "Discussion for learners")
    seen(page, "course space")
    expect(page.locator("h1")).to_have_text("Evaluation basics")
    click(page, "Start a thread")
    seen(page, "new thread in the course space")
    page.get_by_label("Title").fill("Our evaluation plan")
    page.get_by_label("Your message").fill(
        f"We will discuss it at the camp:\n\n{camp.get_absolute_url()}"
    )
    page.get_by_label("Attach files (optional)").set_input_files(str(agenda))
    click(page, "Post the thread", role="button")
    seen(page, "thread with a card and a file")

    card = page.locator(".link-card")
    expect(card).to_contain_text("Academy Camp on evaluation")
    expect(card).to_contain_text("Academy Camp")
    expect(card).to_contain_text("Three days on evaluation plans.")
    attachment = Attachment.objects.get()
    link = page.get_by_role("link", name="agenda.pdf")
    expect(link).to_have_attribute("href", attachment.get_absolute_url())
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "agenda.pdf"
