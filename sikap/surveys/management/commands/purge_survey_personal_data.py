"""Daily job: blank survey comments and respondent profiles past their retention (UU 27/2022 PDP)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sikap.surveys import services


class Command(BaseCommand):
    help = "Remove comments and profiles of survey responses older than the retention period."

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.purge_respondent_data()
        self.stdout.write(f"purged {count}")
