from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sikap.development"
    verbose_name = _("Competency development")

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import attention, navigation
        from sikap.development import attention as app_attention
        from sikap.development import demo, nav
        from sikap.org import demo_steps

        navigation.MENU.register(nav.items)
        navigation.links("unit").register(nav.unit_links)
        navigation.links("employee").register(nav.employee_links)
        attention.PROVIDERS.register(app_attention.items)
        demo_steps.STEPS.register(demo.load, order=60)
