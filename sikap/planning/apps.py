from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "sikap.planning"
    verbose_name = "SKP (perencanaan kinerja)"
