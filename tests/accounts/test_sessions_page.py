"""The list of one's signed-in sessions (allauth's, with our template)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

AGENT = "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0 Safari/537.36"


def test_the_browser_reads_as_program_output_and_dates_in_the_readers_format(
    client, member, password
):
    headers = {"user-agent": AGENT}
    client.post(
        reverse("account_login"),
        {"login": member.email, "password": password},
        headers=headers,
    )

    html = client.get(reverse("usersessions_list"), headers=headers).content.decode()

    assert f"<samp>{AGENT}</samp>" in html
    assert "+00:00" not in html  # no datetime as Python prints it
