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

from ecoc_hub.cities.reference import ensure_reference_data


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
            if ensure_reference_data():
                self.stdout.write(_("The ECoC directory and criteria were loaded."))
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
        # Each child runs in its own process group: Ctrl-C in the terminal
        # reaches this process only, which then stops each child exactly once.
        # (A second signal makes the task worker abandon its current task.)
        processes.append(subprocess.Popen(web, env=env, process_group=0))  # noqa: S603
        if not options["no_worker"]:
            worker = [sys.executable, "-m", "ecoc_hub", "worker"]
            processes.append(subprocess.Popen(worker, env=env, process_group=0))  # noqa: S603
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
            _stop(processes)
        failed = [p for p in processes if p.returncode not in (0, -signal.SIGTERM)]
        for process in failed:
            self.stderr.write(
                _("Process %(pid)s stopped with exit status %(status)s.")
                % {"pid": process.pid, "status": process.returncode}
            )
        if failed:
            sys.exit(1)


def _stop(processes: list[subprocess.Popen[bytes]], timeout: float = 15) -> None:
    """Ask each child to stop, then kill those that take too long.

    A second Ctrl-C while waiting also kills them at once.
    """
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    try:
        for process in processes:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        for process in processes:
            if process.poll() is None:
                process.kill()
        for process in processes:
            process.wait()
