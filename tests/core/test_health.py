from datetime import timedelta

import pytest
from django.utils import timezone

from ecoc_hub.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def _heartbeat(age_seconds: int) -> WorkerHeartbeat:
    seen = timezone.now() - timedelta(seconds=age_seconds)
    return WorkerHeartbeat.objects.create(
        worker_id="worker-1", hostname="host", started_at=seen, last_seen=seen
    )


def test_health_is_ok_with_a_database_storage_and_a_fresh_worker_heartbeat(client):
    beat = _heartbeat(age_seconds=5)

    response = client.get("/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["storage"] == {"ok": True, "detail": "read back"}
    assert body["checks"]["worker"] == {
        "ok": True,
        "detail": beat.last_seen.isoformat(),
    }


def test_health_fails_when_no_worker_has_ever_started(client):
    response = client.get("/health")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "detail": "no worker has ever started",
    }


def test_health_fails_when_the_last_worker_heartbeat_is_stale(client, settings):
    _heartbeat(age_seconds=settings.ECOC_HUB_WORKER_STALE_AFTER + 30)

    response = client.get("/health")

    assert response.status_code == 503
    worker = response.json()["checks"]["worker"]
    assert worker["ok"] is False
    assert worker["detail"].startswith("last heartbeat ")


def test_health_fails_when_the_file_storage_is_not_writable(client, settings, tmp_path):
    _heartbeat(age_seconds=5)
    not_a_directory = tmp_path / "media-is-a-file"
    not_a_directory.write_text("in the way")
    settings.MEDIA_ROOT = str(not_a_directory)

    response = client.get("/health")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["storage"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["worker"]["ok"] is True


def test_health_is_never_cached(client):
    _heartbeat(age_seconds=5)

    response = client.get("/health")

    assert "no-cache" in response["Cache-Control"]
