"""Run ECoC Hub: migrate, collect static files, then gunicorn and one worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ecoc_hub.core import startup
from ecoc_hub.core.lifeline import Lifeline, use_private_tmpdir


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
        host, port = options["host"], options["port"]
        site_url = self._site_url(host, port)
        # The children (and the extraction processes of the worker) keep their
        # temporary files in this process's own directory; the next start
        # removes it if this process was killed (issue 11, defect 11).
        use_private_tmpdir(settings.DATA_DIR / "tmp", "serve")
        env = dict(
            os.environ, DJANGO_SETTINGS_MODULE="ecoc_hub.settings", SITE_URL=site_url
        )
        # Static files do not need the database: collect them while migrating,
        # which halves the time a first start takes.
        collect = [sys.executable, "-m", "ecoc_hub", "collectstatic"]
        collecting = subprocess.Popen([*collect, "--no-input", "-v0"], env=env)  # noqa: S603
        try:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)
            _name_site(site_url)
            for message in startup.run(_start(site_url, host)):
                self.stdout.write(message)
        finally:
            collected = collecting.wait()
        if collected != 0:
            raise CommandError(_("Collecting the static files failed."))
        bind = _bind(host, port)
        processes: list[subprocess.Popen[bytes]] = []
        web = [
            sys.executable, "-m", "gunicorn", "ecoc_hub.wsgi:application",
            "--config", "python:ecoc_hub.core.gunicorn_conf",
            "--bind", bind,
            "--workers", str(options["workers"]),
            "--access-logfile", "-",
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]  # fmt: skip
        # Each child runs in its own process group: Ctrl-C in the terminal
        # reaches this process only, which then stops each child exactly once.
        # (A second signal makes the task worker abandon its current task.)
        # Each child also dies with this process, even when it is killed with
        # SIGKILL and cannot stop them (issue 11, defect 3).
        lifeline = Lifeline()
        commands = [web]
        if not options["no_worker"]:
            commands.append([sys.executable, "-m", "ecoc_hub", "worker"])
        for command in commands:
            child_env = dict(env)
            options_ = lifeline.popen_options(child_env)
            processes.append(
                subprocess.Popen(command, env=child_env, process_group=0, **options_)  # type: ignore[call-overload]  # noqa: S603
            )
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
            lifeline.close()
        failed = [p for p in processes if p.returncode not in (0, -signal.SIGTERM)]
        for process in failed:
            self.stderr.write(
                _("Process %(pid)s stopped with exit status %(status)s.")
                % {"pid": process.pid, "status": process.returncode}
            )
        if failed:
            sys.exit(1)

    def _site_url(self, host: str, port: int) -> str:
        """The public address links use: SITE_URL, or where this server
        listens when it is not set (said in the first line of output)."""
        listening = f"http://{_url_host(host)}:{port}"
        configured = os.environ.get("SITE_URL", "").strip().rstrip("/")
        if not configured:
            self.stdout.write(
                _(
                    "SITE_URL is not set: links in pages, feeds, e-mails and the "
                    "API use %(url)s, where this server listens."
                )
                % {"url": listening}
            )
            return listening
        public = urlsplit(configured)
        default_port = 443 if public.scheme == "https" else 80
        if (
            public.scheme,
            _same_host(public.hostname),
            public.port or default_port,
        ) != (
            "http",
            _same_host(urlsplit(listening).hostname),
            port,
        ):
            self.stderr.write(
                _(
                    "Warning: SITE_URL is %(site_url)s but this server listens "
                    "on %(url)s. Links in pages, feeds, e-mails and the API "
                    "point to SITE_URL: right behind a proxy that forwards it "
                    "here, wrong otherwise."
                )
                % {"site_url": configured, "url": listening}
            )
        return configured


def _start(site_url: str, host: str) -> startup.Start:
    return startup.Start(
        site_url=site_url,
        listen_url=f"http://{_url_host(host)}",
        every_interface=host in ("", "0.0.0.0", "::"),  # noqa: S104
    )


def _url_host(host: str) -> str:
    """The host part of a URL for a listening address."""
    if host in ("", "0.0.0.0"):  # noqa: S104 - all interfaces: this machine
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _same_host(name: str | None) -> str:
    """Loopback names all mean this machine."""
    if name in ("localhost", "127.0.0.1", "::1"):
        return "loopback"
    return name or ""


def _bind(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _name_site(site_url: str) -> None:
    """Keep the Site's domain (allauth's e-mails use it) on SITE_URL."""
    from django.contrib.sites.models import Site

    domain = urlsplit(site_url).netloc
    Site.objects.filter(pk=settings.SITE_ID).exclude(domain=domain).update(
        domain=domain
    )
    Site.objects.clear_cache()


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
