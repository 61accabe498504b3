"""Demo content of the accounts app: a few fictional city teams, and the demo
sign-ins a newcomer can try (a member, a team admin and a curator).

Called first by ``ecoc-hub demo`` (the other apps' content refers to the
teams and people); running it again changes nothing. The accounts get
passwords only when the site is local: SITE_URL on a loopback address and not
https. Anywhere else no demo password is ever set, and those already set are
taken away, so a demo database moved to a public server cannot be entered with
a password printed in a terminal.

The passwords are derived from the site's SECRET_KEY, so they are the same at
every run and can be printed again without being stored anywhere. The demo
curator keeps two-factor sign-in like every curator: its TOTP secret and
recovery codes are real allauth authenticators, printed for the newcomer.
"""

from __future__ import annotations

import io
import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from ecoc_hub.cities.models import Title
from ecoc_hub.core.startup import Start

from . import roles
from .models import Membership, Organisation, User
from .services import create_team

DEMO_TEAM = "Oulu 2026 programme team (demo)"
PASSWORD_SALT = "ecoc_hub.accounts.demo.password"  # noqa: S105 - a namespace


DEMO_TEAMS: list[dict[str, Any]] = [
    {
        "kind": Organisation.Kind.TITLE_TEAM,
        "city": "Oulu",
        "year": 2026,
        "name": "Oulu 2026 programme team (demo)",
        "description": (
            "A fictional team used in the demo content: the programme and "
            "production staff of a northern title city, working on winter "
            "events, climate and community projects across a wide region."
        ),
    },
    {
        "kind": Organisation.Kind.TITLE_TEAM,
        "city": "Trenčín",
        "year": 2026,
        "name": "Trenčín 2026 delivery team (demo)",
        "description": (
            "A fictional team used in the demo content: the delivery office of "
            "a mid-sized title city, in charge of venues, volunteers and the "
            "evaluation of the title year."
        ),
    },
    {
        "kind": Organisation.Kind.CANDIDATE_TEAM,
        "candidate_city": "Valdoria",
        "candidate_year": 2033,
        "name": "Valdoria 2033 bid team (demo)",
        "description": (
            "A fictional candidate city team used in the demo content, "
            "preparing its first bid book."
        ),
    },
]


@transaction.atomic
def load_demo_teams(*, stdout: Any) -> int:
    """Create the demo teams that do not exist yet; return how many were made."""
    created = 0
    for spec in DEMO_TEAMS:
        if Organisation.objects.filter(name=spec["name"], kind=spec["kind"]).exists():
            continue
        if spec["kind"] == Organisation.Kind.TITLE_TEAM:
            title = Title.objects.get(city__name=spec["city"], year=spec["year"])
            create_team(
                kind=spec["kind"],
                name=spec["name"],
                title=title,
                description=spec["description"],
            )
        else:
            create_team(
                kind=spec["kind"],
                name=spec["name"],
                candidate_city=spec["candidate_city"],
                candidate_year=spec["candidate_year"],
                description=spec["description"],
            )
        created += 1
    stdout.write(
        _("City teams: %(created)d created, %(total)d in the demo.")
        % {"created": created, "total": len(DEMO_TEAMS)}
    )
    return created


@dataclass(frozen=True)
class DemoPerson:
    key: str
    email: str
    display_name: str
    team_role: str = ""
    groups: tuple[str, ...] = ()


# Only roles the site has features for: add a reviewer here when their part
# of the site exists. The organiser runs the demo's upcoming Academy Camp and
# the participant is on its waiting list with a place offered
# (events/demo.py).
DEMO_PEOPLE = (
    DemoPerson(
        key="member",
        email="demo-member@example.org",
        display_name="Mia Member (demo)",
        team_role=Membership.Role.MEMBER,
    ),
    DemoPerson(
        key="team_admin",
        email="demo-team-admin@example.org",
        display_name="Tomas Team Admin (demo)",
        team_role=Membership.Role.ADMIN,
    ),
    DemoPerson(
        key="curator",
        email="demo-curator@example.org",
        display_name="Cora Curator (demo)",
        groups=(roles.CURATOR,),
    ),
    # The experts app's demo names them manager, panel member and expert.
    DemoPerson(
        key="call_manager",
        email="demo-call-manager@example.org",
        display_name="Carl Call Manager (demo)",
    ),
    DemoPerson(
        key="reviewer",
        email="demo-reviewer@example.org",
        display_name="Rita Reviewer (demo)",
        groups=(roles.REVIEWER,),
    ),
    DemoPerson(
        key="expert",
        email="demo-expert@example.org",
        display_name="Elena Expert (demo)",
    ),
    DemoPerson(
        key="organiser",
        email="demo-organiser@example.org",
        display_name="Olga Organiser (demo)",
        groups=(roles.ORGANISER,),
    ),
    DemoPerson(
        key="participant",
        email="demo-participant@example.org",
        display_name="Petra Participant (demo)",
    ),
    # The community demo makes this person a moderator of three spaces.
    DemoPerson(
        key="moderator",
        email="demo-moderator@example.org",
        display_name="Mo Moderator (demo)",
    ),
    # Reads the monitoring dashboard (the dashboard's migration makes the
    # group); no second factor, like every role but curators and admins.
    DemoPerson(
        key="funder",
        email="demo-funder@example.org",
        display_name="Fiona Funder (demo)",
        groups=(roles.FUNDER,),
    ),
)


