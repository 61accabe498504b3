"""Fixtures for the browser tests: Debian's Chromium driven by Playwright.

The browser is started once per session; every test gets a fresh context (its
own cookies and storage) and one page, against pytest-django's ``live_server``
running in this process, so ``django.core.mail.outbox`` and the database are
shared with the test.

No browser is ever downloaded: ``CHROMIUM`` (default ``/usr/bin/chromium``)
is the Debian package, passed to Playwright as ``executable_path``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    sync_playwright,
)

from tests.e2e import helpers

E2E_DIR = Path(__file__).resolve().parent

# Without the networking flags Chromium tries to reach Google's hosts at every
# start, and this machine's closed network refuses them many at a time.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Lets the podcast player start without a click, as a person would after one.
    "--autoplay-policy=no-user-gesture-required",
]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]):
    """Refuse a browser test that forgot its marker: `-m "not browser"` would
    otherwise run it with the fast suite, without its database settings."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).parents and not item.get_closest_marker(
            "browser"
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: tests in tests/e2e must carry @pytest.mark.browser"
            )


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    # Playwright's sync API runs an asyncio loop in this thread; Django refuses
    # ORM calls from a thread with a running loop unless told it is intended.
    # Set only while the browser runs, so no other test inherits it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as driver:
            yield driver
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = chromium_path()
    if not Path(executable).exists():
        pytest.fail(
            f"Chromium not found at {executable}: apt-get install chromium, "
            "or set CHROMIUM to its path (browsers are never downloaded)"
        )
    # Playwright gives every launch a new, empty --user-data-dir of its own.
    browser = playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def _new_context(browser: Browser, base_url: str, **options) -> BrowserContext:
    context = browser.new_context(base_url=base_url, locale="en-GB", **options)
    context.set_default_timeout(10_000)
    context.set_default_navigation_timeout(20_000)
    return context


class PageProblems:
    """What the page reported that a person would not see: CSP refusals,
    uncaught JavaScript errors, and scripts, styles, images or media that
    failed to load. Any of them fails the test."""

    def __init__(self) -> None:
        self.csp: list[str] = []
        self.errors: list[str] = []
        self.broken: list[str] = []

    def on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("Refused to"):
            self.csp.append(f"{message.location.get('url', '')}: {text}")

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(str(error))

    def on_response(self, response: Response) -> None:
        # The page itself may be an expected 404 or 403; what it loads may not.
        request = response.request
        if request.resource_type != "document" and response.status >= 400:
            self.broken.append(f"HTTP {response.status} for {request.url}")

    def watch(self, page: Page) -> None:
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)
        page.on("response", self.on_response)

    def report(self) -> str:
        lines = [f"CSP violation: {line}" for line in self.csp]
        lines += [f"JavaScript error: {line}" for line in self.errors]
        lines += [f"Broken sub-resource: {line}" for line in self.broken]
        return "\n".join(lines)


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def context(
    browser: Browser, live_server, page_problems: PageProblems
) -> Iterator[BrowserContext]:
    context = _new_context(browser, live_server.url, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, page_problems: PageProblems) -> Iterator[Page]:
    page = context.new_page()
    page_problems.watch(page)
    yield page
    assert page_problems.report() == "", page_problems.report()


@pytest.fixture
def new_page(browser: Browser, live_server, page_problems: PageProblems):
    """Open more pages in contexts of their own (a second person, dark mode)."""
    contexts: list[BrowserContext] = []

    def open_page(**options) -> Page:
        context = _new_context(browser, live_server.url, **options)
        contexts.append(context)
        extra = context.new_page()
        page_problems.watch(extra)
        return extra

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def server_requests() -> Iterator[list[dict[str, str]]]:
    """Every request the live server received during the test, as the server
    saw it: path and Fetch Metadata headers. Playwright hides some requests
    from its network events (any request for /favicon.ico, for one), so what
    the browser fetched on its own is checked here."""
    from django.core.signals import request_started

    seen: list[dict[str, str]] = []

    def record(sender, environ, **kwargs) -> None:
        seen.append(
            {
                "path": environ.get("PATH_INFO", ""),
                "dest": environ.get("HTTP_SEC_FETCH_DEST", ""),
                "mode": environ.get("HTTP_SEC_FETCH_MODE", ""),
            }
        )

    request_started.connect(record, weak=False)
    yield seen
    request_started.disconnect(record)


@pytest.fixture
def mailbox():
    """The mail sent so far in this test (tasks run at once in tests)."""
    from django.core import mail

    mail.outbox.clear()
    return helpers.Mailbox()


@pytest.fixture
def login_as(context: BrowserContext, live_server):
    """Sign a user in by giving the browser a real session cookie."""

    def login(user) -> None:
        helpers.add_session_cookie(context, live_server.url, user)

    return login
