from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from ecoc_hub.search.services import Passage, index_document

_ids = itertools.count(1)


def make_document(**overrides: Any):
    """Index one document with sensible defaults; returns the SearchDocument."""
    object_id = overrides.pop("object_id", next(_ids))
    text = overrides.pop("text", None)
    language = overrides.get("language", "en")
    values: dict[str, Any] = {
        "kind": "tests.thing",
        "object_id": object_id,
        "title": f"Document {object_id}",
        "url": f"/things/{object_id}/",
        "summary": "",
        "language": language,
        "access": "public",
        "published": dt.date(2020, 1, 1),
        "facets": {},
        "passages": [Passage(text=text, language=language)] if text else [],
    }
    values.update(overrides)
    return index_document(**values)


@pytest.fixture
def index_doc(db):
    return make_document
