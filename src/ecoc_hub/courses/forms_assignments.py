"""Forms of assignments (issue 14): the lesson with its rubric, a learner's
submission, and a review with the rubric."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ecoc_hub.core.uploads import StagedFileField, StagedUploadsMixin
from ecoc_hub.library.files import StagedFile

from . import assignments, submission_files
from .enums import AnswerType
from .models import Lesson, RubricCriterion

#: Levels a criterion may have on the edit form.
LEVELS = 4


class AssignmentLessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = [
            "title",
            "body",
            "minutes",
            "is_required",
            "answer_type",
            "review_mode",
            "pass_mark",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "answer_type": forms.RadioSelect,
            "review_mode": forms.RadioSelect,
        }
        labels = {"body": _("Brief"), "pass_mark": _("Accepted from (%)")}
        help_texts = {
            "body": _("Markdown: what to hand in, and how it is judged."),
            "pass_mark": _(
                "The share of the rubric's points a submission needs to be "
                "accepted by peers (the mean of their two reviews)."
            ),
        }


class CriterionRowForm(forms.Form):
    title = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What it looks at"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, LEVELS + 1):
            self.fields[f"points_{n}"] = forms.IntegerField(
                label=_("Level %(n)s: points") % {"n": n},
                min_value=0,
                max_value=100,
                required=False,
            )
            self.fields[f"level_{n}"] = forms.CharField(
                label=_("Level %(n)s: description") % {"n": n},
                max_length=300,
                required=False,
            )

    def levels(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {"points": data[f"points_{n}"], "description": data[f"level_{n}"].strip()}
            for n in range(1, LEVELS + 1)
            if data.get(f"level_{n}", "").strip() or data.get(f"points_{n}") is not None
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors or not cleaned.get("title", "").strip():
            return cleaned
        levels = self.levels()
        if len(levels) < 2:
            raise forms.ValidationError(
                _("Give a criterion at least two levels, each with points.")
            )
        for level in levels:
            if level["points"] is None or not level["description"]:
                raise forms.ValidationError(
                    _("Give each level both its points and its description.")
                )
        if len({level["points"] for level in levels}) != len(levels):
            raise forms.ValidationError(
                _("Give each level of a criterion different points.")
            )
        return cleaned


class BaseCriterionFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not criterion_rows(self):
            raise forms.ValidationError(
                _("An assignment needs at least one criterion.")
            )


CriterionFormSet = forms.formset_factory(
    CriterionRowForm, formset=BaseCriterionFormSet, extra=1, max_num=10
)


def criterion_rows(formset: Any) -> list[dict[str, Any]]:
    return [
        {
            "title": f.cleaned_data["title"].strip(),
            "description": f.cleaned_data.get("description", "").strip(),
            "levels": f.levels(),
        }
        for f in formset.forms
        if f.cleaned_data.get("title", "").strip()
    ]


def criterion_initial(lesson: Lesson | None) -> list[dict[str, Any]]:
    if lesson is None or lesson.pk is None:
        return []
    initial = []
    for row in assignments.rubric_rows(lesson):
        data = {"title": row["title"], "description": row["description"]}
        for n, level in enumerate(row["levels"][:LEVELS], start=1):
            data[f"points_{n}"] = level["points"]
            data[f"level_{n}"] = level["description"]
        initial.append(data)
    return initial


class SubmissionForm(StagedUploadsMixin, forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown: links, lists, emphasis."),
    )
    file = StagedFileField(
        label=_("Your file"),
        required=False,
        help_text=_(
            "PDF, office document, text or image, up to %(mb)s MB: checked by "
            "its content."
        )
        % {"mb": submission_files.MAX_FILE_MB},
    )

    def __init__(self, *args: Any, lesson: Lesson, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lesson = lesson
        self.staged: StagedFile | None = None
        if lesson.answer_type == AnswerType.TEXT:
            del self.fields["file"]
        elif lesson.answer_type == AnswerType.FILE:
            del self.fields["text"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            self.staged = submission_files.check_file(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("text", "").strip()
        has_file = self.staged is not None
        kind = self.lesson.answer_type
        if self.errors:
            return cleaned
        if kind == AnswerType.TEXT and not text:
            self.add_error("text", _("Write your answer."))
        elif kind == AnswerType.FILE and not has_file:
            self.add_error("file", _("Choose the file to hand in."))
        elif kind == AnswerType.EITHER and not text and not has_file:
            raise forms.ValidationError(_("Write your answer or choose a file."))
        return cleaned

    def discard(self) -> None:
        if self.staged is not None:
            self.staged.discard()


class ReviewForm(forms.Form):
    """One choice of level per criterion (``c<id>``), a comment and, for a
    trainer, the decision."""

    def __init__(
        self,
        *args: Any,
        criteria: list[RubricCriterion],
        trainer: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                help_text=criterion.description,
                coerce=int,
                widget=forms.RadioSelect,
                choices=[
                    (
                        level.pk,
                        ngettext(
                            "%(points)s point: %(level)s",
                            "%(points)s points: %(level)s",
                            level.points,
                        )
                        % {"points": level.points, "level": level.description},
                    )
                    for level in criterion.levels.all()
                ],
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment"),
            max_length=5000,
            required=trainer,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("What works, and what would make it better."),
        )
        if trainer:
            self.fields["decision"] = forms.ChoiceField(
                label=_("Decision"),
                widget=forms.RadioSelect,
                choices=[
                    ("accept", _("Accept")),
                    ("return", _("Return for revision")),
                ],
            )

    def chosen(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}
