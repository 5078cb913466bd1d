"""Remind respondents of umpan balik rekan kerja/bawahan before the answer deadline (daily)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.evaluation import peer


class Command(BaseCommand):
    help = "Remind once whoever has not answered a 360° feedback request due within 2 days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="The day to act as (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today must be YYYY-MM-DD: {exc}") from exc
        sent = peer.send_reminders(today=today)
        self.stdout.write(f"{sent} reminder(s) sent")
