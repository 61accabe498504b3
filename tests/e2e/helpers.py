"""Helpers for the browser tests: axe audits, layout checks, mail, TOTP."""

from __future__ import annotations

import re
import time
from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

AXE_PATH = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROW_WIDTH = 320


@cache
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def _load_axe(page: Page) -> None:
    # page.evaluate goes through the DevTools protocol, which the page's CSP
    # does not govern, so axe runs on the page exactly as it is served: no
    # bypass_csp context that could hide a real violation.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())


def run_axe(page: Page, *, rules: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the current page and return its violations."""
    _load_axe(page)
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    else:
        options["runOnly"] = {"type": "tag", "values": WCAG_TAGS}
    result = page.evaluate(
        "async (options) => { const r = await axe.run(document, options);"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))"
        "})); }",
        options,
    )
    return list(result)


def format_violations(violations: list[dict[str, Any]], where: str) -> str:
    lines = [f"axe found {len(violations)} violation(s) on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join((node.get("summary") or "").split())
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page, where: str = "") -> None:
    violations = run_axe(page)
    where = where or page.url
    assert violations == [], format_violations(violations, where)
    assert_no_raw_text(page, where)


# --- text a person reads: no reprs, raw values or untranslated strings ----------

# Every text node and readable attribute a person meets (screen-reader-only
# text included), with the language it is marked up in. Code samples are
# exempt; so is text in another language than the page's (a resource's own
# title, a language's name in the language menu), which carries its own lang.
_READABLE_TEXT = r"""() => {
  const exempt = "code, pre, kbd, samp, script, style, noscript, textarea, template";
  const pageLang = (document.documentElement.lang || "").split("-")[0];
  const langOf = (el) => {
    const marked = el.closest("[lang]");
    return marked ? marked.lang.split("-")[0] : pageLang;
  };
  const shown = (el) => el.checkVisibility({visibilityProperty: true});
  const clean = (text) => text.replace(/\s+/g, " ").trim();
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = clean(node.textContent);
    if (text && el && !el.closest(exempt) && shown(el)) out.push([text, langOf(el)]);
  }
  const named = "[aria-label], img[alt], [placeholder], [title]";
  for (const el of document.body.querySelectorAll(named)) {
    if (el.closest(exempt) || !shown(el)) continue;
    for (const name of ["aria-label", "alt", "placeholder", "title"]) {
      const value = clean(el.getAttribute(name) || "");
      if (value) out.push([value, langOf(el)]);
    }
  }
  for (const option of document.body.querySelectorAll("select option")) {
    const text = clean(option.textContent);
    if (text && shown(option.closest("select"))) out.push([text, langOf(option)]);
  }
  return {lang: pageLang, texts: out, title: clean(document.title)};
}"""

_REPRS = [
    re.compile(r"\{'"),
    re.compile(r"\[<"),
    re.compile(r"<QuerySet"),
    re.compile(r"<[A-Z]\w+: "),  # a model instance's repr
    # None as a value: alone, or after a label, or in a list.
    re.compile(r"(?:^|[:=(\[,]\s*)None(?:\s*[,)\]}]|$)"),
]
_SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
_PUNCTUATION = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb()[]{},;:!?\u2026"


def _raw_values(text: str) -> list[str]:
    """snake_case words: choice values or field names shown as they are."""
    found = []
    for token in text.split():
        # Addresses, paths, file names and parameters may hold underscores.
        if any(mark in token for mark in ("@", "/", ".", "=", "#")):
            continue
        word = token.strip(_PUNCTUATION)
        if _SNAKE_CASE.match(word):
            found.append(word)
    return found


@cache
def translated_msgids(language: str) -> frozenset[str]:
    """English strings of the project's catalogues that ``language`` translates
    differently: seeing one of them on a page in that language means a string
    was not translated (or not marked for translation).

    A string that is also one of the language's own translations is left out:
    French "Session" translates "Round" in one catalogue while another turns
    the English "Session" into "Séance", and the page cannot tell them apart."""
    import gettext

    root = Path(__file__).resolve().parents[2] / "src" / "ecoc_hub"
    found: set[str] = set()
    translations: set[str] = set()
    for mo in root.glob(f"*/locale/{language}/LC_MESSAGES/django.mo"):
        with mo.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for msgid, msgstr in catalogue.items():
            translations.add(" ".join(str(msgstr).split()))
            if (
                isinstance(msgid, str)
                and msgid
                and "\x04" not in msgid
                and "%" not in msgid
                and msgstr.strip() != msgid.strip()
            ):
                found.add(" ".join(msgid.split()))
    return frozenset(found - translations)


def raw_text_problems(page: Page) -> list[str]:
    data = page.evaluate(_READABLE_TEXT)
    language = data["lang"]
    untranslated = translated_msgids(language) if language in {"fr", "de"} else set()
    problems: list[str] = []
    texts = [*data["texts"], [data["title"], language]]
    for text, lang in texts:
        problems += [f"Python repr: {text!r}" for p in _REPRS if p.search(text)]
        problems += [f"raw value {word!r} in {text!r}" for word in _raw_values(text)]
        if lang == language and text in untranslated:
            problems.append(f"untranslated on a {language} page: {text!r}")
    return list(dict.fromkeys(problems))


def assert_no_raw_text(page: Page, where: str = "") -> None:
    """No visible text is a Python repr, a raw choice value or, on a French or
    German page, an English string the catalogues translate."""
    problems = raw_text_problems(page)
    where = where or page.url
    assert problems == [], f"text on {where} a person should not read:\n" + "\n".join(
        f"- {problem}" for problem in problems
    )


def assert_dark_mode_contrast(page: Page, where: str = "") -> None:
    page.emulate_media(color_scheme="dark")
    try:
        violations = run_axe(page, rules=["color-contrast"])
    finally:
        page.emulate_media(color_scheme="light")
    where = f"{where or page.url} in dark mode"
    assert violations == [], format_violations(violations, where)


def assert_no_horizontal_scroll(page: Page, where: str = "") -> None:
    size = page.viewport_size or {"width": 1280, "height": 800}
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 640})
    try:
        # What sticks out, so a failure names the culprit.
        widths = page.evaluate(
            """(limit) => {
              const wide = [];
              const clipped = (el) => {
                for (let p = el.parentElement; p; p = p.parentElement) {
                  if (getComputedStyle(p).overflowX !== 'visible') return true;
                }
                return false;
              };
              // An absolutely positioned element escapes a scrolling parent
              // that is not its containing block, so it is always listed.
              const escapes = (el) => getComputedStyle(el).position === 'absolute';
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > limit + 1 && r.width > 0
                    && (!clipped(el) || escapes(el))) {
                  const id = el.id ? '#' + el.id : '';
                  const cls = el.className && typeof el.className === 'string'
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                  wide.push(el.tagName.toLowerCase() + id + cls
                            + ' (right edge ' + Math.round(r.right) + 'px)');
                }
              }
              return {scroll: document.documentElement.scrollWidth,
                      wide: wide.slice(0, 8)};
            }""",
            NARROW_WIDTH,
        )
    finally:
        page.set_viewport_size(size)
    where = where or page.url
    assert widths["scroll"] <= NARROW_WIDTH, (
        f"{where} scrolls sideways at {NARROW_WIDTH}px: scrollWidth is "
        f"{widths['scroll']}px; elements past the edge: {widths['wide']}"
    )


def check_page(page: Page, where: str = "") -> None:
    """The three checks every page type passes: axe (WCAG 2.1 A and AA), no
    sideways scrolling at 320 px, and colour contrast in dark mode."""
    assert_accessible(page, where)
    assert_no_horizontal_scroll(page, where)
    assert_dark_mode_contrast(page, where)


# --- accounts -----------------------------------------------------------------


def add_session_cookie(context: BrowserContext, base_url: str, user: Any) -> None:
    """Log ``user`` in for this browser context with a real session."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


