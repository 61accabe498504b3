"""``ecoc-hub restore SRC``: restore a verified backup into an empty site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from ecoc_hub.core.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = (
        "Check every checksum of a backup made by `ecoc-hub backup`, then restore "
        "it into an empty data directory and database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("src", type=Path, help="The backup's folder.")
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="Only check the backup against its manifest; change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["verify_only"]:
                manifest = verify_backup(options["src"], stream=self.stdout)
                self.stdout.write(
                    f"The backup is intact: the database and "
                    f"{len(manifest['files'])} files match their checksums."
                )
                return
            summary = restore_backup(options["src"], stream=self.stdout)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the database and {summary.files} files "
            f"({filesizeformat(summary.bytes)}), each checked against its checksum."
        )
