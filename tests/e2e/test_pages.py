"""Every page type, audited in Chromium: axe-core finds no WCAG 2.1 A/AA
violation, nothing scrolls sideways at 320 px, and the colours keep their
contrast in dark mode. Each page loads under the site's own strict CSP, and
the ``page`` fixture fails the test on any CSP refusal or JavaScript error.

To add a page type, add one entry to ``PAGE_TYPES``: a function that makes
the data the page needs, signs the browser in if it must (``s.login_as``),
and returns the URL; plus the HTTP status expected and, for pages that draw
with JavaScript, a selector that is there once the page is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.e2e import data
from tests.e2e.helpers import assert_no_raw_text, check_page
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass
class Setup:
    login_as: Callable


@dataclass(frozen=True)
class PageType:
    build: Callable[[Setup], str]
    status: int = 200
    ready: str = ""  # a selector to wait for before the audit


def _title(year: int = 2026, city: str = "Oulu"):
    from ecoc_hub.cities.models import Title

    return Title.objects.select_related("city").get(year=year, city__name=city)


def _team(**extra):
    return OrganisationFactory(
        name="Oulu2026 delivery team", slug="oulu2026", title=_title(), **extra
    )


def _signed_in_member(s: Setup, **extra):
    user = data.member(**extra)
    s.login_as(user)
    return user


def _signed_in_curator(s: Setup):
    user = data.curator()
    s.login_as(user)
    return user


# --- core and cities -------------------------------------------------------------


def city_page(s: Setup) -> str:
    _team()
    return _title().city.get_absolute_url()


def title_page(s: Setup) -> str:
    _team()
    return _title().get_absolute_url()


def capacity_area_page(s: Setup) -> str:
    from ecoc_hub.cities.models import CapacityArea

    return CapacityArea.objects.order_by("position").first().get_absolute_url()


# --- accounts --------------------------------------------------------------------


def profile_page(s: Setup) -> str:
    user = _signed_in_member(s, bio="Producer of the Oulu2026 programme.")
    MembershipFactory(user=user, organisation=_team())
    return user.get_absolute_url()


def team_list(s: Setup) -> str:
    _team()
    return reverse("accounts:team_list")


def team_page_as_team_admin(s: Setup) -> str:
    user = _signed_in_member(s)
    team = _team()
    MembershipFactory(user=user, organisation=team, role="admin")
    MembershipFactory(organisation=team, user=UserFactory(display_name="Pekka P."))
    from ecoc_hub.accounts import services

    services.invite_to_team(
        organisation=team,
        email="newcomer@example.org",
        role="member",
        invited_by=user,
        language="en",
    )
    return reverse("accounts:team", args=[team.slug])


def invitation_page(s: Setup) -> str:
    from ecoc_hub.accounts import services

    team = _team()
    invitation = services.invite_to_team(
        organisation=team,
        email="newcomer@example.org",
        role="member",
        invited_by=data.member("tia@example.org"),
        language="en",
    )
    return reverse("accounts:invitation", args=[invitation.token])


def signed_in(path_name: str, *args) -> Callable[[Setup], str]:
    def build(s: Setup) -> str:
        _signed_in_member(s)
        return reverse(path_name, args=args)

    return build


def curator_at(path_name: str, *args) -> Callable[[Setup], str]:
    def build(s: Setup) -> str:
        _signed_in_curator(s)
        return reverse(path_name, args=args)

    return build


def withdraw_form(s: Setup) -> str:
    item = data.resource(owner=data.member("ada@example.org"))
    _signed_in_curator(s)
    return reverse("library:withdraw", args=[item.uuid])


def forbidden_page(s: Setup) -> str:
    _signed_in_member(s)
    return reverse("library:moderation")


# --- library ---------------------------------------------------------------------


def library_results(s: Setup) -> str:
    data.resource(owner=data.member("ada@example.org"))
    return reverse("library:list") + "?q=volunteers"


def resource_page(s: Setup) -> str:
    return data.resource(owner=data.member("ada@example.org")).get_absolute_url()


def pdf_viewer(s: Setup) -> str:
    item = data.resource(owner=data.member("ada@example.org"))
    file = item.files.get()
    return reverse("library:viewer", args=[file.uuid]) + "#page=2"


def tombstone_page(s: Setup) -> str:
    from ecoc_hub.library import services

    cora = data.curator()
    item = data.resource(owner=data.member("ada@example.org"), curator_user=cora)
    services.withdraw(
        resource=item, curator=cora, reason="Replaced by the final report."
    )
    return item.get_absolute_url()


def report_form(s: Setup) -> str:
    item = data.resource(owner=data.member("ada@example.org"))
    return reverse("library:report", args=[item.uuid])


def deposit_step(step: str) -> Callable[[Setup], str]:
    def build(s: Setup) -> str:
        user = _signed_in_member(s)
        item = data.resource(owner=user, state="draft")
        return reverse(f"library:deposit_{step}", args=[item.uuid])

    return build


def my_contributions(s: Setup) -> str:
    user = _signed_in_member(s)
    data.resource(owner=user, state="submitted")
    return reverse("library:mine")


def moderation_queue(s: Setup) -> str:
    data.resource(owner=data.member("ada@example.org"), state="submitted")
    _signed_in_curator(s)
    return reverse("library:moderation")


def moderate_page(s: Setup) -> str:
    item = data.resource(owner=data.member("ada@example.org"), state="submitted")
    _signed_in_curator(s)
    return reverse("library:moderate", args=[item.uuid])


def report_list(s: Setup) -> str:
    from ecoc_hub.library import services

    item = data.resource(owner=data.member("ada@example.org"))
    services.report_resource(
        resource=item, reporter=None, reason="other", message="The link is broken."
    )
    _signed_in_curator(s)
    return reverse("library:reports")


def collection_page(s: Setup) -> str:
    from ecoc_hub.library import services

    cora = data.curator()
    item = data.resource(owner=data.member("ada@example.org"), curator_user=cora)
    collection = services.save_collection(
        curator=cora,
        title="Volunteering toolkit",
        introduction="Where to start with a volunteer programme.",
        resources=[item],
    )
    return collection.get_absolute_url()


# --- podcasts and search ---------------------------------------------------------


def podcast_show(s: Setup) -> str:
    return data.episode().show.get_absolute_url()


def episode_page(s: Setup) -> str:
    return data.episode().get_absolute_url()


def podcast_manage(s: Setup) -> str:
    data.episode()
    _signed_in_curator(s)
    return reverse("podcasts:manage")


def episode_form(s: Setup) -> str:
    episode = data.episode()
    _signed_in_curator(s)
    return reverse("podcasts:episode_edit", args=[episode.show.pk, episode.pk])


def search_results(s: Setup) -> str:
    data.resource(owner=data.member("ada@example.org"))
    data.episode()
    return reverse("search:list") + "?q=volunteers"


def static(url_name: str, *args) -> Callable[[Setup], str]:
    return lambda s: reverse(url_name, args=args)


PAGE_TYPES: dict[str, PageType] = {
    # core and cities
    "home": PageType(lambda s: "/"),
    "accessibility statement": PageType(static("accessibility")),
    "privacy notice": PageType(static("privacy")),
    "404 page": PageType(lambda s: "/no-such-page/", status=404),
    "403 page": PageType(forbidden_page, status=403),
    "directory list": PageType(static("cities:list")),
    "directory filtered": PageType(
        lambda s: reverse("cities:list") + "?decade=2020&country=FI&q=ou"
    ),
    "city page": PageType(city_page),
    "title page": PageType(title_page),
    "criteria page": PageType(static("cities:criteria")),
    "capacity area page": PageType(capacity_area_page),
    # accounts
    "login": PageType(static("account_login")),
    "signup": PageType(static("account_signup")),
    "password reset": PageType(static("account_reset_password")),
    "dashboard": PageType(signed_in("accounts:dashboard")),
    "profile": PageType(profile_page),
    "profile edit": PageType(signed_in("accounts:profile_edit")),
    "team list": PageType(team_list),
    "team page (team admin)": PageType(team_page_as_team_admin),
    "invitation": PageType(invitation_page),
    "privacy settings": PageType(signed_in("accounts:privacy")),
    "e-mail addresses": PageType(signed_in("account_email")),
    "password change": PageType(signed_in("account_change_password")),
    "sessions": PageType(signed_in("usersessions_list")),
    "log out confirmation": PageType(signed_in("account_logout")),
    "two-factor overview (curator)": PageType(curator_at("mfa_index")),
    "team creation (curator)": PageType(curator_at("accounts:team_create")),
    "delete account": PageType(signed_in("accounts:delete_account")),
    # library
    "library home": PageType(static("library:list")),
    "library search results": PageType(library_results),
    "resource page": PageType(resource_page),
    "PDF viewer": PageType(pdf_viewer, ready="#pdf-canvas[data-page='2']"),
    "tombstone": PageType(tombstone_page, status=410),
    "report form": PageType(report_form),
    "deposit step 1 (new)": PageType(signed_in("library:deposit")),
    "deposit step 1 (description)": PageType(deposit_step("metadata")),
    "deposit step 2 (files)": PageType(deposit_step("files")),
    "deposit step 3 (access)": PageType(deposit_step("access")),
    "deposit step 4 (review)": PageType(deposit_step("review")),
    "my contributions": PageType(my_contributions),
    "moderation queue": PageType(moderation_queue),
    "moderation of a resource": PageType(moderate_page),
    "reports": PageType(report_list),
    "collections": PageType(static("library:collections")),
    "collection page": PageType(collection_page),
    "collection form (curator)": PageType(curator_at("library:collection_new")),
    "withdraw form (curator)": PageType(withdraw_form),
    # podcasts and search
    "podcasts": PageType(static("podcasts:list")),
    "podcast show": PageType(podcast_show),
    "episode page": PageType(episode_page),
    "podcast management": PageType(podcast_manage),
    "episode form": PageType(episode_form),
    "show form (curator)": PageType(curator_at("podcasts:show_create")),
    "search page": PageType(static("search:list")),
    "search results": PageType(search_results),
}


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_type_is_accessible_narrow_and_dark_mode_safe(
    name: str, page: Page, login_as
):
    page_type = PAGE_TYPES[name]
    url = page_type.build(Setup(login_as=login_as))

    response = page.goto(url)

    assert response is not None
    assert response.status == page_type.status, (
        f"the {name} at {url}: HTTP {response.status}, not {page_type.status}"
    )
    if page_type.ready:
        page.wait_for_selector(page_type.ready, state="attached", timeout=20_000)
    check_page(page, f"the {name} ({url})")


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_type_reads_in_french_and_german(
    name: str, language: str, page: Page, context, login_as, live_server
):
    """Every page type in French and German: no English string the
    catalogues translate, no raw value, no repr (the text check alone)."""
    page_type = PAGE_TYPES[name]
    url = page_type.build(Setup(login_as=login_as))
    context.add_cookies(
        [{"name": "ecoc_hub_language", "value": language, "url": live_server.url}]
    )

    response = page.goto(url)

    assert response is not None
    assert response.status == page_type.status
    if page_type.ready:
        page.wait_for_selector(page_type.ready, state="attached", timeout=20_000)
    assert page.evaluate("() => document.documentElement.lang") == language
    assert_no_raw_text(page, f"the {name} in {language} ({url})")
