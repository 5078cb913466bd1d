"""Send the e-mails whose retry is due (run every few minutes by cron or a timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sikap.accounts.outbox import send_due


class Command(BaseCommand):
    help = "Send the waiting e-mails of the outbox whose retry time has come."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due()
        self.stdout.write(f"{sent} e-mail(s) sent")
