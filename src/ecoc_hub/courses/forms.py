"""Forms of the authoring pages and the trainers' decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.models import User
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.forms import ChooserWidget
from ecoc_hub.core.roles import CURATOR, EXPERT, ORGANISER
from ecoc_hub.core.uploads import StagedFileField, StagedFileInput, StagedUploadsMixin
from ecoc_hub.library.models import Resource, ResourceFile
from ecoc_hub.library.vocab import language_choices, language_terms

from . import media
from .covers import clean_cover
from .models import Course, Lesson, Module, Question
from .resources import lesson_pdf, resource_problem


class CourseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.title


class CourseForm(forms.ModelForm):
    capacity_areas = forms.ModelMultipleChoiceField(
        label=_("Capacity areas"),
        queryset=CapacityArea.objects.select_related("criterion"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=(),
        widget=ChooserWidget(terms=language_terms),
        required=False,
    )
    prerequisites = CourseChoiceField(
        label=_("Prerequisites"),
        queryset=Course.objects.none(),
        widget=ChooserWidget(),
        required=False,
        help_text=_("Courses a learner should finish first."),
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "summary",
            "description",
            "capacity_areas",
            "languages",
            "level",
            "estimated_hours",
            "licence",
            "prerequisites",
            "mode",
            "starts_on",
            "ends_on",
            "enrolment_policy",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "mode": forms.RadioSelect,
            "enrolment_policy": forms.RadioSelect,
        }
        help_texts = {
            "starts_on": _("Cohort courses only: lessons open on this day."),
            "ends_on": _("Cohort courses only: enrolment closes after this day."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        languages = self.fields["languages"]
        assert isinstance(languages, forms.MultipleChoiceField)  # noqa: S101
        languages.choices = language_choices()
        prerequisites = self.fields["prerequisites"]
        assert isinstance(prerequisites, forms.ModelMultipleChoiceField)  # noqa: S101
        others = Course.objects.exclude(state=Course.State.DRAFT)
        if self.instance.pk:
            others = Course.objects.filter(
                Q(pk__in=others) | Q(pk__in=self.instance.prerequisites.all())
            ).exclude(pk=self.instance.pk)
            self.initial["capacity_areas"] = list(self.instance.capacity_areas.all())
            self.initial["prerequisites"] = list(self.instance.prerequisites.all())
        prerequisites.queryset = others.order_by("title")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mode = cleaned.get("mode")
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if mode == Course.Mode.COHORT:
            if starts is None:
                self.add_error("starts_on", _("A cohort course needs a start date."))
            if ends is None:
                self.add_error("ends_on", _("A cohort course needs an end date."))
            if starts and ends and ends < starts:
                self.add_error("ends_on", _("The end date is before the start date."))
        elif mode == Course.Mode.SELF_PACED:
            # A self-paced course is always open: dates typed before the mode
            # was changed are dropped rather than refused.
            cleaned["starts_on"] = cleaned["ends_on"] = None
            self.instance.starts_on = self.instance.ends_on = None
        return cleaned

    def changes(self) -> dict[str, Any]:
        """The model fields for the services, without the many-to-many ones."""
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name not in {"capacity_areas", "prerequisites"}
        }


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name or obj.email


class TrainersForm(forms.Form):
    trainers = PersonChoiceField(
        label=_("Trainers of this course"),
        queryset=User.objects.none(),
        widget=ChooserWidget(),
        required=False,
        help_text=_("Curators, experts and Academy organisers may be trainers."),
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["trainers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101
        current = course.trainers.values("pk")
        field.queryset = (
            User.objects.filter(is_active=True)
            .filter(
                Q(groups__name__in=[CURATOR, EXPERT, ORGANISER]) | Q(pk__in=current)
            )
            .distinct()
            .order_by("display_name", "pk")
        )
        self.initial.setdefault("trainers", list(course.trainers.all()))


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["title", "body", "minutes", "is_required"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class QuizLessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = [
            "title",
            "body",
            "minutes",
            "is_required",
            "pass_mark",
            "attempts_allowed",
            "shuffle",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        labels = {"body": _("Introduction")}
        help_texts = {"body": _("Markdown, shown above the questions.")}


class QuestionForm(forms.ModelForm):
    answer_is_true = forms.TypedChoiceField(
        label=_("The statement is"),
        choices=[("", "—"), ("true", _("True")), ("false", _("False"))],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
        help_text=_("True or false questions only."),
    )

    class Meta:
        model = Question
        fields = ["kind", "prompt", "feedback", "accepted_answers", "answer_is_true"]
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3}),
            "feedback": forms.Textarea(attrs={"rows": 3}),
            "accepted_answers": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.answer_is_true is not None:
            self.initial["answer_is_true"] = (
                "true" if self.instance.answer_is_true else "false"
            )


class ChoiceRowForm(forms.Form):
    text = forms.CharField(label=_("Option"), max_length=300, required=False)
    is_correct = forms.BooleanField(label=_("Correct"), required=False)
    match = forms.CharField(
        label=_("Matches"),
        max_length=300,
        required=False,
        help_text=_("Matching questions only."),
    )


ChoiceFormSet = forms.formset_factory(ChoiceRowForm, extra=0, max_num=12)


def choice_rows(formset: Any) -> list[dict[str, Any]]:
    return [
        {
            "text": f.cleaned_data["text"].strip(),
            "is_correct": f.cleaned_data.get("is_correct", False),
            "match": f.cleaned_data.get("match", "").strip(),
        }
        for f in formset.forms
        if f.cleaned_data.get("text", "").strip()
    ]


def check_question(form: QuestionForm, rows: list[dict[str, Any]]) -> None:
    """What each kind of question needs, as errors on the form's fields."""
    kind = form.cleaned_data.get("kind")
    correct = sum(1 for r in rows if r["is_correct"])
    if kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE} and len(rows) < 2:
        form.add_error(None, _("Give at least two options."))
    elif kind == Question.Kind.SINGLE and correct != 1:
        form.add_error(None, _("Mark exactly one option as correct."))
    elif kind == Question.Kind.MULTIPLE and correct < 1:
        form.add_error(None, _("Mark at least one option as correct."))
    if (
        kind == Question.Kind.TRUE_FALSE
        and form.cleaned_data.get("answer_is_true") is None
    ):
        form.add_error("answer_is_true", _("Say whether the statement is true."))
    if (
        kind == Question.Kind.SHORT
        and not form.cleaned_data.get("accepted_answers", "").strip()
    ):
        form.add_error("accepted_answers", _("Give at least one accepted answer."))
    if kind == Question.Kind.MATCHING and (
        len(rows) < 2 or any(not r["match"] for r in rows)
    ):
        form.add_error(None, _("Give at least two items, each with what it matches."))


