"""Delete old create-form tokens (run daily by cron or a timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sikap.accounts.formonce import purge


class Command(BaseCommand):
    help = "Delete the claimed create-form tokens older than FORM_ONCE_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge()
        self.stdout.write(f"{deleted} form token(s) deleted")
