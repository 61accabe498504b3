"""The survey as participants answer it, and the organisers' question form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Event, Session
from .defaults import SCALE_LABELS, display
from .models import Survey, SurveyQuestion, SurveyQuestionKind
from .services import Given


def field_name(question: SurveyQuestion) -> str:
    return f"q{question.pk}"


def _field(question: SurveyQuestion) -> forms.Field:
    common: dict[str, Any] = {
        "label": display(question.label),
        "help_text": display(question.help_text),
        "required": question.required,
    }
    if question.kind == SurveyQuestionKind.SCALE:
        scale = [(str(n), display(label)) for n, label in enumerate(SCALE_LABELS, 1)]
        return forms.TypedChoiceField(
            choices=scale, coerce=int, widget=forms.RadioSelect, **common
        )
    if question.kind == SurveyQuestionKind.CHOICE:
        options = [(option, display(option)) for option in question.choices]
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    return forms.CharField(
        max_length=3000, widget=forms.Textarea(attrs={"rows": 4}), **common
    )


class SurveyForm(forms.Form):
    """One field per question, the event's own first, then per session."""

    def __init__(self, *args: Any, questions: list[SurveyQuestion], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = _field(question)

    def groups(self) -> list[tuple[Session | None, list[forms.BoundField]]]:
        """The bound fields by session (``None``: the whole event), in order."""
        result: list[tuple[Session | None, list[forms.BoundField]]] = []
        for question in self.questions:
            if not result or result[-1][0] != question.session:
                result.append((question.session, []))
            result[-1][1].append(self[field_name(question)])
        return result

    def answers(self) -> list[Given]:
        return [
            Given(question=q, value=self.cleaned_data.get(field_name(q)))
            for q in self.questions
        ]


class SessionChoice(forms.ModelChoiceField[Session]):
    def label_from_instance(self, obj: Session) -> str:
        return obj.title


class QuestionForm(forms.ModelForm[SurveyQuestion]):
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For “One choice among options”: one option per line."),
    )

    class Meta:
        model = SurveyQuestion
        fields = ["kind", "label", "help_text", "session", "required", "position"]
        widgets = {"kind": forms.RadioSelect}
        field_classes = {"session": SessionChoice}

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        session = cast(SessionChoice, self.fields["session"])
        session.queryset = event.sessions.order_by("starts_at")
        session.empty_label = str(_("The whole event"))
        if self.instance.pk:
            self.initial["options"] = "\n".join(self.instance.choices)
            self.initial["label"] = display(self.instance.label)
            self.initial["help_text"] = display(self.instance.help_text)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = (data.get("options") or "").splitlines()
        options = list(dict.fromkeys(line.strip() for line in lines if line.strip()))
        if data.get("kind") == SurveyQuestionKind.CHOICE and len(options) < 2:
            self.add_error("options", _("Give at least two options, one per line."))
        if any(len(option) > 200 for option in options):
            self.add_error("options", _("An option has at most 200 characters."))
        data["choices"] = options
        return data

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = ["kind", "label", "help_text", "session", "required", "position"]
        return {name: data[name] for name in fields} | {"choices": data["choices"]}


class SurveySettingsForm(forms.ModelForm[Survey]):
    class Meta:
        model = Survey
        fields = ["reminder_days"]
