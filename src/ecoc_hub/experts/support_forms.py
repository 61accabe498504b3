"""Forms of support requests, invitations, messages and feedback."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.forms import ChooserWidget, sort_options_by_name
from ecoc_hub.library.vocab import language_terms

from .enums import language_choices, profile_choices
from .support_enums import Rating, SupportFormat
from .support_models import SupportRequest


def _set_choices(field: forms.Field, choices: list[tuple[Any, Any]]) -> None:
    cast(forms.ChoiceField, field).choices = choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class SupportRequestForm(forms.Form):
    team = forms.ModelChoiceField(
        label=gettext_lazy("City team"), queryset=Organisation.objects.none()
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("A short name for the need."),
    )
    description = forms.CharField(
        label=gettext_lazy("The need, in your own words"),
        widget=forms.Textarea(attrs={"rows": 7}),
        max_length=5000,
        help_text=gettext_lazy(
            "What the team wants to achieve, what it has tried, what help it "
            "expects. Experts are matched on these words too."
        ),
    )
    text_language = forms.ChoiceField(label=gettext_lazy("Written in"))
    capacity_areas = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Capacity areas"),
        queryset=CapacityArea.objects.select_related("criterion"),
        widget=forms.CheckboxSelectMultiple,
    )
    profiles = forms.MultipleChoiceField(
        label=gettext_lazy("Expert profiles"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Optional: without a choice, the profiles that fit the capacity "
            "areas are looked for."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Working languages"),
        required=False,
        widget=ChooserWidget(terms=language_terms),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Preferred format"),
        choices=SupportFormat.choices,
        widget=forms.RadioSelect,
        initial=SupportFormat.EITHER,
    )
    starts_on = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    ends_on = forms.DateField(label=gettext_lazy("Until"), widget=DateInput())
    budget_min = forms.IntegerField(
        label=gettext_lazy("Budget from (EUR)"),
        min_value=0,
        max_value=10_000_000,
        required=False,
    )
    budget_max = forms.IntegerField(
        label=gettext_lazy("Budget up to (EUR)"),
        min_value=0,
        max_value=10_000_000,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        teams: list[Organisation] | None = None,
        request_obj: SupportRequest | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = language_choices()
        _set_choices(self.fields["text_language"], choices)
        _set_choices(self.fields["languages"], choices)
        _set_choices(self.fields["profiles"], profile_choices())
        sort_options_by_name(self.fields["capacity_areas"])
        # A person in one team writes for that team: no question to ask.
        self.only_team = teams[0] if teams and len(teams) == 1 else None
        if teams is None or self.only_team is not None:
            del self.fields["team"]
        else:
            field = cast(forms.ModelChoiceField, self.fields["team"])
            field.queryset = Organisation.objects.filter(pk__in=[t.pk for t in teams])
        if request_obj is not None and not self.is_bound:
            self.initial.update(
                {
                    "title": request_obj.title,
                    "description": request_obj.description,
                    "text_language": request_obj.text_language,
                    "capacity_areas": list(request_obj.capacity_areas.all()),
                    "profiles": request_obj.profiles,
                    "languages": request_obj.languages,
                    "format": request_obj.format,
                    "starts_on": request_obj.starts_on,
                    "ends_on": request_obj.ends_on,
                    "budget_min": request_obj.budget_min,
                    "budget_max": request_obj.budget_max,
                }
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date comes before the start date."))
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and high < low:
            self.add_error("budget_max", _("The upper budget is below the lower one."))
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "title",
                "description",
                "text_language",
                "profiles",
                "languages",
                "format",
                "starts_on",
                "ends_on",
                "budget_min",
                "budget_max",
            )
        }


class CityPageConsentForm(forms.Form):
    show_on_city_page = forms.BooleanField(
        label=gettext_lazy("Show this support on our city's page"),
        required=False,
        help_text=gettext_lazy(
            "Once an expert has completed the work, the title city's page lists "
            "the request's title, its capacity areas and the expert's name."
        ),
    )


class InviteForm(forms.Form):
    expert = forms.IntegerField(widget=forms.HiddenInput)


class DeclineForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Message to the team (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=500,
    )
    conflict = forms.BooleanField(
        label=gettext_lazy(
            "I have a conflict of interest with this team: do not propose me "
            "to it again."
        ),
        required=False,
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Rating"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
    )
