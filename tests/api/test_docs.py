"""Every example of docs/harvesting-and-api.md runs: the curl lines through
the test client, the Python blocks with requests against a live server."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from ecoc_hub.api import services as api_services
from ecoc_hub.library import samples
from ecoc_hub.library.models import Resource

from .conftest import deposit

DOC = Path(__file__).resolve().parents[2] / "docs" / "harvesting-and-api.md"
SITE = "https://hub.example.org"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def _blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(DOC.read_text()) if lang == language]


def _curl_lines() -> list[str]:
    return [
        line
        for body in _blocks("bash")
        for line in body.replace("\\\n", " ").splitlines()
        if line.startswith("curl ")
    ]


def _run_curl(client, line: str, tmp_path: Path):
    args = shlex.split(line)[1:]
    method, headers, data, form, url = "GET", {}, [], {}, ""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "-X":
            method = args[index + 1]
            index += 1
        elif arg == "-H":
            name, _sep, value = args[index + 1].partition(": ")
            headers[name] = value
            index += 1
        elif arg == "-d":
            data.append(args[index + 1])
            method = "POST" if method == "GET" else method
            index += 1
        elif arg == "-F":
            name, _sep, value = args[index + 1].partition("=")
            form[name] = (
                (tmp_path / value[1:]).open("rb") if value.startswith("@") else value
            )
            index += 1
        elif arg == "-I":
            method = "HEAD"
        else:
            url = arg
        index += 1
    assert url.startswith(SITE), line
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    content_type = headers.pop("Content-Type", "application/x-www-form-urlencoded")
    if form:
        return client.post(path, form, headers=headers)
    if method == "HEAD":
        return client.head(path, headers=headers)
    if method == "GET":
        return client.get(path, headers=headers)
    return client.generic(
        method, path, "&".join(data), content_type=content_type, headers=headers
    )


def test_the_doc_has_examples():
    assert (len(_curl_lines()), len(_blocks("python"))) == (23, 2)


def test_every_curl_example_succeeds(client, member, curator, tmp_path):
    cache.clear()
    resource = deposit(owner=member, curator=curator)
    token = api_services.create_token(user=member, name="docs").secret
    (tmp_path / "handbook.pdf").write_bytes(samples.build_pdf(["Handbook."]))
    replacements = {"RESOURCE_UUID": str(resource.uuid), "TOKEN": token}

    statuses = []
    for line in _curl_lines():
        for placeholder, value in replacements.items():
            line = line.replace(placeholder, value)
        response = _run_curl(client, line, tmp_path)
        if response.status_code == 201 and "state" in response.json():
            replacements["DRAFT_UUID"] = response.json()["uuid"]
        statuses.append((line[-60:], response.status_code))

    assert [s for s in statuses if s[1] not in {200, 201}] == []
    assert Resource.objects.filter(state="submitted").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_python_example_runs(
    live_server, settings, member, curator, tmp_path, monkeypatch
):
    settings.SITE_URL = live_server.url
    cache.clear()
    for n in range(3):
        deposit(owner=member, curator=curator, title=f"Guide {n}")
    token = api_services.create_token(user=member, name="docs").secret
    (tmp_path / "handbook.pdf").write_bytes(samples.build_pdf(["Handbook."]))
    monkeypatch.chdir(tmp_path)

    for code in _blocks("python"):
        code = code.replace(SITE, live_server.url).replace("TOKEN", token)
        exec(compile(code, str(DOC), "exec"), {})  # noqa: S102 - our own doc

    assert Resource.objects.filter(title="Evaluation framework").get().state == (
        "submitted"
    )
