"""Forms of cohort courses (issue 14): a module's release and due days, a
webinar linked as a live session, a version's note."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ecoc_hub.events.models import Event

from .models import Course, Module


class ModuleForm(forms.ModelForm):
    """A module; in a cohort course also the days it opens and is due."""

    DATES = ("opens_after_days", "opens_on", "due_after_days")

    class Meta:
        model = Module
        fields = ["title", "summary", "opens_after_days", "opens_on", "due_after_days"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "opens_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.course = course
        if not course.is_cohort:
            for name in self.DATES:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.course.is_cohort:
            return data
        days, on = data.get("opens_after_days"), data.get("opens_on")
        if days is not None and on is not None:
            self.add_error("opens_on", _("Give a number of days or a date, not both."))
        start, end = self.course.starts_on, self.course.ends_on
        if on is not None and start and end and not start <= on <= end:
            self.add_error("opens_on", _("The date is outside the cohort's dates."))
        due = data.get("due_after_days")
        if due is not None and start is not None:
            opens = on or (start + timedelta(days=days or 0))
            if start + timedelta(days=due) < opens:
                self.add_error(
                    "due_after_days", _("The module would be due before it opens.")
                )
        return data

    def dates(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data.get(name)
            for name in self.DATES
            if name in self.fields
        }


class WebinarChoice(forms.ModelChoiceField[Event]):
    def label_from_instance(self, obj: Event) -> str:
        starts = date_format(obj.starts_at.astimezone(obj.zone), "DATETIME_FORMAT")
        return f"{obj.title} ({starts}, {obj.time_zone})"


class LiveSessionForm(forms.Form):
    event = WebinarChoice(
        label=_("Webinar"),
        queryset=Event.objects.none(),
        empty_label=_("Choose a webinar"),
    )

    def __init__(self, *args: Any, webinars: QuerySet[Event], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["event"]
        assert isinstance(field, WebinarChoice)  # noqa: S101
        field.queryset = webinars


class VersionForm(forms.Form):
    note = forms.CharField(
        label=_("What changed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For the learners and the other trainers."),
    )
