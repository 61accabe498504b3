"""A learner of a cohort course sees its live sessions (events webinars) with
a call to register, in the zone they choose, and a module that opens later,
locked with its date, on the course page and beside a lesson (issue 14), at a
phone's width and a desktop's; every page passes axe and has no raw text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ecoc_hub.courses import cohort, services
from ecoc_hub.events.models import Event
from tests.courses.conftest import add_module, make_course
from tests.e2e.helpers import add_session_cookie, check_page
from tests.events.conftest import make_event, make_session
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def seen(page: Page, where: str) -> None:
    """axe, no sideways scrolling, dark-mode contrast."""
    page.wait_for_load_state()
    check_page(page, where)


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_cohort_learner_sees_live_sessions_and_a_module_opening_later(
    page, live_server, width
):
    today = timezone.localdate()
    learner = UserFactory(display_name="Ana Ionescu")
    course = make_course(
        title="Digital cohort",
        slug="digital-cohort",
        mode="cohort",
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=60),
    )
    later = add_module(course, title="Hybrid programming", lessons=1)
    services.update_module(module=later, title=later.title, opens_after_days=20)
    webinar = make_event(
        kind=Event.Kind.WEBINAR,
        title="Webinar: data in practice",
        registration_mode=Event.RegistrationMode.OPEN,
        starts_at=datetime(2099, 3, 27, 9, 0, tzinfo=UTC),
        ends_at=datetime(2099, 3, 27, 10, 30, tzinfo=UTC),
    )
    make_session(
        webinar,
        title="Part one",
        starts_at=datetime(2099, 3, 27, 9, 0, tzinfo=UTC),
        ends_at=datetime(2099, 3, 27, 10, 30, tzinfo=UTC),
    )
    cohort.link_webinar(course=course, event=webinar)
    services.enrol(course=course, learner=learner)
    page.set_viewport_size({"width": width, "height": 900})
    add_session_cookie(page.context, live_server.url, learner)

    page.goto(f"{live_server.url}/learn/digital-cohort/")
    live = page.locator(".live-sessions")
    expect(live).to_contain_text("Webinar: data in practice")
    expect(live).to_contain_text("Register for this webinar")
    expect(page.locator(".module-dates")).to_contain_text("Locked")
    opens = (today + timedelta(days=18)).strftime("%Y")
    expect(page.locator(".module-dates")).to_contain_text(opens)
    expect(page.get_by_role("link", name="Hybrid programming 1")).to_have_count(0)
    seen(page, "cohort course page")

    page.get_by_label("Also show times in").select_option("America/New_York")
    page.get_by_role("button", name="Show").click()
    expect(live).to_contain_text("in America/New_York")
    seen(page, "course page in the reader's zone")

    page.get_by_role("link", name="Start the course").click()
    outline = page.locator(".lesson-outline")
    expect(outline).to_contain_text("Webinar: data in practice")
    expect(outline).to_contain_text("in America/New_York")
    expect(outline.locator(".badge-locked")).to_have_count(1)
    seen(page, "lesson with its outline")

    page.goto(f"{live_server.url}{later.lessons.get().get_absolute_url()}")
    expect(page.locator(".notice")).to_contain_text("opens to the cohort on")
    seen(page, "locked lesson")
