"""The newcomer of issue 9's "Done when": on a fresh data directory, what
``scripts/run`` does (migrate, demo, serve), then every demo role signed in
in Chromium from the table the demo printed, at 390 px and 1280 px.

The server is a real ``ecoc-hub serve`` in a subprocess (its own data
directory, a free port), not the test's live server: what is tried is what a
newcomer gets. The table is read as a person reads it: by its header and the
dashes under it, so longer names or another column width do not break it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.core.test_serve import (
    START_TIMEOUT,
    _env,
    _free_port,
    _kill_all,
    _start,
    _wait_healthy,
)
from tests.e2e.conftest import PageProblems
from tests.e2e.helpers import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@dataclass(frozen=True)
class SignIns:
    login_url: str
    accounts: dict[str, tuple[str, str]]  # role → (e-mail, password)
    totp_secret: str
    recovery_codes: list[str]


def parse_sign_ins(output: str) -> SignIns:
    """The demo's table of sign-ins, from the demo's whole output."""
    lines = output.splitlines()
    intro = next(i for i, line in enumerate(lines) if "Demo sign-ins at" in line)
    login_url = re.search(r"https?://\S+?(?=:?$)", lines[intro].strip())
    assert login_url, lines[intro]
    # The header, then a line of dashes whose runs give the columns.
    rule = next(
        i for i in range(intro, len(lines)) if re.fullmatch(r"-+( +-+)+", lines[i])
    )
    spans = [m.span() for m in re.finditer(r"-+", lines[rule])]
    accounts: dict[str, tuple[str, str]] = {}
    for line in lines[rule + 1 :]:
        if not line.strip():
            break
        starts = [start for start, _ in spans] + [len(line) + 1]
        cells = [line[starts[i] : starts[i + 1]].strip() for i in range(len(spans))]
        role, email, password = cells[0], cells[1], " ".join(cells[2:]).strip()
        if "@" in email and password:
            accounts[role.lower()] = (email, password)
    uri = next(line.strip() for line in lines if line.strip().startswith("otpauth://"))
    secret = parse_qs(urlsplit(uri).query)["secret"][0]
    codes_at = next(i for i, line in enumerate(lines) if "recovery codes" in line)
    codes = lines[codes_at + 1].split()
    return SignIns(login_url.group(0), accounts, secret, codes)


def test_the_table_is_read_whatever_its_column_widths():
    output = """Demo content is loaded.

Demo sign-ins at http://127.0.0.1:8077/accounts/login/:

Role                  E-mail                               Password (this computer only)
--------------------  -----------------------------------  -----------------------------
Visitor               no sign-in needed
Member                demo-member@example.org              demo-0a1a
Team admin of a city  demo-team-admin@example.org          demo-cb59
Curator               demo-curator@example.org             demo-8200

The curator signs in with two-factor authentication. Add this:
otpauth://totp/demo-curator%40example.org?secret=WYWCTJYO2ZIVFODE&issuer=ECoC%20Hub
Or use one of these recovery codes once each:
18850325  64413192
"""
    table = parse_sign_ins(output)
    assert table.login_url == "http://127.0.0.1:8077/accounts/login/"
    assert table.accounts == {
        "member": ("demo-member@example.org", "demo-0a1a"),
        "team admin of a city": ("demo-team-admin@example.org", "demo-cb59"),
        "curator": ("demo-curator@example.org", "demo-8200"),
    }
    assert table.totp_secret == "WYWCTJYO2ZIVFODE"
    assert table.recovery_codes == ["18850325", "64413192"]


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Iterator[tuple[str, SignIns, Path]]:
    """migrate, demo and serve as scripts/run does, on a fresh data directory."""
    root = tmp_path_factory.mktemp("newcomer")
    env = _env(root)
    hub = [sys.executable, "-m", "ecoc_hub"]
    run = {"env": env, "check": True, "timeout": START_TIMEOUT, "text": True}
    subprocess.run([*hub, "migrate", "--no-input"], capture_output=True, **run)  # noqa: S603
    demo = subprocess.run([*hub, "demo"], capture_output=True, **run)  # noqa: S603
    port = _free_port()
    process = _start(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(process, base)
        yield base, parse_sign_ins(demo.stdout), root
    finally:
        _kill_all(process)


def _sign_in(page: Page, email: str, password: str) -> None:
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("form:has([name=password]) [type=submit]").first.click()


def _code(secret: str) -> str:
    totp = pyotp.TOTP(secret)
    if totp.interval - time.time() % totp.interval < 3:
        time.sleep(totp.interval - time.time() % totp.interval + 0.1)
    return totp.now()


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_a_newcomer_signs_in_as_each_demo_role_from_the_printed_table(
    browser: Browser, demo_site, width: int
):
    base, table, root = demo_site
    assert set(table.accounts) == {
        "member, course learner",
        "team admin",
        "curator",
        "call manager (experts)",
        "reviewer (experts)",
        "expert, course trainer",
        "academy camp organiser",
        "academy camp participant",
        "discussion moderator",
        "programme funder",
    }
    problems = PageProblems()

    def first_page(role: str) -> Page:
        context = browser.new_context(
            base_url=base, locale="en-GB", viewport={"width": width, "height": 900}
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        problems.watch(page)
        page.goto("/")
        with page.expect_navigation():
            page.locator(".user-nav").get_by_role("link", name="Log in").click()
        email, password = table.accounts[role]
        _sign_in(page, email, password)
        return page

    # The visitor needs no sign-in.
    visitor = browser.new_page(base_url=base, viewport={"width": width, "height": 900})
    problems.watch(visitor)
    visitor.goto("/")
    assert_accessible(visitor, f"the home page at {width}px")
    visitor.screenshot(path=str(root / f"visitor-{width}.png"))
    visitor.context.close()

    member = "member, course learner"
    for role, team_badge in ((member, "Member"), ("team admin", "Team admin")):
        page = first_page(role)
        expect(page.locator(".messages")).to_contain_text("Welcome,")
        expect(page.locator("main")).to_contain_text(team_badge)
        assert_accessible(page, f"the {role}'s first page at {width}px")
        page.screenshot(path=str(root / f"{role}-{width}.png"))
        page.context.close()

    # The roles of the experts, the Academy and the discussions sign in with
    # their password.
    for role in sorted(set(table.accounts) - {member, "team admin", "curator"}):
        page = first_page(role)
        expect(page.locator(".messages")).to_contain_text("Welcome,")
        assert_accessible(page, f"the {role}'s first page at {width}px")
        page.context.close()

    # The curator types a code from the printed secret at one width, a
    # printed recovery code at the other (a code works only once).
    page = first_page("curator")
    expect(page.locator("input[name=code]")).to_be_visible()
    code = _code(table.totp_secret) if width == 390 else table.recovery_codes[-1]
    page.locator("input[name=code]").fill(code)
    with page.expect_navigation():
        page.locator("form:has([name=code]) [type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("Welcome,")
    expect(page.locator(".staff-menu summary")).to_be_visible()
    assert_accessible(page, f"the curator's first page at {width}px")
    page.screenshot(path=str(root / f"curator-{width}.png"))
    page.context.close()
    assert problems.report() == "", problems.report()
