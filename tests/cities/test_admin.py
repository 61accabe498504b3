import pytest

from ecoc_hub.cities.models import Title

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_with_mfa(client, admin_user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)
    return client


def test_admin_lists_the_unverified_titles_to_verify(admin_client_with_mfa):
    response = admin_client_with_mfa.get(
        "/admin/cities/title/", {"status__exact": "unverified"}
    )

    assert response.status_code == 200
    assert [str(t) for t in response.context["cl"].result_list] == ["Kiruna 2029"]


def test_admin_changes_the_status_of_a_title(admin_client_with_mfa):
    title = Title.objects.get(city__name="Kiruna", year=2029)

    response = admin_client_with_mfa.post(
        f"/admin/cities/title/{title.pk}/change/",
        {"year": "2029", "city": str(title.city_id), "status": "selected", "note": ""},
    )

    assert response.status_code == 302
    title.refresh_from_db()
    assert title.status == "selected"


def test_member_cannot_open_the_directory_admin(member_client):
    response = member_client.get("/admin/cities/title/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
