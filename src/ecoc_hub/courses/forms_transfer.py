"""The import form of a course archive (issue 14)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .transfer_archive import MAX_TOTAL_BYTES

# --- A course archive (issue 14) ------------------------------------------------


class ImportCourseForm(forms.Form):
    archive = forms.FileField(
        label=_("Course archive (ZIP)"),
        widget=forms.FileInput(attrs={"accept": ".zip,application/zip"}),
        help_text=_(
            "A ZIP exported from a course (course.yaml, the lessons in Markdown, "
            "the media). It becomes a new draft course that you teach."
        ),
    )

    def clean_archive(self) -> Any:
        upload = self.cleaned_data["archive"]
        if (upload.size or 0) > MAX_TOTAL_BYTES:
            raise forms.ValidationError(
                _("The archive is larger than %(limit)s MB.")
                % {"limit": MAX_TOTAL_BYTES // (1024 * 1024)}
            )
        return upload
