from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ecoc_hub.cities.choosers import TitleMultipleChoiceField, title_terms
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core.forms import ChooserWidget
from ecoc_hub.core.uploads import StagedFileField, StagedFileInput, StagedUploadsMixin
from ecoc_hub.library.models import Resource

from . import files
from .models import Episode, Person, Season, Show, State
from .services import PersonData
from .text import clock


def _escaped(text: Any) -> Any:
    """Django renders help texts as HTML; these ones show WebVTT tags."""
    return lazy(lambda: escape(str(text)), str)()


# Paths under /podcasts/ that a show slug must not take.
RESERVED_SLUGS = {"manage", "audio", "artwork", "episodes"}


class ShowForm(StagedUploadsMixin, forms.ModelForm):
    artwork_file = StagedFileField(
        label=_("Artwork"),
        required=False,
        help_text=_("A square JPEG or PNG in RGB colour, 1400 to 3000 pixels wide."),
        widget=StagedFileInput(attrs={"accept": "image/jpeg,image/png"}),
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
        # Apple's category names are English identifiers that go into the
        # feed verbatim: marked as English, so screen readers pronounce them
        # right on a French or German page (WCAG 3.1.2).
        self.fields["category"].widget.attrs["lang"] = "en"

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


_CLOCK = re.compile(
    r"^(?:(\d+):(?=\d\d:))?(?:(\d+):(?=\d\d(?:[.,]|$)))?(\d+)(?:[.,](\d{1,3}))?$"
)


def parse_clock(text: str) -> float:
    """ "12:30" -> 750.0; "1:02:05" -> 3725.0; "90" -> 90.0; "0:05.5" -> 5.5."""
    match = _CLOCK.match(text.strip())
    hours, minutes, seconds, fraction = match.groups() if match else (None,) * 4
    if (
        seconds is None
        or (minutes is not None and int(seconds) > 59)
        or (hours is not None and int(minutes or 0) > 59)
    ):
        raise ValidationError(
            _("Write the start time as minutes and seconds, for example 12:30."),
            code="clock",
        )
    value = float(int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds))
    if fraction:
        value += int(fraction.ljust(3, "0")) / 1000
    return value


def format_clock(seconds: float) -> str:
    text = clock(seconds)
    fraction = round(seconds - int(seconds), 3)
    return f"{text}.{round(fraction * 1000):03d}".rstrip("0") if fraction else text


class ChapterForm(forms.Form):
    """One chapter row; a row left empty (or emptied) is skipped."""

    start = forms.CharField(
        label=_("Start time"),
        max_length=20,
        required=False,
        help_text=_("Minutes and seconds, for example 12:30."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8}),
    )
    title = forms.CharField(label=_("Chapter title"), max_length=200, required=False)

    def clean_start(self) -> float | None:
        text = self.cleaned_data["start"].strip()
        return parse_clock(text) if text else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, title = data.get("start"), (data.get("title") or "").strip()
        if "start" in data and start is None and title:
            self.add_error("start", _("Give the time this chapter starts."))
        if start is not None and not title:
            self.add_error("title", _("Give this chapter a title."))
        return data

    @property
    def is_live(self) -> bool:
        data = getattr(self, "cleaned_data", None) or {}
        return data.get("start") is not None and not data.get("DELETE")


class BaseChapterFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        starts = [form.cleaned_data["start"] for form in self.forms if form.is_live]
        if len(starts) != len(set(starts)):
            raise ValidationError(_("Two chapters start at the same time."))

    def chapters(self, previous: dict[str, Any] | None) -> dict[str, Any] | None:
        """The chapters document; fields the rows do not edit (links, images)
        stay on the chapter with the same start time."""
        kept = {
            float(chapter["startTime"]): chapter
            for chapter in (previous or {}).get("chapters", [])
        }
        rows = sorted(
            (form.cleaned_data for form in self.forms if form.is_live),
            key=lambda row: row["start"],
        )
        if not rows:
            return None
        chapters = []
        for row in rows:
            chapter = {**kept.get(row["start"], {})}
            start = row["start"]
            chapter["startTime"] = int(start) if start == int(start) else start
            chapter["title"] = row["title"]
            chapters.append(chapter)
        return {"version": "1.2.0", "chapters": chapters}

    def last_start_error(self, message: Any) -> None:
        live = [form for form in self.forms if form.is_live]
        last = max(live, key=lambda form: form.cleaned_data["start"])
        last.add_error("start", message)


ChapterFormSet = forms.formset_factory(
    ChapterForm, formset=BaseChapterFormSet, extra=2, max_num=200, can_delete=True
)


def chapters_initial(chapters: dict[str, Any] | None) -> list[dict[str, str]]:
    return [
        {"start": format_clock(float(c["startTime"])), "title": c.get("title", "")}
        for c in (chapters or {}).get("chapters", [])
    ]


