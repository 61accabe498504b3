from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .countries import country_choices
from .models import Title
from .queries import DirectoryFilters

FIRST_DECADE = 1980
LAST_DECADE = 2030


class DirectoryFilterForm(forms.Form):
    """The directory's filters; every field is optional (empty means "all")."""

    q = forms.CharField(
        label=_("City name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    decade = forms.TypedChoiceField(
        label=_("Decade"), required=False, coerce=int, empty_value=None
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, show_unverified: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        decades = range(FIRST_DECADE, LAST_DECADE + 1, 10)
        self._set_choices(
            "decade",
            [("", gettext("All decades"))]
            + [
                # Translators: a decade in a filter, e.g. "1980s"
                (str(decade), gettext("%(decade)ss") % {"decade": decade})
                for decade in decades
            ],
        )
        self._set_choices(
            "country", [("", gettext("All countries")), *country_choices()]
        )
        statuses = [
            (value, label)
            for value, label in Title.Status.choices
            if show_unverified or value != Title.Status.UNVERIFIED
        ]
        self._set_choices("status", [("", gettext("All statuses")), *statuses])

    def _set_choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - for mypy
        field.choices = choices

    def filters(self) -> DirectoryFilters:
        """The valid filters; call after is_valid()."""
        data = self.cleaned_data if self.is_valid() else {}
        return DirectoryFilters(
            decade=data.get("decade"),
            country=data.get("country", ""),
            status=data.get("status", ""),
            q=data.get("q", "").strip(),
        )

    @property
    def is_filtered(self) -> bool:
        return self.filters() != DirectoryFilters()
