"""Production settings pass Django's deployment checks."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_check_deploy_reports_nothing_in_production_settings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "PYTEST_VERSION",
            "DATABASE_URL",
            "EMAIL_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DEBUG="false",
        SITE_URL="https://hub.example.org",
        ALLOWED_HOSTS="hub.example.org",
        SECRET_KEY=secrets.token_urlsafe(64),
        ECOC_HUB_DATA_DIR=str(tmp_path),
    )

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecoc_hub",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stderr == ""
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.returncode == 0
