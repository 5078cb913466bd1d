from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "sikap.evaluation"
    verbose_name = _("Performance evaluation")

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import attention, navigation
        from sikap.evaluation import attention as app_attention
        from sikap.evaluation import demo, nav
        from sikap.org import demo_steps

        navigation.MENU.register(nav.items)
        navigation.links("calendar").register(nav.calendar_links)
        navigation.links("year").register(nav.year_links)
        navigation.links("period").register(nav.period_links)
        attention.PROVIDERS.register(app_attention.items)
        demo_steps.STEPS.register(demo.load, order=90)
