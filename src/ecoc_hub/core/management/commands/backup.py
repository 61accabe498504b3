"""``ecoc-hub backup DEST``: an online copy of the database and every file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from ecoc_hub.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Copy the database and every stored file into a new folder, with a "
        "manifest of SHA-256 checksums. Safe while the site runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dest", type=Path, help="A new or empty folder.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = create_backup(options["dest"], stream=self.stdout)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup written to {summary.path}: the database and {summary.files} "
            f"files ({filesizeformat(summary.bytes)})."
        )
