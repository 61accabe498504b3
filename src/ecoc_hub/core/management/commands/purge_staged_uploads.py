"""Delete staged uploads that no form came back for."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from ecoc_hub.core.uploads import purge_abandoned


class Command(BaseCommand):
    help = "Delete files kept for a form's next submission that are older than N hours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours",
            type=int,
            default=settings.ECOC_HUB_STAGED_UPLOAD_HOURS,
            help="Age in hours (default: ECOC_HUB_STAGED_UPLOAD_HOURS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        removed = purge_abandoned(older_than=timedelta(hours=options["hours"]))
        self.stdout.write(f"{removed} staged upload(s) deleted.")
