from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import CODE_LENGTH, normalise_code


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The twelve letters and digits printed on the certificate."),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _(
                    "A verification code has twelve letters and digits, "
                    "like K7QM-4XRT-P9WD."
                )
            )
        return code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Shown on the public verification page."),
    )


class ReissueForm(forms.Form):
    recipient_name = forms.CharField(label=_("Name as printed"), max_length=200)
    comment = forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
