from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "ecoc_hub.certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from ecoc_hub.accounts.privacy import register_eraser, register_exporter
        from ecoc_hub.core.backup import register_private_dir

        from . import workflow  # noqa: F401 - registers the status workflow
        from .keys import key_dir
        from .privacy import erase_certificates, export_certificates

        register_exporter("certificates", export_certificates)
        register_eraser(erase_certificates)
        # Credentials issued before a restore must still verify.
        register_private_dir("certificate-keys", key_dir)
