"""Daily job: blank the reporter's identity after the retention period (UU 27/2022 PDP)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sikap.complaints import services


class Command(BaseCommand):
    help = "Remove the reporter identity of complaints closed longer than the retention period."

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.purge_personal_data()
        self.stdout.write(f"purged {count}")
