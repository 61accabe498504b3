"""Load the demo content of every app that has some. Idempotent."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

# In this order: teams and people first, then the content that may refer to
# them.
DEMO_MODULES = (
    "ecoc_hub.accounts.demo",
    "ecoc_hub.library.demo",
    "ecoc_hub.podcasts.demo",
    "ecoc_hub.experts.demo",
    "ecoc_hub.events.demo",
    "ecoc_hub.courses.demo",
    "ecoc_hub.assessment.demo",
    "ecoc_hub.community.demo",
    # Past activity for the dashboard's charts, once the content exists.
    "ecoc_hub.library.demo_history",
    "ecoc_hub.podcasts.demo_history",
    "ecoc_hub.courses.demo_history",
    "ecoc_hub.community.demo_history",
    # The teams of the self-assessment history make support requests too.
    "ecoc_hub.assessment.demo_history",
    "ecoc_hub.experts.demo_history",
    "ecoc_hub.events.demo_history",
)


def demo_modules(names: tuple[str, ...] = DEMO_MODULES) -> list[ModuleType]:
    """Import the demo modules that exist.

    A missing module is skipped; an ImportError raised while importing one
    that exists is a bug in it and propagates.
    """
    modules = []
    for name in names:
        package = name.rpartition(".")[0]
        try:
            spec = importlib.util.find_spec(name)
        except ModuleNotFoundError as exc:
            if exc.name != package:
                raise
            spec = None
        if spec is not None:
            modules.append(importlib.import_module(name))
    return modules


def _app_label(module_name: str) -> str:
    return module_name.split(".")[-2]


class Command(BaseCommand):
    help = "Load the demo content (city teams, people, resources, podcasts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--app",
            action="append",
            dest="apps",
            choices=list(dict.fromkeys(_app_label(name) for name in DEMO_MODULES)),
            help="load the demo content of this app only (repeat for several)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        names = tuple(
            name
            for name in DEMO_MODULES
            if not options["apps"] or _app_label(name) in options["apps"]
        )
        modules = demo_modules(names)
        for module in modules:
            module.load_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(_("Demo content is loaded.")))
        # Last, so that the newcomer finds it at the bottom of the terminal.
        for module in modules:
            if table := getattr(module, "sign_in_table", None):
                self.stdout.write("\n" + table())
