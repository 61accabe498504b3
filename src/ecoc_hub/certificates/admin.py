from django.contrib import admin
from django.http import HttpRequest

from .models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "recipient_name", "title", "issued_at", "status"]
    list_filter = ["status"]
    search_fields = ["code", "recipient_name", "title"]
    # Every change goes through the services, so the credential and the
    # history stay right; the admin only reads.
    readonly_fields = [f.name for f in Certificate._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: Certificate | None = None
    ) -> bool:
        return False
