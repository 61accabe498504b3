from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ecoc_hub.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.decorators import secure_admin_login
        from django.contrib import admin

        from ecoc_hub.core import startup, storedfiles

        from .demo import guard_demo_passwords
        from .privacy import register_exporter, register_file_lister
        from .related import register_sections
        from .services import export_account
        from .storedfiles import profile_photo_of, profile_photos

        register_exporter("account", export_account)
        register_file_lister("profile", profile_photo_of)
        register_sections()
        storedfiles.register("accounts", profile_photos)
        startup.register("demo_passwords", guard_demo_passwords)
        # The admin site logs in through allauth, so its rate limits and the
        # second factor apply there too.
        admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
