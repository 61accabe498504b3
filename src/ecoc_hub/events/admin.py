from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Application,
    ApplicationEvent,
    EmailTemplate,
    Event,
    Question,
    Session,
    Speaker,
)
from .services import SESSION_FIELDS


class SessionInline(admin.StackedInline):
    model = Session
    extra = 0
    filter_horizontal = ["speakers"]
    raw_id_fields = ["materials"]
    readonly_fields = ["sequence"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


class EmailTemplateInline(admin.StackedInline):
    model = EmailTemplate
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "format", "starts_at", "visibility"]
    list_filter = ["kind", "format", "visibility", "registration_mode"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organisers", "capacity_areas"]
    raw_id_fields = ["host_title"]
    # Only the workflow (the organisers' hub) changes the visibility.
    readonly_fields = ["visibility", "sequence"]
    inlines = [SessionInline, QuestionInline, EmailTemplateInline]

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        from .search_index import index_event

        index_event(form.instance)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        # A session edited here is a change calendars must pick up, as with
        # services.update_session: raise its SEQUENCE.
        if formset.model is Session:
            for inline_form in formset.forms:
                instance = inline_form.instance
                if instance.pk and set(inline_form.changed_data) & SESSION_FIELDS:
                    instance.sequence += 1
        super().save_formset(request, form, formset, change)


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "is_public"]
    search_fields = ["name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]


class HistoryInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "action", "from_state", "to_state", "actor", "comment")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """States change only through the workflow (the organisers' pages)."""

    list_display = ["name", "event", "state", "offer_state", "submitted_at"]
    list_filter = ["state", "offer_state", "event"]
    search_fields = ["name", "organisation", "applicant__email"]
    raw_id_fields = ["applicant", "title"]
    readonly_fields = [
        "state",
        "offer_state",
        "offer_expires_at",
        "waitlisted_at",
        "decided_at",
        "decision_sent_at",
        "personal_data_purged",
    ]
    inlines = [HistoryInline]
