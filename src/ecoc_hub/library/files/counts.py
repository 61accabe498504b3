"""Limits on the pages, slides and cues of an uploaded file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .rules import UploadRejected


def _pptx_slides(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(1 for name in archive.namelist() if _PPTX_SLIDE.fullmatch(name))


_PPTX_SLIDE = re.compile(r"ppt/slides/slide[0-9]{1,9}\.xml")


def check_counts(path: Path, kind: str, filename: str) -> None:
    """Refuse a file holding more pages, slides or cues than the settings
    allow, before it is stored: each would become a row of the index.

    Counted cheaply (PDFium's page tree, the slide parts of a PPTX, the timing
    lines of a WebVTT file); the extractor counts again, and ODP slides only
    there, since they are known only once content.xml is parsed.
    """
    if kind == "pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        try:
            count = len(document)
        finally:
            document.close()
        limit = settings.ECOC_HUB_MAX_PAGES
        if count > limit:
            raise UploadRejected(
                _(
                    "“%(name)s” has %(count)s pages; files of more than %(max)s "
                    "pages are not accepted. Split it into parts."
                )
                % {
                    "name": filename,
                    "count": number_format(count, force_grouping=True),
                    "max": number_format(limit, force_grouping=True),
                }
            )
    elif kind == "pptx":
        count, limit = _pptx_slides(path), settings.ECOC_HUB_MAX_SLIDES
        if count > limit:
            raise UploadRejected(
                _(
                    "“%(name)s” has %(count)s slides; presentations of more than "
                    "%(max)s slides are not accepted. Split it into parts."
                )
                % {
                    "name": filename,
                    "count": number_format(count, force_grouping=True),
                    "max": number_format(limit, force_grouping=True),
                }
            )
    elif kind == "vtt":
        from ..extract import count_cues

        count, limit = count_cues(path.read_bytes()), settings.ECOC_HUB_MAX_CUES
        if count > limit:
            raise UploadRejected(
                _(
                    "“%(name)s” has %(count)s cues; caption files of more than "
                    "%(max)s cues are not accepted."
                )
                % {
                    "name": filename,
                    "count": number_format(count, force_grouping=True),
                    "max": number_format(limit, force_grouping=True),
                }
            )
