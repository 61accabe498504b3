"""Forms of the organisers' pages: an event's settings, its organisers, a
session of its programme, and a recording or document for the library.

Dates and times are typed in the event's own zone (``datetime-local``
inputs) and stored in UTC; the zone chosen in the same form is the one the
times are read in.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, tzinfo
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.languages import spoken_language_choices
from ecoc_hub.accounts.models import User
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core.forms import ChooserWidget
from ecoc_hub.core.roles import CURATOR, ORGANISER
from ecoc_hub.core.uploads import StagedFileField, StagedUploadsMixin
from ecoc_hub.library.enums import Licence
from ecoc_hub.library.files import EXTENSIONS, UploadRejected, stage_upload
from ecoc_hub.library.models import Resource
from ecoc_hub.library.vocab import language_terms

from . import timetable
from .models import Event, Session, Speaker
from .recordings import FAMILY_OF_KIND

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
RECORDING_FAMILIES = {"audio", "video", "document"}
RECORDING_EXTENSIONS = sorted(
    ext for ext, (_kind, family) in EXTENSIONS.items() if family in RECORDING_FAMILIES
)


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time without a zone; the form gives it the event's."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)

    def to_python(self, value: Any) -> datetime | None:
        result = super().to_python(value)
        if result is not None and timezone.is_aware(result):
            result = timezone.make_naive(result, timezone.get_current_timezone())
        return result

    def prepare_value(self, value: Any) -> Any:
        return value.strftime(LOCAL_FORMAT) if isinstance(value, datetime) else value


def _naive(moment: datetime | None, zone: tzinfo) -> datetime | None:
    return (
        None
        if moment is None
        else timezone.localtime(moment, zone).replace(tzinfo=None)
    )


def _aware(moment: datetime | None, zone: tzinfo) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=zone)


class ZonedTimesMixin:
    """Shows the instance's times in ``zone`` and stores them back in UTC."""

    local_fields: tuple[str, ...] = ()
    zone: tzinfo

    def _initial_times(self: Any) -> None:
        for name in self.local_fields:
            self.initial[name] = _naive(getattr(self.instance, name), self.zone)

    def _apply_zone(self: Any, cleaned: dict[str, Any], zone: tzinfo) -> None:
        for name in self.local_fields:
            if name in cleaned:
                cleaned[name] = _aware(cleaned[name], zone)


