"""Daily job (cron or a systemd timer): ``manage.py send_contract_reminders``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.evaluation.contracts import send_contract_reminders
from sikap.evaluation.tasks import send_contract_reminders_task


class Command(BaseCommand):
    help = (
        "Remind HR once of every perjanjian kerja (PPPK, PPPK Paruh Waktu) ending within 60 days."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="The day to act as (YYYY-MM-DD); default today.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the work for the task worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            send_contract_reminders_task.enqueue()
            self.stdout.write("queued")
            return
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today must be YYYY-MM-DD: {exc}") from exc
        sent = send_contract_reminders(today=today)
        self.stdout.write(f"{sent} contract reminder(s) sent")
