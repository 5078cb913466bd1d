from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "sikap.surveys"
    verbose_name = "Survei Kepuasan Masyarakat"

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import attention, navigation
        from sikap.org import demo_steps
        from sikap.planning import objective
        from sikap.surveys import attention as app_attention
        from sikap.surveys import demo, evidence, nav

        navigation.MENU.register(nav.items)
        navigation.links("landing").register(nav.landing_links)
        attention.PROVIDERS.register(app_attention.items)
        demo_steps.STEPS.register(demo.load, order=40)
        objective.SOURCES.register(objective.EvidenceSource("service", evidence.service_evidence))
