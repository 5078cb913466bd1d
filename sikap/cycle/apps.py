from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "sikap.cycle"
    label = "cycle"
    verbose_name = _("Appraisal calendar")
