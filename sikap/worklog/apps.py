from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sikap.worklog"
    verbose_name = _("Progres Harian")

    def ready(self) -> None:
        # The work recorded elsewhere in SIKAP becomes draft entries (sikap/lib/hooks.py).
        from sikap.lib import hooks
        from sikap.worklog import subscribers

        hooks.WORK_DONE.register(subscribers.record_draft)