class EventForm(forms.ModelForm, ZonedTimesMixin):
    local_fields = (
        "starts_at",
        "ends_at",
        "applications_open_at",
        "applications_close_at",
        "follow_up_deadline",
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=())
    capacity_areas = forms.ModelMultipleChoiceField(
        label=_("Themes (capacity areas)"),
        queryset=CapacityArea.objects.select_related("criterion"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    host_title = forms.ModelChoiceField(
        label=_("Host title city"),
        queryset=Title.objects.none(),
        required=False,
        empty_label=_("No host city"),
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=(),
        widget=ChooserWidget(terms=language_terms),
        required=False,
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "summary",
            "capacity_areas",
            "host_title",
            "format",
            "venue_name",
            "venue_address",
            "map_url",
            "venue_accessibility",
            "online_url",
            "starts_at",
            "ends_at",
            "time_zone",
            "description",
            "languages",
            "interpretation",
            "capacity",
            "registration_mode",
            "applications_open_at",
            "applications_close_at",
            "offer_hours",
            "follow_up_deadline",
            "retention_days",
            "attendance_percent",
            "is_cancelled",
        ]
        field_classes = dict.fromkeys(
            [
                "starts_at",
                "ends_at",
                "applications_open_at",
                "applications_close_at",
                "follow_up_deadline",
            ],
            LocalDateTimeField,
        )
        widgets = {
            "venue_address": forms.Textarea(attrs={"rows": 3}),
            "venue_accessibility": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "starts_at": _("In the event's time zone."),
            "ends_at": _("In the event's time zone."),
            "attendance_percent": _(
                "Participants who attend at least this share of the sessions "
                "(rounded up) get a certificate of attendance."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = self.instance.zone if self.instance.time_zone else UTC
        self._initial_times()
        zone_field = self.fields["time_zone"]
        assert isinstance(zone_field, forms.ChoiceField)  # noqa: S101
        zone_field.choices = [(z, z) for z in timetable.zone_names()]
        host = self.fields["host_title"]
        assert isinstance(host, forms.ModelChoiceField)  # noqa: S101
        host.queryset = (
            Title.objects.exclude(status=Title.Status.UNVERIFIED)
            .select_related("city")
            .order_by("-year", "city__name")
        )
        languages = self.fields["languages"]
        assert isinstance(languages, forms.MultipleChoiceField)  # noqa: S101
        languages.choices = spoken_language_choices()
        if self.instance.pk:
            self.initial["capacity_areas"] = list(self.instance.capacity_areas.all())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Times are read in the zone chosen in this form, before the model
        # validates them (its constraint: the end after the start).
        zone_name = cleaned.get("time_zone") or self.instance.time_zone
        self._apply_zone(cleaned, zoneinfo.ZoneInfo(zone_name))
        fmt = cleaned.get("format")
        if fmt in {Event.Format.ONLINE, Event.Format.HYBRID} and not cleaned.get(
            "online_url"
        ):
            self.add_error("online_url", _("An online or hybrid event needs a link."))
        if fmt in {Event.Format.ON_SITE, Event.Format.HYBRID} and not cleaned.get(
            "venue_name"
        ):
            self.add_error("venue_name", _("An event on site needs a venue."))
        return cleaned

    def changes(self) -> dict[str, Any]:
        """The model fields for the services, without the many-to-many ones."""
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name != "capacity_areas"
        }


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name or obj.email


class OrganisersForm(forms.Form):
    organisers = PersonChoiceField(
        label=_("Organisers of this event"),
        queryset=User.objects.none(),
        widget=ChooserWidget(),
        required=False,
        help_text=_("People with the organiser role, and curators."),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101
        current = event.organisers.values("pk")
        field.queryset = (
            User.objects.filter(is_active=True)
            .filter(Q(groups__name__in=[ORGANISER, CURATOR]) | Q(pk__in=current))
            .distinct()
            .order_by("display_name", "pk")
        )
        self.initial.setdefault("organisers", list(event.organisers.all()))


class SpeakerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.affiliation})" if obj.affiliation else obj.name


class SessionForm(forms.ModelForm, ZonedTimesMixin):
    local_fields = ("starts_at", "ends_at")
    speakers = SpeakerChoiceField(
        label=_("Speakers and trainers"),
        queryset=Speaker.objects.all(),
        widget=ChooserWidget(),
        required=False,
    )
    materials = forms.ModelMultipleChoiceField(
        label=_("Materials from the library"),
        queryset=Resource.objects.none(),
        widget=ChooserWidget(),
        required=False,
        help_text=_("Published library resources, chosen by their title."),
    )
    new_speaker_name = forms.CharField(
        label=_("New speaker: name"), max_length=160, required=False
    )
    new_speaker_affiliation = forms.CharField(
        label=_("New speaker: affiliation"), max_length=200, required=False
    )
    new_speaker_bio = forms.CharField(
        label=_("New speaker: public bio"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the event page and the speaker's page."),
    )

    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "room", "online_url", "description"]
        field_classes = {"starts_at": LocalDateTimeField, "ends_at": LocalDateTimeField}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.instance.event = event
        self.zone = event.zone
        self._initial_times()
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = _("In %(zone)s.") % {"zone": event.time_zone}
        materials = self.fields["materials"]
        assert isinstance(materials, forms.ModelMultipleChoiceField)  # noqa: S101
        chosen = self.instance.materials.values("pk") if self.instance.pk else []
        materials.queryset = Resource.objects.filter(
            Q(state=Resource.State.PUBLISHED) | Q(pk__in=chosen)
        ).order_by("title")
        if self.instance.pk:
            self.initial["speakers"] = list(self.instance.speakers.all())
            self.initial["materials"] = list(self.instance.materials.all())
        # A chooser with nothing to choose is an empty box: leave it out (a
        # first speaker is typed below; materials come once the library has
        # published resources).
        for name in ("speakers", "materials"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101
            if field.queryset is None or not field.queryset.exists():
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._apply_zone(cleaned, self.zone)
        name = cleaned.get("new_speaker_name", "").strip()
        if not name and (
            cleaned.get("new_speaker_affiliation") or cleaned.get("new_speaker_bio")
        ):
            self.add_error("new_speaker_name", _("Give the new speaker's name."))
        return cleaned

    def fields_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RecordingForm(StagedUploadsMixin, forms.Form):
    """A recording (audio or video, with an optional WebVTT transcript) or a
    document, for a session or the whole event."""

    title = forms.CharField(label=_("Title"), max_length=300)
    session = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("The whole event"),
    )
    file = StagedFileField(label=_("Recording or document"))
    transcript = StagedFileField(
        label=_("Transcript (WebVTT)"),
        required=False,
        help_text=_("Captions with times make the recording searchable to the moment."),
    )
    abstract = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=(),
        widget=ChooserWidget(terms=language_terms),
        error_messages={"required": _("Choose at least one language.")},
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        session = self.fields["session"]
        assert isinstance(session, forms.ModelChoiceField)  # noqa: S101
        session.queryset = event.sessions.all()
        languages = self.fields["languages"]
        assert isinstance(languages, forms.MultipleChoiceField)  # noqa: S101
        languages.choices = spoken_language_choices()
        self.initial.setdefault("languages", event.languages)
        self.initial.setdefault("licence", Licence.CC_BY)
        self.fields["file"].help_text = _("Accepted: %(types)s.") % {
            "types": ", ".join(RECORDING_EXTENSIONS)
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(
            "." + e for e in RECORDING_EXTENSIONS
        )
        self.fields["transcript"].widget.attrs["accept"] = ".vtt"
        self.staged: dict[str, Any] = {}

    def _stage(self, name: str, allowed: set[str], message: str) -> None:
        upload = self.cleaned_data.get(name)
        if not upload or name in self.errors:
            return
        try:
            upload.seek(0)
            staged = stage_upload(source=upload, filename=str(upload.name))
        except UploadRejected as error:
            self.add_error(name, str(error))
            return
        if staged.kind not in allowed:
            staged.discard()
            self.add_error(name, message)
            return
        self.staged[name] = staged

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kinds = {
            k for k, family in FAMILY_OF_KIND.items() if family in RECORDING_FAMILIES
        }
        self._stage(
            "file",
            kinds,
            str(
                _("Files of this type are not accepted here. Accepted: %(types)s.")
                % {"types": ", ".join(RECORDING_EXTENSIONS)}
            ),
        )
        self._stage(
            "transcript", {"vtt"}, str(_("The transcript must be a WebVTT file."))
        )
        main = self.staged.get("file")
        if (
            "transcript" in self.staged
            and main is not None
            and (FAMILY_OF_KIND.get(main.kind) not in {"audio", "video"})
        ):
            self.add_error("transcript", _("Only a recording has a transcript."))
        return cleaned
