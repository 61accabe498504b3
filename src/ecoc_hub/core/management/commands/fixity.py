"""``ecoc-hub fixity``: re-hash stored files and report drift."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ecoc_hub.core.fixity import problems, run_fixity


class Command(BaseCommand):
    help = (
        "Re-hash stored files against the checksums the records keep. Without "
        "--sample every file is checked, resuming a full run that was cut short."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sample",
            type=int,
            metavar="N",
            help="Check only the N files that have waited longest for a check.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sample = options["sample"]
        if sample is not None and sample < 1:
            raise CommandError("--sample must be at least 1.")
        run = run_fixity(sample=sample, stream=self.stdout)
        found = problems()
        for check in found:
            self.stdout.write(f"{check.get_status_display()}: {check.storage_name}")
        self.stdout.write(
            f"Checked {run.checked} files: {run.changed} changed, "
            f"{run.missing} missing."
        )
        if found:
            raise CommandError(f"{len(found)} stored files are damaged or missing.")
