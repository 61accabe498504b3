"""``ecoc-hub export_bags DEST``: the library as BagIt bags for preservation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ecoc_hub.api.bags import exportable, write_bag
from ecoc_hub.core.progress import track


class Command(BaseCommand):
    help = (
        "Write one BagIt bag per library record (DataCite and Dublin Core XML, "
        "every file version, SHA-256 manifests) into DEST."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dest", type=Path, help="The folder to write bags into.")
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="Also members-only and embargoed published records.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dest: Path = options["dest"]
        dest.mkdir(parents=True, exist_ok=True)
        resources = exportable(include_restricted=options["include_restricted"])
        count = 0
        for resource in track(
            resources, description="Writing bags", stream=self.stdout,
            total=resources.count(),
        ):  # fmt: skip
            write_bag(resource, dest)
            count += 1
        self.stdout.write(f"Wrote {count} bags into {dest}.")
