from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from ecoc_hub.search import registry
from ecoc_hub.search.models import SearchDocument
from ecoc_hub.search.queries import search
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def thing_indexer():
    """A kind whose 'database' is a list, indexed by a registered factory."""
    things = ["alpha culture", "beta culture"]

    def factory():
        for number, text in enumerate(things, start=1):
            make_document(kind="tests.thing", object_id=number, title=text, text=text)
            yield text

    registry.register_indexer("tests.thing", factory, count=lambda: len(things))
    yield things
    registry.unregister_indexer("tests.thing")


def test_reindex_rebuilds_a_kind_and_drops_stale_documents(thing_indexer):
    make_document(kind="tests.thing", object_id=99, title="stale", text="culture")
    out = io.StringIO()

    call_command("reindex", kind=["tests.thing"], no_progress=True, stdout=out)

    assert sorted(SearchDocument.objects.values_list("title", flat=True)) == [
        "alpha culture",
        "beta culture",
    ]
    assert search("culture", user=AnonymousUser()).total == 2
    assert out.getvalue().splitlines()[0] == "tests.thing: 2 indexed"


def test_reindex_of_an_unknown_kind_is_an_error():
    with pytest.raises(CommandError, match=r"No indexer registered for: tests\.nope"):
        call_command("reindex", kind=["tests.nope"], no_progress=True)


def test_register_indexer_wants_a_namespaced_kind():
    with pytest.raises(ValueError, match=r"<app>\.<model>"):
        registry.register_indexer("thing", list)
