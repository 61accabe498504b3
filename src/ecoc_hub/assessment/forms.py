"""Every input of the app: starting, answering, sharing, the framework."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.models import User
from ecoc_hub.core.forms import ChooserWidget, choice_field

from .enums import LEVELS, Stage
from .models import Answer, Level, Statement


class StartForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Where is your city in the ECoC cycle?"),
        choices=[("", _("Choose a stage")), *Stage.choices],
    )


class AnswerForm(forms.Form):
    """One statement: a level, evidence, library resources. ``revision`` is
    the revision of the answer the person saw (0: none yet)."""

    level = forms.TypedChoiceField(
        coerce=int, widget=forms.RadioSelect, required=False, empty_value=None
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What shows this: a document, a decision, figures, links."),
    )
    resources: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Library resources as evidence"),
        required=False,
        queryset=None,
        widget=ChooserWidget,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        statement: Statement,
        levels: list[Level],
        resources: Any,
        answer: Answer | None,
        **kwargs: Any,
    ) -> None:
        initial: dict[str, Any] = {"revision": answer.revision if answer else 0}
        if answer is not None:
            initial |= {
                "level": answer.level,
                "evidence": answer.evidence,
                "resources": [r.pk for r in answer.resources.all()],
            }
        kwargs |= {"initial": initial, "prefix": f"s{statement.pk}"}
        super().__init__(*args, **kwargs)
        self.statement = statement
        self.answer = answer
        # The radio group's legend is the statement itself: it is what the
        # person rates, and what the error summary names.
        self.fields["level"].label = statement.text
        self.fields["evidence"].label = _("Evidence (optional)")
        self.fields["resources"].label = _("Library resources as evidence (optional)")
        choice_field(self, "level").choices = [
            (level.value, f"{level.value}. {level.name}") for level in levels
        ]
        field = self.fields["resources"]
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.queryset = resources

    def clean_level(self) -> int | None:
        level = self.cleaned_data.get("level")
        if level is not None and level not in LEVELS:
            raise forms.ValidationError(_("Choose a level from 1 to 5."))
        return level

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        changed = self.has_changed()
        has_evidence = bool(data.get("evidence") or data.get("resources"))
        unrated = data.get("level") is None and "level" not in self.errors
        if changed and unrated and has_evidence:
            self.add_error("level", _("Choose a level for this statement."))
        return data

    @property
    def wants_save(self) -> bool:
        """Changed by the person and complete enough to be saved."""
        return (
            self.is_valid()
            and self.has_changed()
            and self.cleaned_data.get("level") is not None
        )


class ExpertField(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.public_name


class ShareForm(forms.Form):
    experts = ExpertField(
        label=_("Experts who may see the result"),
        required=False,
        queryset=User.objects.none(),
        widget=ChooserWidget,
        help_text=_("Leave it empty to keep the result private to the team."),
    )
    peer_visible = forms.BooleanField(
        label=_("Offer us as a peer city"),
        required=False,
        help_text=_(
            "Other teams may see that we rated ourselves strong in an area, "
            "so that they can ask us how we did it. Our answers stay private."
        ),
    )

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["experts"]
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.queryset = experts


class StatementForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["area", "position", "text_en", "text_fr", "text_de"]


class LevelForm(forms.ModelForm):
    class Meta:
        model = Level
        fields = [
            "name_en",
            "name_fr",
            "name_de",
            "description_en",
            "description_fr",
            "description_de",
        ]
        widgets = {
            f"description_{lang}": forms.Textarea(attrs={"rows": 2})
            for lang in ("en", "fr", "de")
        }


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("What changed in this version"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
