"""Forms of the expert pool: its filters, the expert's own profile and
calendar, and the contact form."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.cities.choosers import country_terms
from ecoc_hub.cities.countries import all_country_choices, country_name
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.collation import sort_choices
from ecoc_hub.core.forms import ChooserWidget, sort_options_by_name

from .enums import language_choices, language_label, profile_choices
from .pool_queries import PoolFilter
from .support_forms import DateInput

#: Availability periods the calendar form offers at once (one empty row more
#: than the expert has, up to this).
MAX_PERIODS = 12


def _set_choices(field: forms.Field, choices: list[tuple[Any, Any]]) -> None:
    cast(forms.ChoiceField, field).choices = choices


def area_choices() -> list[tuple[str, str]]:
    return sort_choices((a.code, a.display_name) for a in CapacityArea.objects.all())


class PoolFilterForm(forms.Form):
    area = forms.ChoiceField(label=gettext_lazy("Capacity area"), required=False)
    profile = forms.ChoiceField(label=gettext_lazy("Expert profile"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Speaks"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Has worked in"), required=False)
    available_from = forms.DateField(
        label=gettext_lazy("Available from"), required=False, widget=DateInput()
    )
    available_until = forms.DateField(
        label=gettext_lazy("Available until"), required=False, widget=DateInput()
    )

    def __init__(self, *args: Any, countries: list[str], languages: list[str], **kw):
        super().__init__(*args, **kw)
        anything = ("", _("Any"))
        _set_choices(self.fields["area"], [anything, *area_choices()])
        _set_choices(self.fields["profile"], [anything, *profile_choices()])
        spoken = sort_choices((c, language_label(c)) for c in languages)
        _set_choices(self.fields["language"], [anything, *spoken])
        places = sort_choices((c, country_name(c)) for c in countries)
        _set_choices(self.fields["country"], [anything, *places])

    def chosen(self) -> PoolFilter:
        if not self.is_valid():
            return PoolFilter()
        data = self.cleaned_data
        return PoolFilter(
            area=data["area"],
            profile=data["profile"],
            language=data["language"],
            country=data["country"],
            available_from=data["available_from"],
            available_until=data["available_until"],
        )


class PoolProfileForm(forms.Form):
    is_listed = forms.BooleanField(
        label=gettext_lazy("Show my profile in the pool"),
        required=False,
        help_text=gettext_lazy(
            "When unticked, nobody but you and the curators sees your profile, "
            "and you are not proposed to city teams."
        ),
    )
    headline = forms.CharField(
        label=gettext_lazy("Headline"),
        max_length=160,
        required=False,
        help_text=gettext_lazy("One line under your name, for example your trade."),
    )
    bio = forms.CharField(
        label=gettext_lazy("About me"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=4000,
        required=False,
        help_text=gettext_lazy(
            "Public. City teams' needs are matched against these words too."
        ),
    )
    bio_language = forms.ChoiceField(label=gettext_lazy("Written in"))
    profiles = forms.MultipleChoiceField(
        label=gettext_lazy("Expert profiles"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    capacity_areas = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Capacity areas"),
        queryset=CapacityArea.objects.select_related("criterion"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries where you have worked"),
        required=False,
        widget=ChooserWidget(terms=country_terms),
    )
    day_rate = forms.IntegerField(
        label=gettext_lazy("Day rate (EUR)"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=gettext_lazy("Optional. Leave empty to not show a rate."),
    )
    show_email = forms.BooleanField(
        label=gettext_lazy("Show my e-mail address to signed-in members of city teams"),
        required=False,
    )
    show_photo = forms.BooleanField(
        label=gettext_lazy("Show the photo of my account"), required=False
    )
    show_experience = forms.BooleanField(
        label=gettext_lazy("Show the European Capitals of Culture I worked for"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["bio_language"], language_choices())
        _set_choices(self.fields["profiles"], profile_choices())
        _set_choices(self.fields["countries"], all_country_choices())
        sort_options_by_name(self.fields["capacity_areas"])

    def values(self, languages: list[dict[str, str]]) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name]
            for name in self.fields
            if name != "capacity_areas"
        }
        data["languages"] = languages
        return data


class PeriodForm(forms.Form):
    starts_on = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=DateInput()
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Until"), required=False, widget=DateInput()
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"), max_length=200, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if bool(starts) != bool(ends):
            raise forms.ValidationError(_("Give both the first and the last day."))
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date comes before the start date."))
        return data


PeriodFormSet = forms.formset_factory(PeriodForm, extra=1, max_num=MAX_PERIODS)


def periods_of(formset: forms.BaseFormSet) -> list[tuple[dt.date, dt.date, str]]:
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("starts_on") and data.get("ends_on"):
            rows.append((data["starts_on"], data["ends_on"], data.get("note", "")))
    return rows


class ContactForm(forms.Form):
    team = forms.ModelChoiceField(
        label=gettext_lazy("On behalf of"), queryset=Organisation.objects.none()
    )
    message = forms.CharField(
        label=gettext_lazy("Your message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
        help_text=gettext_lazy(
            "The expert receives it by e-mail with your name, your team and your "
            "e-mail address, so that they can answer you."
        ),
    )

    def __init__(self, *args: Any, teams: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A person in one team writes for that team: no question to ask.
        self.only_team = teams[0] if len(teams) == 1 else None
        if self.only_team is not None:
            del self.fields["team"]
        else:
            field = cast(forms.ModelChoiceField, self.fields["team"])
            field.queryset = Organisation.objects.filter(pk__in=[t.pk for t in teams])

    def chosen_team(self) -> Organisation:
        return self.only_team or self.cleaned_data["team"]
