"""``ecoc-hub import-library MANIFEST.csv --files DIR [--dry-run]``."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from ecoc_hub.accounts.models import User
from ecoc_hub.library.importer import read_manifest, run_import


class Command(BaseCommand):
    help = "Import library resources from a CSV manifest (see docs/import.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("manifest", type=Path)
        parser.add_argument("--files", type=Path, required=True, dest="files_dir")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--owner", help="E-mail of the account recorded as contributor."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        manifest: Path = options["manifest"]
        files_dir: Path = options["files_dir"]
        if not manifest.is_file():
            raise CommandError(f"No manifest at {manifest}")
        if not files_dir.is_dir():
            raise CommandError(f"No files directory at {files_dir}")
        user = None
        if options["owner"]:
            user = User.objects.filter(email__iexact=options["owner"]).first()
            if user is None:
                raise CommandError(f"No account with the e-mail {options['owner']}")
        try:
            total = sum(1 for _ in read_manifest(manifest))
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        console = Console(
            file=cast(IO[str], self.stdout), force_terminal=False, width=120
        )
        with Progress(console=console, transient=True) as progress:
            bar = progress.add_task("Importing", total=total)
            results = run_import(
                manifest,
                files_dir=files_dir,
                user=user,
                dry_run=options["dry_run"],
                progress=lambda: progress.advance(bar),
            )
        counts: dict[str, int] = {}
        for result in results:
            counts[result.status] = counts.get(result.status, 0) + 1
        failed = [r for r in results if r.status == "failed"]
        if failed:
            table = Table(title="Rows that failed")
            table.add_column("line")
            table.add_column("identifier")
            table.add_column("why")
            for result in failed:
                table.add_row(
                    str(result.line), result.identifier, "; ".join(result.errors)
                )
            console.print(table)
        summary = ", ".join(
            f"{count} {status}" for status, count in sorted(counts.items())
        )
        prefix = "Dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{summary or 'no rows'}.")
        if failed:
            raise CommandError(f"{len(failed)} of {len(results)} rows failed.")
