"""Stored files in S3-compatible object storage, against a real S3 server.

The test starts moto's S3 server on a free loopback port (a separate
process speaking the S3 HTTP protocol) and points the site's storage at it
with the same options ``S3_BUCKET`` gives in production (settings.py). It
checks what a person and the operator rely on: uploads land under their
content-addressed keys, nothing is left behind when a transaction rolls
back, media answer byte ranges, large downloads are redirected to a signed
URL that works and carries the file's name, and the fixity check sees an
object changed behind the site's back.
"""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

pytest.importorskip("storages.backends.s3", reason="the s3 extra is not installed")
boto3 = pytest.importorskip("boto3")

from ecoc_hub.core import fixity  # noqa: E402
from ecoc_hub.core.models import FixityCheck  # noqa: E402
from ecoc_hub.library import services  # noqa: E402
from ecoc_hub.library.files import atomic_with_files, storage_name_for  # noqa: E402
from tests.library.conftest import make_resource, stage  # noqa: E402

BUCKET = "ecoc-hub-test"
CREDENTIALS = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("moto's S3 server did not start") from None
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3(s3_endpoint: str, settings: Any) -> Any:
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS
    )
    client.create_bucket(Bucket=BUCKET)
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_endpoint,
        "access_key": "test",
        "secret_key": "test",
        "region_name": "us-east-1",
        "default_acl": None,
        "querystring_auth": True,
        "signature_version": "s3v4",
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "staging": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "location": "staging"},
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client: Any) -> set[str]:
    listing = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"] for item in listing}


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


DATA = "".join(
    f"Line {i:05d} of the 2026 budget: {i * 7} EUR\n" for i in range(500)
).encode()


@pytest.fixture
def stored(s3: Any, member: Any, curator: Any) -> Any:
    resource = make_resource(owner=member, curator=curator)
    return services.add_file(
        resource=resource, staged=stage(DATA, "Budget 2026.txt"), uploaded_by=member
    )


def test_an_upload_is_stored_under_its_content_address(s3: Any, stored: Any) -> None:
    sha = hashlib.sha256(DATA).hexdigest()
    key = storage_name_for(sha)

    assert key == f"blobs/{sha[:2]}/{sha[2:4]}/{sha}"
    assert key in _keys(s3)
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == DATA


def test_a_rolled_back_upload_leaves_no_object(
    s3: Any, member: Any, curator: Any
) -> None:
    before = _keys(s3)
    resource = make_resource(owner=member, curator=curator)
    after_resource = _keys(s3)
    with pytest.raises(RuntimeError), atomic_with_files(), transaction.atomic():
        services.add_file(
            resource=resource,
            staged=stage(b"never kept " * 100, "Draft.txt"),
            uploaded_by=member,
        )
        raise RuntimeError("the request failed after the upload")

    assert _keys(s3) == after_resource
    assert before <= after_resource


def test_a_range_is_served_from_the_object_store(client: Any, stored: Any) -> None:
    response = client.get(stored.get_absolute_url(), HTTP_RANGE="bytes=1000-1999")

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1999/{len(DATA)}"
    assert _body(response) == DATA[1000:2000]


def test_a_small_download_is_served_whole(client: Any, stored: Any) -> None:
    response = client.get(stored.get_absolute_url())

    assert response.status_code == 200
    assert _body(response) == DATA


def test_a_large_download_redirects_to_a_signed_url_that_works(
    client: Any, stored: Any, settings: Any, s3_endpoint: str
) -> None:
    settings.ECOC_HUB_S3_REDIRECT_OVER_BYTES = 4096

    response = client.get(stored.get_absolute_url())

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    url = response["Location"]
    assert url.startswith(s3_endpoint) and "X-Amz-Signature=" in url
    with urllib.request.urlopen(url, timeout=10) as fetched:  # noqa: S310
        assert fetched.read() == DATA
        assert fetched.headers["Content-Disposition"] == (
            'attachment; filename="Budget 2026.txt"'
        )
        assert fetched.headers["Content-Type"].startswith("text/plain")
    # The URL is short-lived (moto, unlike S3, does not check signatures).
    assert "X-Amz-Expires=300" in url


def test_an_audio_player_seeks_in_an_episode(client: Any, s3: Any, db: Any) -> None:
    from tests.podcasts.conftest import make_episode, make_show

    episode = make_episode(make_show())
    with episode.audio.open("rb") as handle:
        audio = handle.read()

    assert episode.audio.name in _keys(s3)
    response = client.get(episode.audio_url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert _body(response) == audio[100:200]


def test_fixity_sees_an_object_changed_in_the_store(s3: Any, stored: Any) -> None:
    key = stored.blob.storage_name

    assert fixity.run_fixity().checked >= 1
    assert FixityCheck.objects.get(storage_name=key).status == FixityCheck.Status.OK

    s3.put_object(Bucket=BUCKET, Key=key, Body=b"tampered")
    fixity.run_fixity()
    assert (
        FixityCheck.objects.get(storage_name=key).status == FixityCheck.Status.CHANGED
    )
