from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "sikap.surveys"
    verbose_name = "Survei Kepuasan Masyarakat"
