"""Caps on what one file may hold once read: PDF pages, slides and WebVTT cues
(issue 11, defect 7). Every case is a real file, generated here."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecoc_hub.library import extract, samples, services
from ecoc_hub.library.files import UploadRejected
from ecoc_hub.library.models import Blob, FilePage, ResourceFile
from ecoc_hub.library.tasks import apply_extraction

from .conftest import make_resource, stage


def blank_pdf(pages: int) -> bytes:
    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842).close()
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def odp_bytes(slides: int) -> bytes:
    from odf.draw import Frame, Page, TextBox
    from odf.opendocument import OpenDocumentPresentation
    from odf.style import MasterPage, PageLayout
    from odf.text import P

    document = OpenDocumentPresentation()
    layout = PageLayout(name="layout")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="master", pagelayoutname=layout)
    document.masterstyles.addElement(master)
    for number in range(1, slides + 1):
        page = Page(masterpagename=master)
        frame = Frame(width="20cm", height="3cm", x="1cm", y="1cm")
        box = TextBox()
        box.addElement(P(text=f"Slide {number}"))
        frame.addElement(box)
        page.addElement(frame)
        document.presentation.addElement(page)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cues(count: int) -> bytes:
    return samples.vtt_bytes(
        [(n * 2.0, n * 2.0 + 1.5, f"Cue {n}") for n in range(count)]
    )


@pytest.fixture
def draft(member):
    return services.create_draft(
        owner=member, title="Draft", values={"languages": ["en"]}
    )


def test_a_30000_page_blank_pdf_is_refused_at_upload_and_nothing_is_stored(db):
    data = blank_pdf(30_000)
    assert len(data) < 5 * 1024 * 1024  # small: only the page count stops it
    blobs = Blob.objects.count()

    with pytest.raises(UploadRejected) as refused:
        stage(data, "blank.pdf")

    assert refused.value.message == (
        "“blank.pdf” has 30,000 pages; files of more than 5,000 pages are not "
        "accepted. Split it into parts."
    )
    assert Blob.objects.count() == blobs


def test_a_pdf_of_exactly_the_limit_is_accepted_page_by_page(draft, member, settings):
    settings.ECOC_HUB_MAX_PAGES = 12

    file = services.add_file(
        resource=draft, staged=stage(blank_pdf(12), "twelve.pdf"), uploaded_by=member
    )

    assert file.extraction_status == "ok"
    assert file.pages.count() == 12


def test_the_page_limit_is_read_from_the_settings(db, settings):
    settings.ECOC_HUB_MAX_PAGES = 12

    with pytest.raises(UploadRejected) as refused:
        stage(blank_pdf(13), "thirteen.pdf")

    assert refused.value.message == (
        "“thirteen.pdf” has 13 pages; files of more than 12 pages are not "
        "accepted. Split it into parts."
    )


def test_a_pdf_stored_before_the_limit_was_lowered_is_not_extracted(
    draft, member, settings
):
    file = services.add_file(
        resource=draft, staged=stage(blank_pdf(30), "thirty.pdf"), uploaded_by=member
    )
    assert file.pages.count() == 30
    settings.ECOC_HUB_MAX_PAGES = 20

    file = apply_extraction(ResourceFile.objects.get(pk=file.pk))

    assert file.extraction_status == "failed"
    assert file.extraction_error == (
        "The file holds 30 pages, more than the 20 allowed; none of them was read."
    )
    assert FilePage.objects.filter(file=file).count() == 0


def test_a_presentation_with_too_many_slides_is_refused_at_upload(db, settings):
    settings.ECOC_HUB_MAX_SLIDES = 3
    data = samples.pptx_bytes([(f"Slide {n}", "body") for n in range(4)])

    with pytest.raises(UploadRejected) as refused:
        stage(data, "deck.pptx")

    assert refused.value.message == (
        "“deck.pptx” has 4 slides; presentations of more than 3 slides are not "
        "accepted. Split it into parts."
    )


def test_a_presentation_at_the_slide_limit_is_accepted(draft, member, settings):
    settings.ECOC_HUB_MAX_SLIDES = 3
    data = samples.pptx_bytes([(f"Slide {n}", "body") for n in range(3)])

    file = services.add_file(
        resource=draft, staged=stage(data, "deck.pptx"), uploaded_by=member
    )

    assert file.pages.count() == 3


def test_odp_slides_are_capped_by_the_extractor(draft, member, settings):
    settings.ECOC_HUB_MAX_SLIDES = 5

    file = services.add_file(
        resource=draft, staged=stage(odp_bytes(6), "deck.odp"), uploaded_by=member
    )

    assert file.extraction_status == "failed"
    assert file.extraction_error == (
        "The file holds 6 slides, more than the 5 allowed; none of them was read."
    )
    assert file.pages.count() == 0


def test_odp_within_the_slide_limit_is_read(draft, member, settings):
    settings.ECOC_HUB_MAX_SLIDES = 5

    file = services.add_file(
        resource=draft, staged=stage(odp_bytes(5), "deck.odp"), uploaded_by=member
    )

    assert file.extraction_status == "ok"
    assert list(file.pages.values_list("text", flat=True)) == [
        f"Slide {n}" for n in range(1, 6)
    ]


def test_a_webvtt_file_with_40000_cues_is_refused_at_upload(db):
    data = cues(40_000)
    assert len(data) < 2 * 1024 * 1024  # within the captions size limit

    with pytest.raises(UploadRejected) as refused:
        stage(data, "captions.vtt")

    assert refused.value.message == (
        "“captions.vtt” has 40,000 cues; caption files of more than 10,000 cues "
        "are not accepted."
    )


def test_a_webvtt_file_at_the_cue_limit_becomes_one_page_per_cue(
    draft, member, settings
):
    settings.ECOC_HUB_MAX_CUES = 50

    file = services.add_file(
        resource=draft, staged=stage(cues(50), "captions.vtt"), uploaded_by=member
    )

    assert file.pages.count() == 50


def test_the_extractor_counts_cues_itself(tmp_path: Path):
    path = tmp_path / "captions.vtt"
    path.write_bytes(cues(8))

    with pytest.raises(extract.TooMany) as refused:
        extract.extract("vtt", path, extract.Limits(pages=1, slides=1, cues=7))

    assert (refused.value.what, refused.value.count, refused.value.limit) == (
        "cues",
        8,
        7,
    )


def test_the_upload_form_shows_the_count_limits_next_to_the_sizes(
    member_client, member, settings
):
    settings.ECOC_HUB_MAX_PAGES = 2500
    resource = make_resource(owner=member, state="draft")

    page = member_client.get(
        reverse("library:deposit_files", args=[resource.uuid])
    ).content.decode()

    assert (
        "<td>pdf, docx, pptx, xlsx, odt, odp</td><td>100 MB</td>"
        "<td>PDF up to 2,500 pages, presentations up to 1,000 slides</td>"
    ) in page
    assert "<td>vtt</td><td>2 MB</td><td>up to 10,000 cues</td>" in page


def test_the_form_refuses_a_long_pdf_with_the_reason_and_keeps_the_files(
    member_client, member, settings
):
    settings.ECOC_HUB_MAX_PAGES = 10
    resource = make_resource(owner=member, state="draft")
    files_before = resource.files.count()

    response = member_client.post(
        reverse("library:deposit_files", args=[resource.uuid]),
        {"file": SimpleUploadedFile("long.pdf", blank_pdf(11))},
    )

    assert response.context["form"].errors["file"] == [
        "“long.pdf” has 11 pages; files of more than 10 pages are not accepted. "
        "Split it into parts."
    ]
    assert resource.files.count() == files_before
