from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "sikap.planning"
    verbose_name = "SKP (perencanaan kinerja)"

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import attention, navigation
        from sikap.org import demo_steps
        from sikap.planning import attention as app_attention
        from sikap.planning import demo, nav

        navigation.MENU.register(nav.items)
        navigation.links("unit").register(nav.unit_links)
        navigation.links("employee").register(nav.employee_links)
        attention.PROVIDERS.register(app_attention.items)
        demo_steps.STEPS.register(demo.load, order=30)
