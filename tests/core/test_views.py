import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

from ecoc_hub.cities.models import Title

pytestmark = pytest.mark.django_db


def test_home_lists_the_title_cities_of_this_year_and_the_next_years(client):
    response = client.get("/")

    assert response.status_code == 200
    year = response.context["current_year"]
    current = [title.city.name for title in response.context["current_titles"]]
    assert current == list(
        Title.objects.filter(year=year)
        .exclude(status=Title.Status.UNVERIFIED)
        .order_by("city__name")
        .values_list("city__name", flat=True)
    )
    next_years = [group.year for group in response.context["next_years"]]
    assert next_years == sorted(
        set(
            Title.objects.filter(year__gt=year, year__lte=year + 4)
            .exclude(status=Title.Status.UNVERIFIED)
            .values_list("year", flat=True)
        )
    )


def test_home_links_into_the_sections(client):
    response = client.get("/")

    content = response.content.decode()
    for name in ("library:list", "podcasts:list", "cities:list", "cities:criteria"):
        assert f'href="{reverse(name)}"' in content


def test_accessibility_statement_gives_the_contact_address_from_the_settings(
    client, settings
):
    settings.ECOC_HUB_CONTACT_EMAIL = "a11y@hub.example.org"

    response = client.get("/accessibility/")

    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="mailto:a11y@hub.example.org"' in content
    assert "Directive (EU) 2016/2102" in content
    assert "WCAG" in content
    assert "Enforcement procedure" in content


def test_privacy_notice_links_to_the_data_download_and_account_deletion(client):
    response = client.get("/privacy/")

    assert response.status_code == 200
    content = response.content.decode()
    assert f'href="{reverse("accounts:privacy_export")}"' in content
    assert f'href="{reverse("accounts:delete_account")}"' in content
    assert f'href="{reverse("accounts:profile_edit")}"' in content
    assert "<code>sessionid</code>" in content
    assert "<code>csrftoken</code>" in content
    assert "<code>ecoc_hub_language</code>" in content


def test_a_missing_accounts_page_falls_back_to_the_dashboard():
    from ecoc_hub.core.views import _url_or

    assert _url_or("accounts:no-such-page", "accounts:dashboard") == reverse(
        "accounts:dashboard"
    )


def test_unknown_address_shows_the_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_403_page_offers_a_visitor_to_log_in():
    request = RequestFactory().get("/members-only/")
    request.user = AnonymousUser()

    response = defaults.permission_denied(request, PermissionError())

    assert response.status_code == 403
    content = response.content.decode()
    assert "This page is for signed-in members" in content
    assert "Access denied" not in content
    assert f'href="{reverse("account_login")}?next=%2Fmembers-only%2F"' in content


def test_500_page_renders_without_a_request_context():
    request = RequestFactory().get("/")

    response = defaults.server_error(request)

    assert response.status_code == 500
    assert "Server error" in response.content.decode()
