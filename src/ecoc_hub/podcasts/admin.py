"""Admin for podcasts. Files (audio, artwork), transcripts and chapters are
checked and stored by the site's forms, so the admin shows them read-only and
links there."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Episode, Person, Season, Show
from .search_index import index_episode


class SeasonInline(admin.TabularInline):
    model = Season
    extra = 0


@admin.register(Show)
class ShowAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "language", "category", "show_type"]
    list_filter = ["state", "language"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["artwork", "podcast_guid", "created_at", "updated_at"]
    inlines = [SeasonInline]

    def save_model(
        self, request: HttpRequest, obj: Show, form: object, change: bool
    ) -> None:
        from .services import save_show

        save_show(show=obj)


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ["title", "show", "season", "number", "state", "published_at"]
    list_filter = ["state", "episode_type", "show"]
    search_fields = ["title", "show_notes"]
    list_select_related = ["show", "season"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "guid",
        "audio",
        "audio_size",
        "audio_duration",
        "audio_mime",
        "transcript_vtt",
        "chapters",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["capacity_areas", "titles"]
    inlines = [PersonInline]
    actions = ["reindex"]

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        index_episode(form.instance)

    @admin.action(description=_("Rebuild the search entries of the selected episodes"))
    def reindex(self, request: HttpRequest, queryset: QuerySet[Episode]) -> None:
        for episode in queryset.select_related("show"):
            index_episode(episode)
