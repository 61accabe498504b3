from django.contrib import admin

from .models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "recipient_name", "title", "issued_at", "status"]
    list_filter = ["status"]
    search_fields = ["code", "recipient_name", "title"]
    # Every change goes through the services, so the credential and the
    # history stay right; the admin only reads.
    readonly_fields = [f.name for f in Certificate._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
