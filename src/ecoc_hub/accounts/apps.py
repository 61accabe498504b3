from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ecoc_hub.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.decorators import secure_admin_login
        from django.contrib import admin

        from .privacy import register_exporter
        from .related import register_sections
        from .services import export_account

        register_exporter("account", export_account)
        register_sections()
        # The admin site logs in through allauth, so its rate limits and the
        # second factor apply there too.
        admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
