"""``ecoc-hub export_course SLUG FILE``: a course as the ZIP archive of its
trainers' export (see docs/courses.md), beside ``import_course``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ecoc_hub.courses.models import Course
from ecoc_hub.courses.transfer import export_course


class Command(BaseCommand):
    help = "Export a course as a ZIP archive (the same as its Export as ZIP)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace FILE if it exists."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        course = Course.objects.filter(slug=options["slug"]).first()
        if course is None:
            raise CommandError(f"No course with the slug {options['slug']}")
        path: Path = options["file"]
        if path.exists() and not options["force"]:
            raise CommandError(f"{path} exists; add --force to replace it")
        if not path.parent.is_dir():
            raise CommandError(f"No folder at {path.parent}")
        content = export_course(course)
        part = path.with_name(f".{path.name}.part")
        try:
            part.write_bytes(content)
            part.replace(path)
        except OSError as error:
            part.unlink(missing_ok=True)
            raise CommandError(f"Could not write {path}: {error}") from error
        self.stdout.write(
            f"Exported “{course.title}” to {path} ({len(content)} bytes)."
        )
