"""The dashboard's filters: a period, a country, a title city."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.cities.countries import country_name, fold
from ecoc_hub.cities.models import Title
from ecoc_hub.core.metrics import Filters

#: The longest period one page shows (per year past two years).
MAX_YEARS = 20


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    month = today.month - 11
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1), today


class TitleChoiceField(forms.ModelChoiceField[Title]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)  # "Lisbonne 1994": the city in the reader's language


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class FilterForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    country = forms.ChoiceField(label=_("Country"), required=False)
    title = TitleChoiceField(
        label=_("Title city"),
        queryset=Title.objects.none(),
        required=False,
        empty_label=_("All title cities"),
    )

    def __init__(self, data: Any = None) -> None:
        start, end = default_period()
        if data is not None:
            data = data.copy()
            data.setdefault("start", start.isoformat())
            data.setdefault("end", end.isoformat())
        super().__init__(data, initial={"start": start, "end": end})
        titles = (
            Title.objects.exclude(status=Title.Status.UNVERIFIED)
            .select_related("city")
            .order_by("-year", "city__name")
        )
        title_field = self.fields["title"]
        assert isinstance(title_field, TitleChoiceField)  # noqa: S101 - for mypy
        title_field.queryset = titles
        codes = set(titles.values_list("city__country_code", flat=True))
        countries = sorted(
            ((code, country_name(code)) for code in codes),
            key=lambda pair: fold(pair[1]),
        )
        country_field = self.fields["country"]
        assert isinstance(country_field, forms.ChoiceField)  # noqa: S101
        country_field.choices = [("", _("All countries")), *countries]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period is before its start."))
            elif end.year - start.year > MAX_YEARS:
                self.add_error(
                    "start",
                    _("Choose a period of at most %(years)d years.")
                    % {"years": MAX_YEARS},
                )
        title, country = data.get("title"), data.get("country")
        if title is not None and country and title.city.country_code != country:
            self.add_error(
                "title",
                _("%(title)s is not in the country chosen.") % {"title": title},
            )
        return data

    def filters(self) -> Filters:
        """The chosen filters; the default period when the form is invalid."""
        if not self.is_bound or not self.is_valid():
            start, end = default_period()
            return Filters(start=start, end=end)
        title = self.cleaned_data["title"]
        return Filters(
            start=self.cleaned_data["start"],
            end=self.cleaned_data["end"],
            country=self.cleaned_data["country"] or "",
            title_id=title.pk if title is not None else None,
        )
