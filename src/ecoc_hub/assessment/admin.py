from django.contrib import admin

from .models import Assessment, FrameworkVersion


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin[FrameworkVersion]):
    list_display = ["number", "state", "published_at"]
    readonly_fields = ["number", "state", "published_at"]

    def has_add_permission(self, request: object) -> bool:
        return False  # versions are started and published in the site


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin[Assessment]):
    list_display = ["organisation", "stage", "state", "created_at", "submitted_at"]
    list_filter = ["state", "stage"]
    readonly_fields = ["organisation", "version", "state", "submitted_at"]
