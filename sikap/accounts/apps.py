from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sikap.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from sikap.accounts import (
            checks,  # noqa: F401  (registers the deploy checks)
            nav,
            navigation,
        )

        navigation.MENU.register(nav.items)
