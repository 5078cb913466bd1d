from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "sikap.org"
    verbose_name = _("Organisation and employees")

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import attention, navigation
        from sikap.org import attention as app_attention
        from sikap.org import demo, demo_steps, nav

        navigation.MENU.register(nav.items)
        attention.PROVIDERS.register(app_attention.items)
        demo_steps.STEPS.register(demo.load, order=10)
