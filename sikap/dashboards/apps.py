from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "sikap.dashboards"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import attention, home, navigation
        from sikap.dashboards import attention as app_attention
        from sikap.dashboards import nav
        from sikap.dashboards.home import leader_section

        navigation.MENU.register(nav.items)
        navigation.links("unit").register(nav.unit_links)
        attention.PROVIDERS.register(app_attention.items)
        home.SECTIONS.register(leader_section)
