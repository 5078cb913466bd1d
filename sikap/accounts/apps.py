from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sikap.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import (
            checks,  # noqa: F401  (registers the deploy checks)
            demo,
            nav,
            navigation,
        )
        from sikap.org import demo_steps

        navigation.MENU.register(nav.items)
        navigation.links("employee").register(nav.employee_links)
        navigation.links("unit").register(nav.unit_links)
        demo_steps.STEPS.register(demo.load, order=95)
