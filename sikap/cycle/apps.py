from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "sikap.cycle"
    label = "cycle"
    verbose_name = _("Appraisal calendar")

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import navigation
        from sikap.cycle import demo, nav
        from sikap.org import demo_steps

        navigation.MENU.register(nav.items)
        demo_steps.STEPS.register(demo.load, order=20)
