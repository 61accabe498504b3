import pytest

from tests.conftest import _with_mfa


@pytest.fixture
def admin_client(client, admin_user):
    _with_mfa(admin_user)
    client.force_login(admin_user)
    return client


def test_admin_lists_and_opens_shows_and_episodes(admin_client, show, episode):
    urls = [
        "/admin/podcasts/show/",
        f"/admin/podcasts/show/{show.pk}/change/",
        "/admin/podcasts/episode/",
        f"/admin/podcasts/episode/{episode.pk}/change/",
    ]

    assert [admin_client.get(url).status_code for url in urls] == [200, 200, 200, 200]
