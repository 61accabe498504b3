"""Run ECoC Hub: migrate, collect static files, then gunicorn and one worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Apply migrations, then start the web server and a task worker together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "2")),
            help="gunicorn worker processes",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="start the web server only (run 'ecoc-hub worker' elsewhere)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="ecoc_hub.settings")
        # Static files do not need the database: collect them while migrating,
        # which halves the time a first start takes.
        collect = [sys.executable, "-m", "ecoc_hub", "collectstatic"]
        collecting = subprocess.Popen([*collect, "--no-input", "-v0"], env=env)  # noqa: S603
        try:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)
        finally:
            collected = collecting.wait()
        if collected != 0:
            raise CommandError(_("Collecting the static files failed."))
        bind = f"{options['host']}:{options['port']}"
        processes: list[subprocess.Popen[bytes]] = []
        web = [
            sys.executable, "-m", "gunicorn", "ecoc_hub.wsgi:application",
            "--bind", bind,
            "--workers", str(options["workers"]),
            "--access-logfile", "-",
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]  # fmt: skip
        processes.append(subprocess.Popen(web, env=env))  # noqa: S603
        if not options["no_worker"]:
            worker = [sys.executable, "-m", "ecoc_hub", "worker"]
            processes.append(subprocess.Popen(worker, env=env))  # noqa: S603
        self.stdout.write(
            _("ECoC Hub is running at %(url)s (Ctrl-C stops it)")
            % {"url": f"http://{bind}/"}
        )
        if settings.DEBUG:
            self.stdout.write(_("DEBUG is on: do not use this for a public site."))

        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        failed = [p for p in processes if p.returncode not in (0, -signal.SIGTERM)]
        if failed:
            sys.exit(1)
