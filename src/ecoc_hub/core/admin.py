from django.contrib import admin

from .models import WorkerHeartbeat


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "hostname", "started_at", "last_seen")
    readonly_fields = ("worker_id", "hostname", "started_at", "last_seen")
