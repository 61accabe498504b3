"""The application form (fixed fields + the event's own questions), the
question editor, the selection filters and the e-mail templates."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.languages import spoken_language_choices
from ecoc_hub.cities.models import Title
from ecoc_hub.core.forms import ChooserWidget, MenuSelect, choice_field
from ecoc_hub.core.uploads import StagedFileField, StagedUploadsMixin
from ecoc_hub.library.files import EXTENSIONS, UploadRejected, stage_upload
from ecoc_hub.library.vocab import language_terms

from .enums import ApplicantRole, DraftDecision, QuestionKind
from .models import EmailTemplate, Event, FollowUp, Question

#: Answer files: documents and images, checked by content like library files.
ANSWER_FAMILIES = {"document", "image"}
ANSWER_EXTENSIONS = sorted(
    ext for ext, (_kind, family) in EXTENSIONS.items() if family in ANSWER_FAMILIES
)
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def question_field_name(question: Question) -> str:
    return f"q{question.pk}"


def _question_field(question: Question) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
    }
    kind = question.kind
    options = [(c, c) for c in question.choices]
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=300, **common)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=forms.Textarea, **common)
    if kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    help_text = _("%(help)s Accepted: %(types)s.") % {
        "help": question.help_text,
        "types": ", ".join(ANSWER_EXTENSIONS),
    }
    return StagedFileField(
        label=question.label, help_text=help_text.strip(), required=question.required
    )


class ApplicationForm(StagedUploadsMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=160)
    title = forms.ModelChoiceField(
        label=_("Title city"),
        queryset=Title.objects.none(),
        required=False,
        help_text=_("The European Capital of Culture you work for, if any."),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("If you do not work for a title city: your organisation."),
    )
    role = forms.ChoiceField(label=_("Your role"), choices=ApplicantRole.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=(),
        widget=ChooserWidget(terms=language_terms),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        title_field = self.fields["title"]
        assert isinstance(title_field, forms.ModelChoiceField)  # noqa: S101
        title_field.queryset = (
            Title.objects.exclude(status=Title.Status.UNVERIFIED)
            .select_related("city")
            .order_by("-year", "city__name")
        )
        languages = self.fields["languages"]
        assert isinstance(languages, forms.MultipleChoiceField)  # noqa: S101
        languages.choices = spoken_language_choices()
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[question_field_name(question)] = _question_field(question)
        self.staged_answers: dict[int, Any] = {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("title") and not cleaned.get("organisation", "").strip():
            self.add_error(
                "organisation",
                _("Choose your title city or give your organisation."),
            )
        for question in self.questions:
            if question.kind != QuestionKind.FILE:
                continue
            name = question_field_name(question)
            upload = cleaned.get(name)
            if not upload or name in self.errors:
                continue
            extension = str(upload.name).rsplit(".", 1)[-1].lower()
            if extension not in ANSWER_EXTENSIONS:
                self.add_error(
                    name,
                    _("Files of this type are not accepted here. Accepted: %(types)s.")
                    % {"types": ", ".join(ANSWER_EXTENSIONS)},
                )
                continue
            try:
                upload.seek(0)
                staged = stage_upload(source=upload, filename=str(upload.name))
            except UploadRejected as error:
                self.add_error(name, str(error))
                continue
            self.staged_answers[question.pk] = staged
        return cleaned

    def answers(self) -> dict[int, Any]:
        """question id -> value (str, list, bool) or a staged file."""
        values: dict[int, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if question.kind == QuestionKind.FILE:
                if question.pk in self.staged_answers:
                    values[question.pk] = self.staged_answers[question.pk]
            elif question.kind == QuestionKind.YES_NO:
                if value:
                    values[question.pk] = value == "yes"
            elif value not in (None, "", []):
                values[question.pk] = value
        return values


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For single and multiple choice: one option per line."),
    )

    class Meta:
        model = Question
        fields = ["label", "kind", "help_text", "required", "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lines = [
            line.strip()
            for line in cleaned.get("choices_text", "").splitlines()
            if line.strip()
        ]
        if len(set(lines)) != len(lines):
            self.add_error("choices_text", _("An option is listed twice."))
        kind = cleaned.get("kind")
        if kind in {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}:
            if len(lines) < 2:
                self.add_error("choices_text", _("Give at least two options."))
        elif lines:
            self.add_error("choices_text", _("Only choice questions have options."))
        cleaned["choices"] = lines
        return cleaned

    def save(self, commit: bool = True) -> Question:
        self.instance.choices = self.cleaned_data["choices"]
        return super().save(commit)


QuestionFormSet = forms.inlineformset_factory(
    Event, Question, form=QuestionForm, extra=1, can_delete=True
)


SORTS = {
    "submitted": ("submitted_at", "pk"),
    "-submitted": ("-submitted_at", "-pk"),
    "name": ("name", "pk"),
    "city": ("title__city__name", "organisation", "pk"),
    "state": ("state", "submitted_at", "pk"),
}


class SelectionFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Status"), required=False, widget=MenuSelect)
    role = forms.ChoiceField(label=_("Role"), required=False, widget=MenuSelect)
    title = forms.ChoiceField(label=_("Title city"), required=False, widget=MenuSelect)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=MenuSelect)
    question = forms.ChoiceField(label=_("Question"), required=False, widget=MenuSelect)
    answer = forms.CharField(label=_("Answer contains"), required=False, max_length=100)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("submitted", _("Oldest first")),
            ("-submitted", _("Newest first")),
            ("name", _("Name")),
            ("city", _("City or organisation")),
            ("state", _("Status")),
        ],
        widget=MenuSelect,
    )

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        titles: list[tuple[str, str]],
        countries: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        from .enums import ApplicationState

        everything: list[tuple[str, Any]] = [("", _("All"))]
        choice_field(self, "state").choices = everything + list(
            ApplicationState.choices
        )
        choice_field(self, "role").choices = everything + list(ApplicantRole.choices)
        choice_field(self, "title").choices = everything + titles
        choice_field(self, "country").choices = everything + countries
        choice_field(self, "question").choices = [("", _("Any question"))] + [
            (str(q.pk), q.label) for q in questions if q.kind != QuestionKind.FILE
        ]


class _RowsField(forms.TypedMultipleChoiceField):
    """The table's checkboxes: each value checked against a set, not by
    walking every choice (200 rows checked among 2,000 took 100 ms)."""

    allowed: frozenset[str] = frozenset()

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.allowed


class DraftForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Draft this decision"),
        choices=[c for c in DraftDecision.choices if c[0]]
        + [("clear", _("Clear the drafted decision"))],
        widget=MenuSelect,
    )
    SELECTED, ALL_MATCHING = "selected", "all"
    scope = forms.ChoiceField(
        label=_("For"),
        choices=[
            (SELECTED, _("the rows selected below")),
            (ALL_MATCHING, _("every application matching the filters")),
        ],
        initial=SELECTED,
        required=False,
        widget=forms.RadioSelect,
    )
    selected = _RowsField(
        coerce=int,
        choices=(),
        # One checkbox per row of the selection table (events/selection.html).
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(_RowsField, self.fields["selected"])
        field.allowed = frozenset(str(i) for i in ids)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["scope"] = data.get("scope") or self.SELECTED
        if data["scope"] == self.SELECTED and not data.get("selected"):
            self.add_error("selected", _("Select at least one application."))
        return data


class EmailTemplateForm(forms.ModelForm):
    class Meta:
        model = EmailTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def clean_subject(self) -> str:
        value = self.cleaned_data["subject"]
        validate_placeholders(value)
        return value

    def clean_body(self) -> str:
        value = self.cleaned_data["body"]
        validate_placeholders(value)
        return value


def validate_placeholders(text: str) -> None:
    from string import Template

    allowed = {"name", "event", "link", "deadline"}
    try:
        names = set(Template(text).get_identifiers())
    except ValueError as error:
        raise ValidationError(str(error)) from error
    if unknown := names - allowed:
        raise ValidationError(
            _("Unknown placeholders: %(names)s. Use $name, $event, $link, $deadline.")
            % {"names": ", ".join(sorted(unknown))}
        )


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["travel", "dietary_needs", "accessibility_needs", "photo_consent"]
        widgets = {
            "travel": forms.Textarea(attrs={"rows": 3}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
        }