def _role_label(person: DemoPerson) -> str:
    labels = {
        # The courses' demo: the member follows a course, the expert trains them.
        "member": _("Member, course learner"),
        "team_admin": _("Team admin"),
        "curator": _("Curator"),
        "call_manager": _("Call manager (experts)"),
        "reviewer": _("Reviewer (experts)"),
        "expert": _("Expert, course trainer"),
        "organiser": _("Academy Camp organiser"),
        "participant": _("Academy Camp participant"),
        "moderator": _("Discussion moderator"),
        "funder": _("Programme funder"),
    }
    return labels[person.key]


def is_local_site(site_url: str | None = None) -> bool:
    """Whether the site is only reachable from this machine: SITE_URL on a
    loopback address, over plain http."""
    parts = urlsplit(site_url if site_url is not None else settings.SITE_URL)
    if parts.scheme != "http" or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


def demo_password(person: DemoPerson) -> str:
    digest = salted_hmac(PASSWORD_SALT, person.email, algorithm="sha256").hexdigest()
    return f"demo-{digest[:16]}"


def _user_for(person: DemoPerson, team: Organisation | None) -> tuple[User, bool]:
    user = User.objects.filter(email=person.email).first()
    created = user is None
    if user is None:
        user = User(email=person.email, display_name=person.display_name)
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(
            user=user, email=person.email, primary=True, verified=True
        )
        for name in person.groups:
            user.groups.add(Group.objects.get(name=name))
        if person.team_role and team is not None:
            Membership.objects.create(
                organisation=team, user=user, role=person.team_role
            )
    return user, created


def _ensure_two_factor(user: User) -> None:
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    if Authenticator.Type.TOTP not in types:
        TOTP.activate(user, generate_totp_secret())
    if Authenticator.Type.RECOVERY_CODES not in types:
        RecoveryCodes.activate(user)


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    """Create the demo teams, then the demo people, that do not exist yet;
    return how many people were made."""
    load_demo_teams(stdout=stdout)
    team = Organisation.objects.filter(name=DEMO_TEAM).first()
    local = is_local_site()
    created = 0
    for person in DEMO_PEOPLE:
        user, made = _user_for(person, team)
        created += made
        if person.groups and roles.CURATOR in person.groups:
            _ensure_two_factor(user)
        if local:
            password = demo_password(person)
            if not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
        elif user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
    stdout.write(
        _("Demo people: %(created)d created, %(total)d in the demo.")
        % {"created": created, "total": len(DEMO_PEOPLE)}
    )
    return created


def guard_demo_passwords(start: Start) -> str | None:
    """Demo passwords are printed in a terminal: never let them open a site
    that other machines can reach (a ``core.startup`` hook of ``serve``)."""
    if (
        is_local_site(start.site_url)
        and not start.every_interface
        and is_local_site(start.listen_url)
    ):
        return None
    if revoke_demo_passwords():
        return _(
            "The demo people's passwords were removed: this site can be "
            "reached from other machines."
        )
    return None


def revoke_demo_passwords() -> int:
    """Take the passwords away from the demo people; return how many had one."""
    revoked = 0
    for user in User.objects.filter(email__in=[p.email for p in DEMO_PEOPLE]):
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
            revoked += 1
    return revoked


def _totp_secret(user: User) -> str:
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(totp.data["secret"])


def recovery_codes(user: User) -> list[str]:
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(codes).get_unused_codes()


def _qr(text: str) -> str:
    import qrcode

    code = qrcode.QRCode(border=1)
    code.add_data(text)
    out = io.StringIO()
    # Dark modules drawn as light blocks: right on a dark terminal, and
    # authenticator apps read inverted codes as well.
    code.print_ascii(out=out, invert=True)
    return out.getvalue()


def sign_in_table(site_url: str | None = None) -> str:
    """The table of demo sign-ins, or an explanation when there are none."""
    site = (site_url or settings.SITE_URL).rstrip("/")
    if not is_local_site(site):
        return _(
            "No demo sign-ins: they exist only when SITE_URL is a loopback "
            "http:// address (it is %(site_url)s)."
        ) % {"site_url": site}
    users = {
        u.email: u
        for u in User.objects.filter(email__in=[p.email for p in DEMO_PEOPLE])
    }
    people = [p for p in DEMO_PEOPLE if p.email in users]
    if not people:
        return ""
    rows = [(_("Visitor"), _("no sign-in needed"), "")]
    rows += [(_role_label(p), p.email, demo_password(p)) for p in people]
    header = (_("Role"), _("E-mail"), _("Password (this computer only)"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(w) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    parts = [
        _("Demo sign-ins at %(url)s:") % {"url": site + "/accounts/login/"},
        "",
        line(header),
        line(tuple("-" * w for w in widths)),
        *[line(row) for row in rows],
    ]
    for person in people:
        if roles.CURATOR not in person.groups:
            continue
        user = users[person.email]
        url = get_mfa_adapter().build_totp_url(user, _totp_secret(user))
        parts += [
            "",
            _(
                "The curator signs in with two-factor authentication. Add this "
                "to an authenticator app (scan the code or paste the address):"
            ),
            url,
            _qr(url).rstrip("\n"),
            _("Or use one of these recovery codes once each:"),
            "  ".join(recovery_codes(user)),
        ]
    return "\n".join(parts)
