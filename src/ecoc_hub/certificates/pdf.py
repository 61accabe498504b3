"""The printable certificate: A4 landscape, in the certificate's language.

Made with fpdf2 and the vendored DejaVu Sans (``core/pdf.py``), so the name
is printed, and comes back from text extraction, exactly as given in any EU
script. It carries the verification code and a QR code of the public
verification page.
"""

from __future__ import annotations

import io

import qrcode
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from ecoc_hub.core.links import absolute
from ecoc_hub.core.pdf import FAMILY, new_document

from .models import Certificate

INK = (27, 29, 36)  # --text of the design system
MUTED = (74, 79, 92)  # --muted
PRIMARY = (29, 63, 158)  # --primary


def _qr_png(url: str) -> io.BytesIO:
    image = qrcode.make(url, border=1, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def certificate_pdf(certificate: Certificate) -> bytes:
    with translation.override(certificate.language):
        return _render(certificate)


def _render(certificate: Certificate) -> bytes:
    verify_url = absolute(certificate.get_absolute_url())
    pdf = new_document(title=certificate.title, orientation="landscape", bold=True)
    pdf.set_author(settings.ECOC_HUB_ISSUER_NAME)
    pdf.set_subject(certificate.recipient_name)
    pdf.set_lang(certificate.language)
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    width = pdf.w - 2 * pdf.l_margin
    # A frame in the primary colour.
    pdf.set_draw_color(*PRIMARY)
    pdf.set_line_width(3)
    pdf.rect(28, 28, pdf.w - 56, pdf.h - 56)
    pdf.set_line_width(0.8)
    pdf.rect(36, 36, pdf.w - 72, pdf.h - 72)

    pdf.set_text_color(*PRIMARY)
    pdf.set_font(FAMILY, style="B", size=13)
    pdf.set_xy(pdf.l_margin, 70)
    pdf.cell(width, 18, settings.ECOC_HUB_ISSUER_NAME.upper(), align="C")

    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, style="B", size=28)
    pdf.set_xy(pdf.l_margin, 110)
    pdf.multi_cell(
        width, 34, certificate.title, align="C", new_x="LMARGIN", new_y="NEXT"
    )

    pdf.ln(14)
    pdf.set_font(FAMILY, size=14)
    pdf.set_text_color(*MUTED)
    pdf.cell(width, 20, _("awarded to"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, style="B", size=30)
    pdf.multi_cell(
        width, 36, certificate.recipient_name, align="C", new_x="LMARGIN", new_y="NEXT"
    )

    pdf.ln(10)
    pdf.set_font(FAMILY, size=12)
    if certificate.description:
        pdf.multi_cell(
            width, 17, certificate.description, align="C", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(4)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        width, 16, certificate.criteria, align="C", new_x="LMARGIN", new_y="NEXT"
    )

    # The foot: date and issuer on the left, verification on the right.
    foot = pdf.h - 150
    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, size=11)
    pdf.set_xy(70, foot + 20)
    issued = formats.date_format(certificate.issued_at, "DATE_FORMAT")
    pdf.multi_cell(
        330,
        16,
        _("Issued on %(date)s by %(issuer)s")
        % {"date": issued, "issuer": settings.ECOC_HUB_ISSUER_NAME},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_x(70)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        330,
        14,
        _("Also issued as a signed Open Badges 3.0 credential."),
        new_x="LMARGIN",
        new_y="NEXT",
    )

    qr_size = 96
    qr_x = pdf.w - 70 - qr_size
    pdf.image(_qr_png(verify_url), x=qr_x, y=foot, w=qr_size, h=qr_size)
    text_right = qr_x - 14
    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, size=10)
    pdf.set_xy(text_right - 260, foot + 4)
    pdf.multi_cell(
        260, 14, _("Verification code"), align="R", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FAMILY, style="B", size=15)
    pdf.set_x(text_right - 260)
    pdf.multi_cell(
        260, 20, certificate.display_code, align="R", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FAMILY, size=9)
    pdf.set_text_color(*MUTED)
    pdf.set_x(text_right - 260)
    pdf.multi_cell(260, 12, _("Check it at:"), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=8)
    pdf.set_x(text_right - 360)
    pdf.multi_cell(360, 11, verify_url, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.link(qr_x, foot, qr_size, qr_size, verify_url)
    return bytes(pdf.output())
