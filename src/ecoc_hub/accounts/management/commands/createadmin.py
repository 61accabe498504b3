"""Create an administrator. The second factor is set up at the first login:
RequireMFAMiddleware sends an admin without one to the activation page."""

from __future__ import annotations

import getpass
import os
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from ecoc_hub.accounts import roles
from ecoc_hub.accounts.models import User

PASSWORD_ENV = "ECOC_HUB_ADMIN_PASSWORD"  # noqa: S105 (a variable name)


class Command(BaseCommand):
    help = (
        "Create an administrator with a verified e-mail address. "
        "Two-factor authentication is set up at the first login."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", help="The administrator's e-mail address.")
        parser.add_argument(
            "--password",
            help=f"The password (better: set {PASSWORD_ENV} or type it when asked).",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help=f"Ask nothing: needs --email and --password or {PASSWORD_ENV}.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interactive: bool = options["interactive"]
        email = (options.get("email") or "").strip()
        password = options.get("password") or os.environ.get(PASSWORD_ENV, "")
        if not email:
            if not interactive:
                raise CommandError("--email is required with --no-input.")
            email = input("E-mail address: ").strip()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not a valid e-mail address: {email}") from error
        if User.objects.filter(email__iexact=email).exists() or (
            EmailAddress.objects.filter(email__iexact=email).exists()
        ):
            raise CommandError(f"An account with the address {email} already exists.")
        if not password:
            if not interactive:
                raise CommandError(f"Give --password or set {PASSWORD_ENV}.")
            password = self._ask_password()
        candidate = User(email=email)
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user = create_admin(email=email, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Administrator {user.email} created. Log in at /accounts/login/ "
                "and set up two-factor authentication when asked."
            )
        )

    def _ask_password(self) -> str:
        for _attempt in range(3):
            first = getpass.getpass("Password: ")
            second = getpass.getpass("Password (again): ")
            if first and first == second:
                return first
            self.stderr.write("The passwords differ or are empty; try again.")
        raise CommandError("No password given.")


@transaction.atomic
def create_admin(*, email: str, password: str) -> User:
    user = User.objects.create_superuser(email=email, password=password)
    user.groups.add(Group.objects.get(name=roles.ADMIN))
    EmailAddress.objects.create(
        user=user, email=user.email, primary=True, verified=True
    )
    return user
