"""The demo sign-ins that ``ecoc-hub demo`` prints for a newcomer."""

from __future__ import annotations

import re
import time
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from django.urls import reverse

from ecoc_hub.accounts import demo
from ecoc_hub.accounts.demo import load_demo_teams
from ecoc_hub.accounts.models import Membership, User

pytestmark = pytest.mark.django_db

LOCAL = "http://127.0.0.1:8000"


@pytest.fixture
def local_site(settings):
    settings.SITE_URL = LOCAL


@pytest.fixture
def demo_people(local_site):
    load_demo_teams(stdout=StringIO())
    demo.load_demo(stdout=StringIO())
    return {p.key: User.objects.get(email=p.email) for p in demo.DEMO_PEOPLE}


def _table() -> str:
    return demo.sign_in_table()


def _printed_password(table: str, email: str) -> str:
    row = next(line for line in table.splitlines() if f" {email} " in line)
    return row.split()[-1]


def _printed_secret(table: str) -> str:
    uri = next(line for line in table.splitlines() if line.startswith("otpauth://"))
    return parse_qs(urlsplit(uri).query)["secret"][0]


def _printed_recovery_codes(table: str) -> list[str]:
    lines = table.splitlines()
    at = lines.index("Or use one of these recovery codes once each:")
    return lines[at + 1].split()


