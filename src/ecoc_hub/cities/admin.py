from django.contrib import admin

from .models import CapacityArea, City, Criterion, Title


class TitleInline(admin.TabularInline):
    model = Title
    extra = 0
    fields = ("year", "status", "note")


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "country_code")
    list_filter = ("country_code",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name", "country_code")}
    inlines = [TitleInline]


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    # Verifying a title is changing its status from "unverified".
    list_display = ("year", "city", "status", "note")
    list_filter = ("status", "year")
    list_select_related = ("city",)
    search_fields = ("city__name",)
    autocomplete_fields = ("city",)


class CapacityAreaInline(admin.TabularInline):
    model = CapacityArea
    extra = 0
    fields = ("position", "code", "name", "description")


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("letter", "name", "code")
    inlines = [CapacityAreaInline]


@admin.register(CapacityArea)
class CapacityAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "criterion", "code", "position")
    list_filter = ("criterion",)
    list_select_related = ("criterion",)
    search_fields = ("name", "description")
