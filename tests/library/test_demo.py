from __future__ import annotations

import io

from ecoc_hub.library.demo import load_demo
from ecoc_hub.library.models import Collection, Resource, ResourceFile
from ecoc_hub.search.queries import search

SAMPLE = {0, 1, 2, 3, 4, 5, 6, 12, 33, 36, 37, 38, 39}


def test_demo_loads_real_files_in_six_languages_and_is_idempotent(db):
    first = load_demo(stdout=io.StringIO(), only=SAMPLE)
    second = load_demo(stdout=io.StringIO(), only=SAMPLE)

    resources = Resource.objects.filter(identifier__startswith="demo-")
    assert (first, second) == (len(SAMPLE), 0)
    assert sorted({r.languages[0] for r in resources}) == [
        "de",
        "en",
        "es",
        "fr",
        "it",
        "pl",
    ]
    assert sorted(set(ResourceFile.objects.values_list("kind", flat=True))) == [
        "docx",
        "mp3",
        "pdf",
        "png",
        "pptx",
        "vtt",
    ]
    assert set(ResourceFile.objects.values_list("extraction_status", flat=True)) == {
        "ok",
        "skipped",
    }
    assert resources.filter(state="submitted").count() == 1
    assert Collection.objects.count() == 2


def test_demo_pdf_text_is_found_by_an_inflected_polish_word(db):
    load_demo(stdout=io.StringIO(), only={11})

    # The text has "wolontariuszy" and "Wolontariusze", never this form.
    results = search("wolontariusza", user=None, kinds=["library.resource"])

    assert results.total == 1