def _log_in(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.parametrize(
    ("site_url", "local"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8077", True),
        ("http://[::1]:8000", True),
        ("http://127.0.0.2:8000", True),
        ("https://127.0.0.1:8000", False),
        ("http://192.168.1.20:8000", False),
        ("https://hub.example.org", False),
        ("http://hub.example.org", False),
    ],
)
def test_only_a_loopback_http_site_is_local(site_url, local):
    assert demo.is_local_site(site_url) is local


def test_the_demo_makes_a_member_a_team_admin_and_a_curator(demo_people):
    team = "Oulu 2026 programme team (demo)"
    member, admin, curator = (
        demo_people["member"],
        demo_people["team_admin"],
        demo_people["curator"],
    )

    assert list(member.memberships.values_list("organisation__name", "role")) == [
        (team, Membership.Role.MEMBER)
    ]
    assert list(admin.memberships.values_list("organisation__name", "role")) == [
        (team, Membership.Role.ADMIN)
    ]
    assert list(curator.groups.values_list("name", flat=True)) == ["curator"]
    assert sorted(
        Authenticator.objects.filter(user=curator).values_list("type", flat=True)
    ) == ["recovery_codes", "totp"]


def test_the_table_lists_every_role_with_a_password_that_works(demo_people, client):
    table = _table()

    rows = [line.rstrip() for line in table.splitlines()[2:15]]
    assert [row.split("  ")[0] for row in rows] == [
        "Role",
        "-" * len("Academy Camp participant"),
        "Visitor",
        "Member, course learner",
        "Team admin",
        "Curator",
        "Call manager (experts)",
        "Reviewer (experts)",
        "Expert, course trainer",
        "Academy Camp organiser",
        "Academy Camp participant",
        "Discussion moderator",
        "Programme funder",
    ]
    assert rows[2].split("  ", 1)[1].strip() == "no sign-in needed"
    for key in ("member", "team_admin", "organiser", "participant", "moderator"):
        email = demo_people[key].email
        response = _log_in(client, email, _printed_password(table, email))
        assert response.status_code == 302
        assert client.get(reverse("accounts:dashboard")).status_code == 200
        client.post(reverse("account_logout"))
    # The funder's sign-in opens the monitoring dashboard.
    email = demo_people["funder"].email
    assert _log_in(client, email, _printed_password(table, email)).status_code == 302
    assert client.get(reverse("dashboard:index")).status_code == 200


def test_the_table_shows_the_curator_totp_as_a_uri_and_a_qr_code(demo_people):
    table = _table()

    uri = next(line for line in table.splitlines() if line.startswith("otpauth://"))
    assert uri.startswith("otpauth://totp/demo-curator%40example.org?secret=")
    assert uri.endswith("&issuer=ECoC%20Hub")
    qr_lines = [line for line in table.splitlines() if line.startswith(("█", "▀"))]
    assert len(qr_lines) >= 15
    assert len({len(line) for line in qr_lines}) == 1  # a square block
    assert len(_printed_recovery_codes(table)) == 10


def test_the_demo_curator_signs_in_with_a_printed_totp_code(demo_people, client):
    table = _table()
    email = demo_people["curator"].email

    response = _log_in(client, email, _printed_password(table, email))
    assert response["Location"] == reverse("mfa_authenticate")
    secret = _printed_secret(table)
    if 30 - time.time() % 30 < 2:
        time.sleep(2.5)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_the_demo_curator_signs_in_once_with_each_printed_recovery_code(
    demo_people, client
):
    table = _table()
    email = demo_people["curator"].email
    password = _printed_password(table, email)
    first = _printed_recovery_codes(table)[0]

    _log_in(client, email, password)
    response = client.post(reverse("mfa_authenticate"), {"code": first})
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200

    client.post(reverse("account_logout"))
    _log_in(client, email, password)
    response = client.post(reverse("mfa_authenticate"), {"code": first})
    assert response.status_code == 200  # refused: used already
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    # The next table no longer offers the used code.
    assert _printed_recovery_codes(_table()) == _printed_recovery_codes(table)[1:]


def test_running_the_demo_again_changes_nothing(demo_people):
    before = {
        u.email: (u.password, sorted(u.authenticator_set.values_list("pk", "data")))
        for u in demo_people.values()
    }
    table = _table()

    assert demo.load_demo(stdout=StringIO()) == 0

    after = {
        u.email: (u.password, sorted(u.authenticator_set.values_list("pk", "data")))
        for u in User.objects.filter(email__in=before)
    }
    assert after == before
    assert _table() == table


@pytest.mark.parametrize(
    "site_url", ["https://127.0.0.1:8000", "http://hub.example.org"]
)
def test_no_demo_passwords_when_the_site_is_not_local(settings, client, site_url):
    settings.SITE_URL = site_url
    load_demo_teams(stdout=StringIO())

    demo.load_demo(stdout=StringIO())

    people = User.objects.filter(email__in=[p.email for p in demo.DEMO_PEOPLE])
    assert [u.has_usable_password() for u in people] == [False] * len(demo.DEMO_PEOPLE)
    assert _table() == (
        "No demo sign-ins: they exist only when SITE_URL is a loopback http:// "
        f"address (it is {site_url})."
    )
    person = demo.DEMO_PEOPLE[0]
    assert _log_in(client, person.email, demo.demo_password(person)).status_code == 200


def test_a_demo_run_on_a_public_site_takes_the_passwords_away(demo_people, settings):
    settings.SITE_URL = "https://hub.example.org"

    demo.load_demo(stdout=StringIO())

    assert [
        User.objects.get(pk=u.pk).has_usable_password() for u in demo_people.values()
    ] == [False] * len(demo.DEMO_PEOPLE)


@pytest.mark.parametrize(
    ("site_url", "host", "kept"),
    [
        (LOCAL, "127.0.0.1", True),
        (LOCAL, "0.0.0.0", False),  # noqa: S104
        (LOCAL, "192.168.1.20", False),
        ("https://hub.example.org", "127.0.0.1", False),
    ],
)
def test_serve_takes_the_demo_passwords_away_unless_the_site_is_local(
    demo_people, site_url, host, kept
):
    from ecoc_hub.core import startup
    from ecoc_hub.core.management.commands.serve import Command, _start

    out = StringIO()
    for message in startup.run(_start(site_url, host)):
        Command(stdout=out).stdout.write(message)

    assert [
        User.objects.get(pk=u.pk).has_usable_password() for u in demo_people.values()
    ] == [kept] * len(demo_people)
    assert out.getvalue() == (
        ""
        if kept
        else "The demo people's passwords were removed: this site can be reached "
        "from other machines.\n"
    )


def test_the_demo_command_ends_with_the_table(local_site):
    out = StringIO()

    call_command("demo", "--app", "accounts", stdout=out)

    text = out.getvalue()
    assert text.index("Demo content is loaded.") < text.index("Demo sign-ins at ")
    assert re.search(r"^Curator +demo-curator@example\.org +demo-\w{16}$", text, re.M)
    assert text.rstrip().splitlines()[-2] == (
        "Or use one of these recovery codes once each:"
    )
