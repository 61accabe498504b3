from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import services
from .models import (
    Application,
    ApplicationEvent,
    Call,
    CallProfile,
    EcocExperience,
    EvaluationRound,
    ExpertProfile,
    ScoreCategory,
)
from .pool_models import AvailabilityPeriod, PoolExpert


class CallProfileInline(admin.TabularInline):
    model = CallProfile
    extra = 0


class RoundInline(admin.TabularInline):
    model = EvaluationRound
    extra = 0


class CategoryInline(admin.TabularInline):
    model = ScoreCategory
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title", "opens_on", "closes_on", "is_published")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("managers",)
    inlines = [CallProfileInline, RoundInline, CategoryInline]


class ExperienceInline(admin.TabularInline):
    model = EcocExperience
    extra = 0


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ("created_at", "action", "from_state", "to_state", "actor", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("expert", "call", "state", "round", "submitted_at")
    list_filter = ("call", "state", "round")
    search_fields = ("expert__full_name", "expert__user__email")
    raw_id_fields = ("expert", "cv")
    # The state changes only through the workflow (history, checks).
    readonly_fields = ("state", "submitted_at")
    inlines = [ExperienceInline, EventInline]


@admin.action(description=gettext_lazy("Merge the selected duplicates into the oldest"))
def merge_duplicates(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    profiles = list(queryset.order_by("created_at", "pk"))
    if len(profiles) < 2:
        modeladmin.message_user(
            request, _("Select at least two profiles to merge."), messages.WARNING
        )
        return
    keep, *duplicates = profiles
    try:
        for duplicate in duplicates:
            services.merge_profiles(keep=keep, duplicate=duplicate)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)s profile merged into %(name)s.",
            "%(count)s profiles merged into %(name)s.",
            len(duplicates),
        )
        % {"count": len(duplicates), "name": keep.full_name},
    )


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ("full_name", "country", "user", "merged_into", "created_at")
    search_fields = ("full_name", "user__email")
    raw_id_fields = ("user", "merged_into")
    actions = [merge_duplicates]


class AvailabilityInline(admin.TabularInline):
    model = AvailabilityPeriod
    extra = 0


@admin.register(PoolExpert)
class PoolExpertAdmin(admin.ModelAdmin):
    list_display = ("expert", "is_listed", "confirmed_at", "reminded_at")
    list_filter = ("is_listed",)
    search_fields = ("expert__full_name", "expert__user__email")
    readonly_fields = ("expert", "application", "created_at", "reminded_at")
    filter_horizontal = ("capacity_areas",)
    inlines = [AvailabilityInline]