# --- Video, audio and library-resource lessons (issue 14, media lessons) ---


class MediaLessonForm(StagedUploadsMixin, forms.ModelForm):
    """A video or audio lesson: the file and its WebVTT captions are checked
    by content here (kept through a failed validation when built with
    ``session=``); the service stores them."""

    media_file = StagedFileField(
        label=_("Video or audio file"),
        required=False,
        help_text=_("MP3 or M4A audio, MP4 or WebM video."),
    )
    captions_file = StagedFileField(
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_(
            "A .vtt file: shown as captions on a video and as the transcript "
            "beside the player."
        ),
    )

    class Meta:
        model = Lesson
        fields = ["title", "body", "minutes", "is_required"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        labels = {"body": _("Introduction")}
        help_texts = {"body": _("Markdown, shown above the player.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.media:
            self.fields["media_file"].help_text = _(
                "Leave empty to keep the current file (%(type)s, %(length)s)."
            ) % {
                "type": media.format_name(self.instance.media_mime),
                "length": media.clock(self.instance.media_duration),
            }
            self.fields["captions_file"].help_text = _(
                "Leave empty to keep the current captions."
            )
        self.checked: media.CheckedMedia | None = None
        self.captions: tuple[str, list[dict[str, Any]]] | None = None

    def clean_media_file(self) -> Any:
        upload = self.cleaned_data.get("media_file")
        if upload:
            self.checked = media.check_media(upload)
        elif not self.instance.media:
            raise forms.ValidationError(_("Upload the video or audio file."))
        return upload

    def clean_captions_file(self) -> Any:
        upload = self.cleaned_data.get("captions_file")
        if upload:
            text = media.read_captions(upload)
            self.captions = (text, media.parse_captions(text))
        elif not self.instance.captions_vtt:
            raise forms.ValidationError(
                _("Upload the captions: learners who cannot hear need them.")
            )
        return upload


class ResourceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.title


class ResourceLessonForm(forms.ModelForm):
    """A lesson that embeds a library resource's PDF, opened at a page."""

    resource = ResourceChoiceField(
        label=_("Library resource"),
        queryset=Resource.objects.none(),
        help_text=_("A published resource with a PDF file, open to every member."),
    )

    class Meta:
        model = Lesson
        fields = [
            "title",
            "body",
            "minutes",
            "is_required",
            "resource",
            "resource_page",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        labels = {"body": _("Introduction")}
        help_texts = {"body": _("Markdown, shown above the document.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["resource"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        # Every resource with a PDF is offered, so that choosing one learners
        # cannot see gets a clear reason rather than "not one of the choices".
        field.queryset = (
            Resource.objects.filter(files__kind=ResourceFile.Kind.PDF)
            .distinct()
            .order_by("title")
        )

    def clean_resource(self) -> Any:
        resource = self.cleaned_data.get("resource")
        if resource is None:
            return resource
        problem = resource_problem(resource)
        if problem:
            raise forms.ValidationError(problem)
        return resource

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        resource, page = cleaned.get("resource"), cleaned.get("resource_page")
        pdf = lesson_pdf(resource) if resource else None
        pages = getattr(pdf, "page_count", None) if pdf else None
        if pages and page and page > pages:
            self.add_error(
                "resource_page",
                _("The document has %(pages)s pages.") % {"pages": pages},
            )
        return cleaned


# --- Authoring: the outline's order (issue 14) --------------------------------


class OutlineForm(forms.Form):
    """The order of a course's outline, as the drag-and-drop editor sends it:
    ``[[module id, [lesson id, …]], …]``, and what was moved
    (``module:<id>`` or ``lesson:<id>``) for the announcement."""

    layout = forms.JSONField()
    moved = forms.RegexField(regex=r"^(module|lesson):\d{1,10}$", required=False)

    def clean_layout(self) -> list[tuple[int, list[int]]]:
        value = self.cleaned_data["layout"]
        invalid = forms.ValidationError(_("The order could not be read."))
        if not isinstance(value, list) or len(value) > 500:
            raise invalid
        layout = []
        for entry in value:
            if (
                not isinstance(entry, list)
                or len(entry) != 2
                or not _is_id(entry[0])
                or not isinstance(entry[1], list)
                or not all(_is_id(pk) for pk in entry[1])
            ):
                raise invalid
            layout.append((entry[0], list(entry[1])))
        return layout


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


class ModuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.title


class MoveLessonForm(forms.Form):
    module = ModuleChoiceField(label=_("Move to"), queryset=Module.objects.none())

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["module"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = course.modules.order_by("position", "pk")
        field.error_messages["invalid_choice"] = _(
            "Choose one of this course's modules."
        )


# --- Authoring: the cover image (issue 14) ------------------------------------


class CoverForm(StagedUploadsMixin, forms.Form):
    cover = StagedFileField(
        label=_("Cover image"),
        required=False,
        widget=StagedFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "JPEG, PNG or WebP, up to 8 MB; it is scaled down to 1600 pixels and "
            "its metadata (such as a location) is removed."
        ),
    )
    cover_alt = forms.CharField(
        label=_("Description of the image"),
        max_length=300,
        required=False,
        help_text=_("For people who cannot see it: what it shows, in one sentence."),
    )
    remove = forms.BooleanField(label=_("Remove the cover image"), required=False)

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.course = course
        self.initial.setdefault("cover_alt", course.cover_alt)
        if not course.cover:
            del self.fields["remove"]

    def clean_cover(self) -> Any:
        upload = self.cleaned_data.get("cover")
        if not upload:
            return None
        return clean_cover(upload, upload.size or 0)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        keeps_image = not cleaned.get("remove") and (
            cleaned.get("cover") or self.course.cover
        )
        if keeps_image and not cleaned.get("cover_alt", "").strip():
            self.add_error(
                "cover_alt", _("Describe the image for people who cannot see it.")
            )
        if cleaned.get("remove") and cleaned.get("cover"):
            self.add_error(
                "remove", _("Either upload a new image or remove it, not both.")
            )
        return cleaned
