"""The library in Django's admin. Every write here keeps the search index in
step, as the services do: an edit re-indexes the record from what it is now,
a deletion removes its document in the same transaction."""

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from . import services
from .models import (
    Blob,
    Collection,
    CollectionItem,
    Creator,
    ModerationEvent,
    Report,
    Resource,
    ResourceFile,
    ResourceRelation,
    ResourceVersion,
)
from .search_index import index_resource


class CreatorInline(admin.TabularInline):
    model = Creator
    extra = 0


class RelationInline(admin.TabularInline):
    model = ResourceRelation
    fk_name = "source"
    raw_id_fields = ["target"]
    extra = 0


class FileInline(admin.TabularInline):
    model = ResourceFile
    fields = (
        "original_name",
        "label",
        "kind",
        "version",
        "is_current",
        "extraction_status",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "resource_type", "state", "access", "publication_year"]
    list_filter = ["state", "access", "resource_type", "licence"]
    search_fields = ["title", "identifier", "doi"]
    readonly_fields = [
        "uuid",
        "view_count",
        "download_count",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["capacity_areas", "titles", "allowed_organisations"]
    inlines = [CreatorInline, RelationInline, FileInline]

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        # After the many-to-many fields and the inlines: teams, creators and
        # files are part of what is indexed.
        super().save_related(request, form, formsets, change)
        index_resource(form.instance.pk)

    def delete_model(self, request: HttpRequest, obj: Resource) -> None:
        services.delete_resource(resource=obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for resource in queryset:
            services.delete_resource(resource=resource)


@admin.register(ResourceFile)
class ResourceFileAdmin(admin.ModelAdmin):
    list_display = ["original_name", "resource", "kind", "version", "extraction_status"]
    list_filter = ["kind", "extraction_status"]
    raw_id_fields = ["resource", "blob", "thumbnail", "supersedes", "uploaded_by"]

    @transaction.atomic
    def save_model(
        self, request: HttpRequest, obj: ResourceFile, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        index_resource(obj.resource_id)

    @transaction.atomic
    def delete_model(self, request: HttpRequest, obj: ResourceFile) -> None:
        resource_id = obj.resource_id
        super().delete_model(request, obj)
        index_resource(resource_id)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        resource_ids = set(queryset.values_list("resource_id", flat=True))
        super().delete_queryset(request, queryset)
        for resource_id in resource_ids:
            index_resource(resource_id)


@admin.register(Blob)
class BlobAdmin(admin.ModelAdmin):
    list_display = ["sha256", "size", "media_type", "created_at"]
    search_fields = ["sha256"]


@admin.register(ResourceVersion)
class ResourceVersionAdmin(admin.ModelAdmin):
    list_display = ["resource", "number", "editor", "created_at"]
    raw_id_fields = ["resource", "editor"]


@admin.register(ModerationEvent)
class ModerationEventAdmin(admin.ModelAdmin):
    list_display = ["resource", "decision", "actor", "created_at"]
    raw_id_fields = ["resource", "actor"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["resource", "reason", "created_at", "resolved_at"]
    raw_id_fields = ["resource", "reporter", "resolved_by"]


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    raw_id_fields = ["resource"]
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CollectionItemInline]
