from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "sikap.complaints"
    verbose_name = "Pengaduan"