class EpisodeForm(StagedUploadsMixin, forms.ModelForm):
    audio_file = StagedFileField(
        label=_("Audio file"),
        required=False,
        help_text=_("MP3 or M4A. Duration, size and type are read from the file."),
        widget=StagedFileInput(attrs={"accept": "audio/mpeg,audio/mp4,.m4a"}),
    )
    transcript_file = StagedFileField(
        label=_("Upload a transcript (WebVTT)"),
        required=False,
        # help_text set in __init__: it names the limits from the settings.
        widget=StagedFileInput(attrs={"accept": "text/vtt,.vtt"}),
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
    chapters_file = StagedFileField(
        label=_("Import chapters (JSON)"),
        required=False,
        help_text=_("JSON chapters format 1.2.0. Replaces the chapter rows."),
        widget=StagedFileInput(attrs={"accept": "application/json,.json"}),
    )
    capacity_areas = forms.ModelMultipleChoiceField(
        label=_("Capacity areas"),
        queryset=CapacityArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    titles = TitleMultipleChoiceField(
        label=_("Related title cities"),
        queryset=Title.objects.select_related("city").exclude(
            status=Title.Status.UNVERIFIED
        ),
        required=False,
        widget=ChooserWidget(terms=title_terms),
    )
    resources = forms.ModelMultipleChoiceField(
        label=_("Related library resources"),
        queryset=Resource.objects.filter(state=Resource.State.PUBLISHED).order_by(
            "title"
        ),
        required=False,
        widget=ChooserWidget(),
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
            "slug": forms.TextInput(attrs={"data-slug-from": "id_title"}),
            "show_notes": forms.Textarea(attrs={"rows": 8}),
            "published_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {
            "slug": _("The episode's address. Left empty, it is made from the title."),
            "published_at": _(
                "A date in the future schedules the episode. Left empty, a "
                "published episode gets the current date and time."
            ),
        }

    def __init__(self, *args: Any, show: Show, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        editing = bool(instance is not None and instance.pk)
        if instance is not None and editing:
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("transcript_text", instance.transcript_vtt)
            initial.setdefault("capacity_areas", list(instance.capacity_areas.all()))
            initial.setdefault("titles", list(instance.titles.all()))
            initial.setdefault("resources", list(instance.resources.all()))
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["transcript_file"].help_text = escape(
            _(
                "Replaces the text below. Mark speakers with <v Name> tags. "
                "Up to %(kb)s kB and %(cues)s cues."
            )
            % {
                "kb": number_format(
                    files.TRANSCRIPT_MAX_BYTES // 1024, force_grouping=True
                ),
                "cues": number_format(settings.ECOC_HUB_MAX_CUES, force_grouping=True),
            }
        )
        self.show = show
        season_field = self.fields["season"]
        assert isinstance(season_field, forms.ModelChoiceField)  # noqa: S101
        season_field.queryset = show.seasons.all()
        self.checked_audio: files.CheckedFile | None = None
        self.transcript_cues: list[dict[str, Any]] = []
        data = self.data if self.is_bound else None
        self.chapter_rows: BaseChapterFormSet = ChapterFormSet(  # type: ignore[assignment]
            data,
            prefix="chapters",
            initial=chapters_initial(self.instance.chapters) if editing else None,
        )
        self.people = PeopleFormSet(
            data,
            prefix="people",
            initial=people_initial(self.instance) if editing else None,
        )

    def related_valid(self) -> bool:
        return self.chapter_rows.is_valid() and self.people.is_valid()

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.related_valid() and valid

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        taken = self.show.episodes.exclude(pk=self.instance.pk)
        if slug:
            if taken.filter(slug=slug).exists():
                raise ValidationError(
                    _("This show already has an episode with this slug.")
                )
            return slug
        base = slugify(self.cleaned_data.get("title") or "")[:110].strip("-")
        if not base:
            if "title" in self.cleaned_data:
                raise ValidationError(
                    _("Give a slug made of letters, numbers and hyphens."),
                    code="required",
                )
            return ""
        slug, number = base, 2
        while taken.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
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
            data["published_at"] = timezone.now().replace(second=0, microsecond=0)
            self.instance.published_at = data["published_at"]
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
        if upload := data.get("chapters_file"):
            try:
                text = files.read_text_upload(upload, limit=files.CHAPTERS_MAX_BYTES)
                data["chapters"] = files.parse_chapters(text)
            except ValidationError as error:
                self.add_error("chapters_file", error)
                return
        elif self.chapter_rows.is_valid():
            data["chapters"] = self.chapter_rows.chapters(self.instance.chapters)
        else:
            return
        duration = (
            self.checked_audio.duration
            if self.checked_audio
            else self.instance.audio_duration
        )
        chapters = data["chapters"]
        if chapters and duration and chapters["chapters"][-1]["startTime"] > duration:
            message = _("A chapter starts after the end of the audio.")
            if upload:
                self.add_error("chapters_file", message)
            else:
                self.chapter_rows.last_start_error(message)


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
