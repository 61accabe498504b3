from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.cities.choosers import (
    TitleMultipleChoiceField,
    country_terms,
    title_terms,
)
from ecoc_hub.cities.countries import all_country_choices
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core.forms import ChooserWidget
from ecoc_hub.core.uploads import StagedFileField, StagedUploadsMixin

from .files import EXTENSIONS
from .models import Creator, Report, Resource
from .services import CreatorData
from .vocab import language_choices, language_terms

ORG_SUFFIX = "(organisation)"


class MetadataForm(StagedUploadsMixin, forms.ModelForm):
    """The description of a resource; a new one may bring its first file along
    (``with_file=True``), kept through a failed validation."""

    creators = forms.CharField(
        label=_("Creators"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line, in order. Write “(organisation)” after the name of an "
            "organisation."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        widget=ChooserWidget(terms=language_terms),
        help_text=_(
            "The languages the resource is written or spoken in, the main one first."
        ),
        error_messages={"required": _("Choose at least one language.")},
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=all_country_choices,
        widget=ChooserWidget(terms=country_terms),
        required=False,
        help_text=_("The countries the resource is about."),
    )
    capacity_areas = forms.ModelMultipleChoiceField(
        label=_("Capacity areas"),
        queryset=CapacityArea.objects.select_related("criterion"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    titles = TitleMultipleChoiceField(
        label=_("Title cities"),
        queryset=Title.objects.select_related("city"),
        widget=ChooserWidget(terms=title_terms),
        required=False,
        help_text=_("The European Capitals of Culture this resource is about."),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "abstract",
            "resource_type",
            "publisher",
            "publication_year",
            "publication_date",
            "doi",
            "isbn",
            "url",
        ]
        widgets = {"publication_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, with_file: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_file:
            self.fields["file"] = StagedFileField(
                label=_("File"),
                required=False,
                help_text=_(
                    "The resource's main file, if you have it at hand. You can add "
                    "more files in the next step."
                ),
            )
            self.fields["file"].widget.attrs["accept"] = ",".join(
                "." + ext for ext in EXTENSIONS
            )
            self.fields["file"].widget.stage = self.upload_stage  # type: ignore[attr-defined]
        self.fields["publication_year"].required = True
        # No silent default: a person picks the type, "Other" included.
        resource_type = self.fields["resource_type"]
        assert isinstance(resource_type, forms.ChoiceField)  # noqa: S101
        resource_type.choices = [("", _("Choose a type")), *Resource.Type.choices]
        resource_type.required = True
        resource = self.instance
        if not resource.pk:
            self.initial.setdefault("resource_type", "")
        if resource.pk:
            self.initial.setdefault(
                "creators",
                "\n".join(
                    f"{c.name} {ORG_SUFFIX}"
                    if c.kind == Creator.Kind.ORGANISATION
                    else c.name
                    for c in resource.creators.all()
                ),
            )
            self.initial.setdefault("languages", list(resource.languages))
            self.initial.setdefault("countries", list(resource.countries))
            self.initial.setdefault(
                "capacity_areas", list(resource.capacity_areas.all())
            )
            self.initial.setdefault("titles", list(resource.titles.all()))

    def clean_creators(self) -> list[CreatorData]:
        creators = []
        for line in self.cleaned_data["creators"].splitlines():
            name = line.strip()
            if not name:
                continue
            kind = Creator.Kind.PERSON
            if name.lower().endswith(ORG_SUFFIX):
                name = name[: -len(ORG_SUFFIX)].strip()
                kind = Creator.Kind.ORGANISATION
            if len(name) > 200:
                raise ValidationError(_("A creator's name is at most 200 characters."))
            creators.append(CreatorData(name=name, kind=kind))
        if not creators:
            raise ValidationError(_("Name at least one creator."))
        return creators

    def clean_languages(self) -> list[str]:
        return list(dict.fromkeys(self.cleaned_data["languages"]))

    def clean_countries(self) -> list[str]:
        return list(dict.fromkeys(self.cleaned_data.get("countries") or []))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year = data.get("publication_year")
        full = data.get("publication_date")
        if year and full and full.year != year:
            self.add_error(
                "publication_date", _("The full date is not in the publication year.")
            )
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields}
        values["languages"] = data["languages"]
        values["countries"] = data["countries"]
        return values


class AccessForm(forms.ModelForm):
    allowed_organisations = forms.ModelMultipleChoiceField(
        label=_("City teams with access"),
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only for “Restricted”: the teams whose members may open it."),
    )

    class Meta:
        model = Resource
        fields = ["licence", "access", "embargo_until"]
        widgets = {
            "licence": forms.RadioSelect,
            "access": forms.RadioSelect,
            "embargo_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "allowed_organisations", list(self.instance.allowed_organisations.all())
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("access") == Resource.Access.RESTRICTED and not data.get(
            "allowed_organisations"
        ):
            self.add_error(
                "allowed_organisations",
                _("Choose at least one city team for restricted access."),
            )
        return data


class FileUploadForm(StagedUploadsMixin, forms.Form):
    file = StagedFileField(label=_("File"))
    label = forms.CharField(
        label=_("Label"),
        max_length=200,
        required=False,
        help_text=_("For example: “Full report” or “Summary in French”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accept = ",".join("." + ext for ext in EXTENSIONS)
        self.fields["file"].widget.attrs["accept"] = accept


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the contributor"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["reason", "message"]
        widgets = {"reason": forms.RadioSelect, "message": forms.Textarea}


class ResolveReportForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class CollectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea, required=False
    )
    resources = forms.CharField(
        label=_("Resources, in order"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One resource address (or its ID) per line."),
    )

    def clean_resources(self) -> list[Resource]:
        import re
        import uuid

        found = []
        for line in self.cleaned_data["resources"].splitlines():
            line = line.strip()
            if not line:
                continue
            match = re.search(
                r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", line
            )
            resource = (
                Resource.objects.filter(
                    uuid=uuid.UUID(match.group(0)), state=Resource.State.PUBLISHED
                ).first()
                if match
                else None
            )
            if resource is None:
                raise ValidationError(
                    _("“%(line)s” is not a published resource."), params={"line": line}
                )
            found.append(resource)
        if not found:
            raise ValidationError(_("Add at least one resource."))
        return found
