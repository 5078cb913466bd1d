from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "sikap.complaints"
    verbose_name = "Pengaduan"

    def ready(self) -> None:
        # Fill the extension points of the apps below (sikap/lib/hooks.py).
        from sikap.accounts import attention, navigation
        from sikap.complaints import attention as app_attention
        from sikap.complaints import demo, evidence, nav, themes
        from sikap.lib import hooks
        from sikap.org import demo_steps
        from sikap.planning import objective

        navigation.MENU.register(nav.items)
        navigation.links("landing").register(nav.landing_links)
        navigation.links("after_survey").register(nav.after_survey_links)
        attention.PROVIDERS.register(app_attention.items)
        demo_steps.STEPS.register(demo.load, order=50)
        hooks.CITIZEN_THEMES.register(themes.complaint_themes)
        objective.SOURCES.register(
            objective.EvidenceSource("complaints", evidence.complaint_evidence)
        )
