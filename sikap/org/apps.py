from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "sikap.org"
    verbose_name = _("Organisation and employees")

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import attention, navigation, viewer
        from sikap.accounts import demo as accounts_demo
        from sikap.org import attention as app_attention
        from sikap.org import chart, demo, demo_steps, nav, scope

        chart.connect()
        viewer.SCOPE.register(scope.get_scope)
        navigation.MENU.register(nav.items)
        navigation.links("employee").register(nav.employee_links)
        navigation.links("unit").register(nav.unit_links)
        navigation.links("me").register(nav.me_links)
        attention.PROVIDERS.register(app_attention.items)
        demo_steps.STEPS.register(demo.load, order=10)
        # Accounts sits below org: its demo step (the two-step secrets) is registered from here.
        demo_steps.STEPS.register(accounts_demo.load, order=95)
