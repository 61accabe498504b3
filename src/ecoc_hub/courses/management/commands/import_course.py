"""``ecoc-hub import_course FILE --trainer EMAIL``: a course archive (see
docs/courses.md) becomes a new draft course, the person named its trainer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ecoc_hub.accounts.models import User
from ecoc_hub.courses.transfer_import import import_course


class Command(BaseCommand):
    help = "Import a course exported as a ZIP archive, as a new draft course."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--trainer",
            required=True,
            help="E-mail of the account that becomes the course's trainer.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["archive"]
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        user = User.objects.filter(email__iexact=options["trainer"]).first()
        if user is None:
            raise CommandError(f"No account with the e-mail {options['trainer']}")
        unlinked: list[str] = []
        with path.open("rb") as handle:
            try:
                course = import_course(handle, user=user, unlinked=unlinked)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        lessons = sum(m.lessons.count() for m in course.modules.all())
        self.stdout.write(
            f"Imported “{course.title}” as a draft: /learn/{course.slug}/ "
            f"({course.modules.count()} modules, {lessons} lessons)."
        )
        if unlinked:
            self.stdout.write(
                "Prerequisites not on this platform, not linked: " + ", ".join(unlinked)
            )
