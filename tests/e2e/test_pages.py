"""Every page type, audited in Chromium: axe-core finds no WCAG 2.1 A/AA
violation, nothing scrolls sideways at 320 px, and the colours keep their
contrast in dark mode. The page loads with the site's own strict CSP, and the
``page`` fixture fails the test on any CSP refusal or JavaScript error.

To add a page type, add an entry to ``PAGE_TYPES``: a name and a function
that makes the data the page needs and returns its URL (it may sign the
browser in with ``login_as``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.e2e.helpers import check_page
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass
class Setup:
    login_as: Callable
    request: pytest.FixtureRequest


def _member(setup: Setup, **extra):
    user = UserFactory(email="mia@example.org", display_name="Mia Member", **extra)
    setup.login_as(user)
    return user


def _curator(setup: Setup):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory(
        email="cora@example.org", display_name="Cora Curator", roles=["curator"]
    )
    TOTP.activate(user, generate_totp_secret())
    setup.login_as(user)
    return user


def _title(year: int = 2026, city: str = "Oulu"):
    from ecoc_hub.cities.models import Title

    return Title.objects.select_related("city").get(year=year, city__name=city)


def home(setup: Setup) -> str:
    return "/"


def directory_list(setup: Setup) -> str:
    return reverse("cities:list")


def directory_filtered(setup: Setup) -> str:
    return reverse("cities:list") + "?decade=2020&country=FI"


def city_page(setup: Setup) -> str:
    title = _title()
    OrganisationFactory(name="Oulu2026", slug="oulu2026", title=title)
    return title.city.get_absolute_url()


def title_page(setup: Setup) -> str:
    title = _title()
    OrganisationFactory(name="Oulu2026", slug="oulu2026", title=title)
    return title.get_absolute_url()


def criteria_page(setup: Setup) -> str:
    return reverse("cities:criteria")


def capacity_area_page(setup: Setup) -> str:
    from ecoc_hub.cities.models import CapacityArea

    return CapacityArea.objects.order_by("position").first().get_absolute_url()


def login_page(setup: Setup) -> str:
    return reverse("account_login")


def signup_page(setup: Setup) -> str:
    return reverse("account_signup")


def password_reset_page(setup: Setup) -> str:
    return reverse("account_reset_password")


def dashboard(setup: Setup) -> str:
    _member(setup)
    return reverse("accounts:dashboard")


def profile_page(setup: Setup) -> str:
    user = _member(setup, bio="Producer of the Oulu2026 programme.")
    return user.get_absolute_url()


def team_page(setup: Setup) -> str:
    user = _member(setup)
    MembershipFactory(
        user=user,
        role="admin",
        organisation=OrganisationFactory(name="Oulu2026", slug="oulu2026"),
    )
    return reverse("accounts:team", args=["oulu2026"])


def privacy_notice(setup: Setup) -> str:
    return reverse("privacy")


def accessibility_statement(setup: Setup) -> str:
    return reverse("accessibility")


def not_found(setup: Setup) -> str:
    return "/no-such-page/"


def library_search(setup: Setup) -> str:
    return reverse("library:list")


def search_page(setup: Setup) -> str:
    return reverse("search:list")


def podcasts_list(setup: Setup) -> str:
    return reverse("podcasts:list")


PAGE_TYPES: dict[str, Callable[[Setup], str]] = {
    "home": home,
    "directory list": directory_list,
    "directory filtered": directory_filtered,
    "city page": city_page,
    "title page": title_page,
    "criteria page": criteria_page,
    "capacity area page": capacity_area_page,
    "login": login_page,
    "signup": signup_page,
    "password reset": password_reset_page,
    "dashboard": dashboard,
    "profile": profile_page,
    "team page": team_page,
    "privacy notice": privacy_notice,
    "accessibility statement": accessibility_statement,
    "404 page": not_found,
    "library search": library_search,
    "podcasts": podcasts_list,
    "search page": search_page,
}


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_type_is_accessible_narrow_and_dark_mode_safe(
    name, page, login_as, request
):
    url = PAGE_TYPES[name](Setup(login_as=login_as, request=request))

    response = page.goto(url)

    expected = 404 if name == "404 page" else 200
    assert response is not None
    assert response.status == expected, f"{name} at {url}: HTTP {response.status}"
    check_page(page, f"the {name} ({url})")
