"""``ecoc-hub reindex``: rebuild the search index from the database."""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from ecoc_hub.search import registry, services


def _search_index_modules() -> list[Any]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("ecoc_hub."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.search_index"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.search_index":
                raise
    return modules


class Command(BaseCommand):
    help = "Rebuild the search index from the database, kind by kind."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            help="Only this kind (repeatable), e.g. library.resource.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Print no progress bar."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "Change nothing: compare the index with what the records say it "
                "should hold, print each difference, exit 1 if there is one."
            ),
        )
        parser.add_argument(
            "--fix",
            action="store_true",
            help="With --check: rebuild the index when it differs.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            self._check(fix=options["fix"])
            return
        if options["fix"]:
            raise CommandError("--fix goes with --check.")
        modules = _search_index_modules()
        wanted = set(options["kinds"] or [])
        indexers = [i for i in registry.indexers() if not wanted or i.kind in wanted]
        unknown = wanted - {i.kind for i in indexers}
        if unknown:
            raise CommandError(
                f"No indexer registered for: {', '.join(sorted(unknown))}"
            )
        started = time.monotonic()
        total = 0
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=options["no_progress"] or options["verbosity"] == 0,
            console=None,
        ) as progress:
            for indexer in indexers:
                expected = indexer.count() if indexer.count else None
                task = progress.add_task(indexer.kind, total=expected)
                # One transaction per kind: readers see the old index until
                # the new one is complete.
                with transaction.atomic():
                    services.remove_kind(kind=indexer.kind)
                    count = self._consume(indexer.iterable_factory(), progress, task)
                total += count
                self._log(options, f"{indexer.kind}: {count} indexed")
            if not wanted:
                for module in modules:
                    reindex_all = getattr(module, "reindex_all", None)
                    if reindex_all is None or any(
                        getattr(i.iterable_factory, "__module__", None)
                        == module.__name__
                        for i in indexers
                    ):
                        continue
                    task = progress.add_task(module.__name__, total=None)
                    with transaction.atomic():
                        count = self._consume(reindex_all(), progress, task)
                    total += count
                    self._log(options, f"{module.__name__}: {count} indexed")
        services.rebuild_engine()
        elapsed = time.monotonic() - started
        self._log(options, f"Reindexed {total} objects in {elapsed:.1f} s.")

    def _check(self, *, fix: bool) -> None:
        from ecoc_hub.search.consistency import record_check

        differences, _check = record_check(fix=fix)
        for difference in differences:
            self.stdout.write(str(difference))
        if not differences:
            self.stdout.write("The index holds what the records say.")
            return
        if fix:
            self.stdout.write(f"{len(differences)} differences: index rebuilt.")
            return
        raise CommandError(
            f"{len(differences)} differences between the index and the records; "
            "`ecoc-hub reindex --check --fix` repairs them."
        )

    def _consume(
        self, items: Iterable[Any] | int, progress: Progress, task: Any
    ) -> int:
        if isinstance(items, int):  # a reindex_all() that returns its count
            progress.update(task, total=items, completed=items)
            return items
        count = 0
        for _item in items:
            count += 1
            progress.advance(task)
        return count

    def _log(self, options: dict[str, Any], message: str) -> None:
        if options["verbosity"] > 0:
            self.stdout.write(message)
