"""Forms of the peer requests and the people directory."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.forms import ChooserWidget

from .enums import PeerRequestKind
from .models import MAX_POST_LENGTH, DirectoryEntry


class TeamChoiceField(forms.ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class AreaChoiceField(forms.ModelChoiceField[CapacityArea]):
    def label_from_instance(self, obj: CapacityArea) -> str:
        return obj.display_name


class AreasField(forms.ModelMultipleChoiceField[CapacityArea]):
    def label_from_instance(self, obj: CapacityArea) -> str:
        return obj.display_name


class PeerRequestForm(forms.Form):
    from_team = TeamChoiceField(
        label=_("Asking as the team"), queryset=Organisation.objects.none()
    )
    to_team = TeamChoiceField(
        label=_("Ask the team"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=PeerRequestKind.choices,
        widget=forms.RadioSelect,
    )
    capacity_area = AreaChoiceField(
        label=_("On the capacity area"),
        queryset=CapacityArea.objects.select_related("criterion").order_by(
            "criterion__letter", "code"
        ),
    )
    starts_on = forms.DateField(
        label=_("From (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ends_on = forms.DateField(
        label=_("Until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    message = forms.CharField(
        label=_("Your message to them"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("It opens the thread you share with them."),
    )

    def __init__(self, *args: Any, own_teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("from_team", own_teams),
            (
                "to_team",
                Organisation.objects.exclude(pk__in=own_teams.values("pk")).order_by(
                    "name"
                ),
            ),
        ):
            field = self.fields[name]
            assert isinstance(field, TeamChoiceField)  # noqa: S101 - for mypy
            field.queryset = queryset
        if len(own_teams) == 1:
            self.fields["from_team"].initial = own_teams[0].pk
            self.fields["from_team"].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end comes before the start."))
        return data


class PeerDecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("A word for them"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was it?"),
        choices=[
            (5, _("5: very useful")),
            (4, _("4: useful")),
            (3, _("3: somewhat useful")),
            (2, _("2: of little use")),
            (1, _("1: of no use")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("What worked, what did not"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DirectoryEntryForm(forms.ModelForm[DirectoryEntry]):
    areas = AreasField(
        label=_("Areas I have experience in"),
        queryset=CapacityArea.objects.order_by("code"),
        required=False,
        widget=ChooserWidget,
    )

    class Meta:
        model = DirectoryEntry
        fields = ["is_listed", "role", "areas"]
