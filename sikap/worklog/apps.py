from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sikap.worklog"
    verbose_name = _("Progres Harian")

    def ready(self) -> None:
        # The work recorded elsewhere in SIKAP becomes draft entries (sikap/lib/hooks.py).
        from sikap.lib import hooks
        from sikap.worklog import hints, subscribers

        hooks.WORK_DONE.register(subscribers.record_draft)
        # The realisation page shows the approved total beside each indicator.
        hooks.REALISATION_HINTS.register(hints.realisation_hints)
