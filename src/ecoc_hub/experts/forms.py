from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecoc_hub.cities.choosers import country_terms
from ecoc_hub.cities.countries import all_country_choices
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core.collation import sort_choices
from ecoc_hub.core.forms import ChooserWidget, sort_options_by_name
from ecoc_hub.core.uploads import StagedFileField, StagedUploadsMixin
from ecoc_hub.library.files import extension_of

from .eligibility import Facts
from .enums import EcocRole, Level, Profile, language_choices
from .models import Application, Call
from .services import ExperienceRow


def _years_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=60, required=False)


def _set_choices(field: forms.Field, choices: list[tuple[Any, Any]]) -> None:
    cast(forms.ChoiceField, field).choices = choices


class TitleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ApplicationForm(StagedUploadsMixin, forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    country = forms.ChoiceField(label=gettext_lazy("Country of residence"))
    profiles = forms.MultipleChoiceField(
        label=gettext_lazy("Profiles you apply for"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Each profile has its own requirements, listed above."),
    )
    capacity_areas = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Capacity areas of expertise"),
        queryset=CapacityArea.objects.select_related("criterion"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries where you have worked"),
        required=False,
        widget=ChooserWidget(terms=country_terms),
    )
    years_sector = _years_field(
        gettext_lazy(
            "Years of experience in the cultural or social sector in "
            "multicultural contexts"
        )
    )
    years_consultancy = _years_field(gettext_lazy("Years as a consultant or trainer"))
    years_ecoc_team = _years_field(
        gettext_lazy("Years in a European Capital of Culture delivery team")
    )
    motivation = forms.CharField(
        label=gettext_lazy("Your experience and motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=6000,
    )
    references = forms.CharField(
        label=gettext_lazy("References"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
        help_text=gettext_lazy("Two people who know your work, and how to reach them."),
    )
    availability = forms.CharField(
        label=gettext_lazy("Availability"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("For example: four days a month from March, remote."),
    )
    cv = StagedFileField(
        label=gettext_lazy("CV (PDF)"),
        required=False,
        help_text=gettext_lazy(
            "A PDF file. Reviewers do not see your name, but they read the CV as it "
            "is: leave out what you do not want them to know."
        ),
    )
    declaration = forms.BooleanField(
        label=gettext_lazy(
            "I declare on my honour that the information given is true and "
            "complete, and that I will declare any conflict of interest."
        ),
        required=False,
    )

    def __init__(self, *args: Any, call: Call, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.application = application
        labels = dict(Profile.choices)
        _set_choices(
            self.fields["profiles"],
            sort_choices((code, labels[code]) for code in call.profile_codes()),
        )
        sort_options_by_name(self.fields["capacity_areas"])
        _set_choices(
            self.fields["country"],
            [("", _("Choose a country")), *all_country_choices()],
        )
        _set_choices(self.fields["countries"], all_country_choices())
        if not self.is_bound:
            profile = application.expert
            self.initial.update(
                full_name=profile.full_name,
                country=profile.country,
                profiles=application.profiles,
                capacity_areas=list(application.capacity_areas.all()),
                countries=application.countries,
                years_sector=application.years_sector,
                years_consultancy=application.years_consultancy,
                years_ecoc_team=application.years_ecoc_team,
                motivation=application.motivation,
                references=application.references,
                availability=application.availability,
                declaration=application.declaration,
            )

    def clean_cv(self) -> Any:
        upload = self.cleaned_data.get("cv")
        if upload and extension_of(upload.name) != "pdf":
            raise forms.ValidationError(_("The CV must be a PDF file."))
        return upload

    def values(self, languages: list[dict[str, str]]) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "profiles": list(data["profiles"]),
            "languages": languages,
            "countries": list(data["countries"]),
            "years_sector": data["years_sector"],
            "years_consultancy": data["years_consultancy"],
            "years_ecoc_team": data["years_ecoc_team"],
            "motivation": data["motivation"],
            "references": data["references"],
            "availability": data["availability"],
            "declaration": data["declaration"],
        }

    def facts(self, languages: list[dict[str, str]]) -> Facts:
        """What eligibility sees in the form as it is now (valid or not)."""
        data = getattr(self, "cleaned_data", {})
        return Facts(
            years_sector=data.get("years_sector"),
            years_consultancy=data.get("years_consultancy"),
            years_ecoc_team=data.get("years_ecoc_team"),
            profiles=tuple(data.get("profiles") or ()),
            languages=tuple(item["code"] for item in languages),
            has_cv=bool(data.get("cv")) or self.application.cv_id is not None,
            declaration=bool(data.get("declaration")),
        )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    level = forms.ChoiceField(label=gettext_lazy("Level"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["language"], [("", "—"), *language_choices()])
        _set_choices(self.fields["level"], [("", "—"), *Level.choices])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("language")) != bool(data.get("level")):
            raise forms.ValidationError(_("Give both the language and your level."))
        return data


class ExperienceForm(forms.Form):
    title = TitleChoiceField(
        label=gettext_lazy("European Capital of Culture"),
        queryset=Title.objects.select_related("city").order_by("-year"),
        required=False,
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), required=False)
    years = forms.IntegerField(
        label=gettext_lazy("Years"), min_value=1, max_value=60, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["role"], [("", "—"), *sort_choices(EcocRole.choices)])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("title")) != bool(data.get("role")):
            raise forms.ValidationError(_("Give both the title and your role."))
        return data


LanguageFormSet = forms.formset_factory(LanguageForm, extra=3, max_num=12)
ExperienceFormSet = forms.formset_factory(ExperienceForm, extra=2, max_num=12)


def languages_of(formset: forms.BaseFormSet) -> list[dict[str, str]]:
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("language") and data.get("level"):
            rows.append({"code": data["language"], "level": data["level"]})
    return rows


def experience_of(formset: forms.BaseFormSet) -> list[ExperienceRow]:
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("title") and data.get("role"):
            rows.append(
                ExperienceRow(
                    title=data["title"], role=data["role"], years=data.get("years") or 1
                )
            )
    return rows


class WithdrawForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Why do you withdraw? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
