"""Helpers for the tests of staged uploads (core.uploads): the "Already
uploaded" lines a page shows and the tokens it sends back."""

from __future__ import annotations

import lxml.html
from django.core.files.storage import storages
from django.http import HttpResponse


def staged_tokens(response: HttpResponse, field: str) -> list[str]:
    page = lxml.html.fromstring(response.content.decode())
    return [i.get("value") for i in page.xpath(f'//input[@name="{field}-staged"]')]


def already_uploaded(response: HttpResponse) -> list[str]:
    page = lxml.html.fromstring(response.content.decode())
    return [
        " ".join(p.text_content().split())
        for p in page.xpath('//*[contains(@class, "staged-file-name")]')
    ]


def still_staged(tokens: list[str]) -> list[bool]:
    return [storages["staging"].exists(t) for t in tokens]
