"""The PDF prints every EU script exactly (checked by extracting its text)."""

import pypdfium2 as pdfium
import pytest

from ecoc_hub.certificates.pdf import certificate_pdf
from ecoc_hub.certificates.services import Achievement, issue_certificate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAMES = [
    "Timișoara Ștefănescu",
    "Jiří z Českých Budějovic",
    "Ελένη από τη Θεσσαλονίκη",
    "Пловдив Иванова",
    "Łucja Żółkiewska",
    "Gyõző Ős",
]


def _text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    assert len(document) == 1
    return document[0].get_textpage().get_text_range()


def _lines(data: bytes) -> list[str]:
    return [line.strip() for line in _text(data).replace("\r", "").split("\n")]


@pytest.mark.parametrize("name", NAMES)
def test_names_in_every_script_come_back_exactly(name, team_source):
    person = UserFactory(display_name=name)
    certificate = issue_certificate(
        recipient=person,
        achievement=Achievement(title="Academy Camp", criteria="Attended."),
        source=team_source,
    )

    lines = _lines(certificate_pdf(certificate))

    assert name in lines


def test_pdf_carries_code_verification_address_and_qr_image(certificate, settings):
    data = certificate_pdf(certificate)

    lines = _lines(data)
    page = pdfium.PdfDocument(data)[0]
    images = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    assert certificate.display_code in lines
    assert "Check it at:" in lines
    assert f"{settings.SITE_URL}/certificates/verify/{certificate.code}/" in lines
    assert "Certificate of attendance: Academy Camp 2" in lines
    assert len(images) == 1


def test_pdf_is_printed_in_the_certificates_language(team_source):
    person = UserFactory(display_name="Jürgen Groß", preferred_language="de")
    certificate = issue_certificate(
        recipient=person,
        achievement=Achievement(title="Akademie", criteria="Teilgenommen."),
        source=team_source,
    )

    lines = _lines(certificate_pdf(certificate))

    assert "Prüfcode" in lines
    assert "ausgestellt für" in lines
