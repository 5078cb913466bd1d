from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "sikap.evaluation"
    verbose_name = "Evaluasi kinerja"
