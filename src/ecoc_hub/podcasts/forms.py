from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.library.models import Resource

from . import files
from .models import Episode, Person, Season, Show, State
from .services import PersonData


def _escaped(text: Any) -> Any:
    """Django renders help texts as HTML; these ones show WebVTT tags."""
    return lazy(lambda: escape(str(text)), str)()


# Paths under /podcasts/ that a show slug must not take.
RESERVED_SLUGS = {"manage", "audio", "artwork", "episodes"}


class ShowForm(forms.ModelForm):
    artwork_file = forms.FileField(
        label=_("Artwork"),
        required=False,
        help_text=_("A square JPEG or PNG in RGB colour, 1400 to 3000 pixels wide."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    class Meta:
        model = Show
        fields = [
            "title",
            "slug",
            "description",
            "language",
            "category",
            "author",
            "owner_name",
            "owner_email",
            "explicit",
            "show_type",
            "licence",
            "licence_url",
            "locked",
            "state",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checked_artwork: files.CheckedFile | None = None

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("This slug is reserved; choose another."))
        return slug

    def clean_artwork_file(self) -> Any:
        upload = self.cleaned_data.get("artwork_file")
        if upload:
            self.checked_artwork = files.check_artwork(upload)
        elif not self.instance.artwork_sha256:
            raise ValidationError(_("A show needs artwork."), code="required")
        return upload


class SeasonForm(forms.ModelForm):
    class Meta:
        model = Season
        fields = ["number", "title", "description"]

    def __init__(self, *args: Any, show: Show, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show = show

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        taken = self.show.seasons.filter(number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("This show already has a season with this number."))
        return number


class EpisodeForm(forms.ModelForm):
    audio_file = forms.FileField(
        label=_("Audio file"),
        required=False,
        help_text=_("MP3 or M4A. Duration, size and type are read from the file."),
        widget=forms.ClearableFileInput(attrs={"accept": "audio/mpeg,audio/mp4,.m4a"}),
    )
    transcript_file = forms.FileField(
        label=_("Upload a transcript (WebVTT)"),
        required=False,
        help_text=_escaped(
            _("Replaces the text below. Mark speakers with <v Name> tags.")
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "text/vtt,.vtt"}),
    )
    transcript_text = forms.CharField(
        label=_("Transcript (WebVTT)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
        help_text=_escaped(
            _(
                "Starts with WEBVTT; each cue has a time line such as "
                "00:00:01.000 --> 00:00:04.000 and its text, for example "
                "<v Anna Berg>Welcome to the programme."
            )
        ),
    )
    chapters_file = forms.FileField(
        label=_("Upload chapters (JSON)"),
        required=False,
        help_text=_("JSON chapters format 1.2.0. Replaces the text below."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )
    chapters_text = forms.CharField(
        label=_("Chapters (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            'For example {"version": "1.2.0", "chapters": '
            '[{"startTime": 0, "title": "Introduction"}]}. Leave empty for none.'
        ),
    )
    capacity_areas = forms.ModelMultipleChoiceField(
        label=_("Capacity areas"),
        queryset=CapacityArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    titles = forms.ModelMultipleChoiceField(
        label=_("Related title cities"),
        queryset=Title.objects.select_related("city").exclude(
            status=Title.Status.UNVERIFIED
        ),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    resources = forms.ModelMultipleChoiceField(
        label=_("Related library resources"),
        queryset=Resource.objects.filter(state=Resource.State.PUBLISHED).order_by(
            "title"
        ),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Episode
        fields = [
            "title",
            "slug",
            "season",
            "number",
            "episode_type",
            "show_notes",
            "published_at",
            "state",
        ]
        widgets = {
            "show_notes": forms.Textarea(attrs={"rows": 8}),
            "published_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args: Any, show: Show, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("transcript_text", instance.transcript_vtt)
            if instance.chapters:
                initial.setdefault(
                    "chapters_text", json.dumps(instance.chapters, indent=2)
                )
            initial.setdefault("capacity_areas", list(instance.capacity_areas.all()))
            initial.setdefault("titles", list(instance.titles.all()))
            initial.setdefault("resources", list(instance.resources.all()))
        super().__init__(*args, **kwargs)
        self.show = show
        season_field = self.fields["season"]
        assert isinstance(season_field, forms.ModelChoiceField)  # noqa: S101
        season_field.queryset = show.seasons.all()
        self.checked_audio: files.CheckedFile | None = None
        self.transcript_cues: list[dict[str, Any]] = []

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        taken = self.show.episodes.filter(slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("This show already has an episode with this slug."))
        return slug

    def clean_audio_file(self) -> Any:
        upload = self.cleaned_data.get("audio_file")
        if upload:
            self.checked_audio = files.check_audio(upload)
        elif not self.instance.audio_sha256:
            raise ValidationError(_("An episode needs an audio file."), code="required")
        return upload

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("state") == State.PUBLISHED and not data.get("published_at"):
            self.add_error(
                "published_at", _("A published episode needs a publication date.")
            )
        self._clean_transcript(data)
        self._clean_chapters(data)
        return data

    def _clean_transcript(self, data: dict[str, Any]) -> None:
        field = "transcript_text"
        try:
            if upload := data.get("transcript_file"):
                field = "transcript_file"
                text = files.read_text_upload(upload, limit=files.TRANSCRIPT_MAX_BYTES)
            else:
                text = data.get("transcript_text") or ""
            text = text.replace("\r\n", "\n").strip()
            self.transcript_cues = files.parse_transcript(text) if text else []
            data["transcript"] = text + "\n" if text else ""
        except ValidationError as error:
            self.add_error(field, error)

    def _clean_chapters(self, data: dict[str, Any]) -> None:
        field = "chapters_text"
        try:
            if upload := data.get("chapters_file"):
                field = "chapters_file"
                text = files.read_text_upload(upload, limit=files.CHAPTERS_MAX_BYTES)
            else:
                text = (data.get("chapters_text") or "").strip()
            data["chapters"] = files.parse_chapters(text) if text.strip() else None
        except ValidationError as error:
            self.add_error(field, error)
            return
        duration = (
            self.checked_audio.duration
            if self.checked_audio
            else self.instance.audio_duration
        )
        chapters = data["chapters"]
        if chapters and duration and chapters["chapters"][-1]["startTime"] > duration:
            self.add_error(field, _("A chapter starts after the end of the audio."))


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "---------"), *Person.Role.choices]
    )
    href = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")
    img = forms.URLField(label=_("Picture URL"), required=False, assume_scheme="https")


PeopleFormSet = forms.formset_factory(PersonForm, extra=2, max_num=30)


def people_from(formset: Any) -> list[PersonData]:
    return [
        PersonData(
            name=form.cleaned_data["name"],
            role=form.cleaned_data["role"],
            href=form.cleaned_data.get("href", ""),
            img=form.cleaned_data.get("img", ""),
        )
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def people_initial(episode: Episode) -> list[dict[str, str]]:
    return [
        {"name": p.name, "role": p.role, "href": p.href, "img": p.img}
        for p in episode.people.all()
    ]
