"""Fail when a shipped language misses a string, has a fuzzy one, or a stale .mo.

Each app keeps its own catalogue in ``<app>/locale/<lang>/LC_MESSAGES``.
The catalogue is compared with what ``makemessages`` extracts from the source
right now, so a string added to a template without a translation fails too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

PACKAGE_DIR = Path(settings.PACKAGE_DIR)
DOMAINS = ("django", "djangojs")


def _catalogue_dirs() -> list[Path]:
    """Directories that own a catalogue: the apps and the project itself."""
    return sorted(
        path.parent
        for path in PACKAGE_DIR.glob("*/locale")
        if path.is_dir() and path.parent.name != "static"
    )


def _extract(app_dir: Path, language: str) -> dict[str, set[str]]:
    """Run makemessages on a copy of app_dir and return msgids per domain."""
    import polib

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app_dir.name
        shutil.copytree(
            app_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
        found: dict[str, set[str]] = {}
        for domain in DOMAINS:
            args = ["django-admin", "makemessages", "-l", language, "-d", domain]
            args += ["--no-obsolete", "--no-wrap", "--ignore", "migrations/*"]
            if domain == "djangojs":
                args += ["--ignore", "static/vendor/*"]
            subprocess.run(  # noqa: S603
                # The interpreter running this command, so the check works
                # without the virtualenv's bin directory on PATH; -P keeps the
                # app directory off sys.path (core/http.py would shadow the
                # standard library's http).
                [sys.executable, "-P", "-m", "django", *args[1:]],
                cwd=copy,
                check=True,
                capture_output=True,
            )
            po = copy / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                found[domain] = {
                    _key(entry) for entry in polib.pofile(str(po)) if entry.msgid
                }
        return found


def _key(entry: Any) -> str:
    return f"{entry.msgctxt or ''}\x04{entry.msgid}"


class Command(BaseCommand):
    help = "Check that every shipped language is complete and compiled."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="skip comparing the catalogues with the source (faster)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        import polib

        languages = [code for code, _ in settings.LANGUAGES if code != "en"]
        problems: list[str] = []
        for app_dir in _catalogue_dirs():
            for language in languages:
                extracted = {} if options["no_extract"] else _extract(app_dir, language)
                for domain in DOMAINS:
                    po_path = (
                        app_dir / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
                    )
                    rel = po_path.relative_to(PACKAGE_DIR)
                    wanted = extracted.get(domain, set())
                    if not po_path.exists():
                        if wanted:
                            problems.append(f"{rel}: missing ({len(wanted)} strings)")
                        continue
                    po = polib.pofile(str(po_path))
                    have = {_key(e) for e in po if e.msgid and not e.obsolete}
                    for key in sorted(wanted - have):
                        problems.append(
                            f"{rel}: not in catalogue: {key.split(chr(4))[1]!r}"
                        )
                    for entry in po.untranslated_entries():
                        problems.append(
                            f"{rel}:{entry.linenum}: untranslated {entry.msgid!r}"
                        )
                    for entry in po.fuzzy_entries():
                        problems.append(f"{rel}:{entry.linenum}: fuzzy {entry.msgid!r}")
                    mo_path = po_path.with_suffix(".mo")
                    if not mo_path.exists():
                        problems.append(f"{rel}: not compiled (no .mo)")
                        continue
                    mo = {
                        _key(e): (e.msgstr, e.msgstr_plural)
                        for e in polib.mofile(str(mo_path))
                    }
                    for entry in po.translated_entries():
                        if mo.get(_key(entry)) != (entry.msgstr, entry.msgstr_plural):
                            problems.append(
                                f"{rel}: .mo is out of date (run compilemessages)"
                            )
                            break
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"{len(problems)} translation problem(s)")
        self.stdout.write(
            self.style.SUCCESS("Translations complete: " + ", ".join(languages))
        )
