from django.contrib import admin

from .models import Course, Enrolment, Lesson, Module


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "mode", "level"]
    list_filter = ["state", "mode", "level"]
    search_fields = ["title", "summary"]
    readonly_fields = ["state", "published_at"]
    filter_horizontal = ["capacity_areas", "trainers", "prerequisites"]
    inlines = [ModuleInline]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "kind", "position"]
    list_select_related = ["module"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["learner", "course", "state", "created_at"]
    list_filter = ["state"]
    readonly_fields = ["state"]
    raw_id_fields = ["learner", "last_lesson"]