# What a desktop browser fetches for a tab's icon: every icon the page links,
# and /favicon.ico whatever it links. Headless Chromium fetches none, so the
# page loads them the way the browser would (an image request, no-cors).
_LOAD_ICONS = """async () => {
  const links = "link[rel~=icon], link[rel=apple-touch-icon]";
  const hrefs = [...document.querySelectorAll(links)].map((link) => link.href);
  hrefs.push(new URL("/favicon.ico", location.href).href);
  return Promise.all(hrefs.map((href) => new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve([new URL(href).pathname, image.naturalWidth]);
    image.onerror = () => resolve([new URL(href).pathname, 0]);
    image.src = href;
  })));
}"""


def load_icons(page: Page) -> dict[str, int]:
    """Load the page's icons as the browser does for its tab: path → width
    (0 when the icon failed to load as an image). The browser's cache is
    emptied first, so every icon is really asked of the server."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Network.clearBrowserCache")
    finally:
        cdp.detach()
    return dict(page.evaluate(_LOAD_ICONS))


def totp_code(secret: str) -> str:
    """The RFC 6238 code for now, by allauth's own HOTP function. A code about
    to expire is not returned: the next period is waited for, so the code is
    still valid when the server checks it (allauth allows no clock skew)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 3:
        time.sleep(period - time.time() % period + 0.1)
    counter = int(time.time()) // period
    return format_hotp_value(hotp_value(secret, counter))


class Mailbox:
    """A view of django.core.mail.outbox for the browser tests."""

    @property
    def messages(self) -> list[Any]:
        from django.core import mail

        return list(mail.outbox)

    def to(self, address: str) -> list[Any]:
        return [m for m in self.messages if address in m.to]

    def links(self, address: str, path_contains: str = "") -> list[str]:
        found: list[str] = []
        for message in self.to(address):
            for url in re.findall(r"https?://[^\s\"'<>]+", message.body):
                if path_contains in url and url not in found:
                    found.append(url)
        return found


def local_path(url: str) -> str:
    """The path and query of a link in a mail, to open on the live server
    (mails link to SITE_URL, which is not the test server's address)."""
    match = re.match(r"https?://[^/]+(/.*)$", url)
    assert match, url
    return match.group(1)
