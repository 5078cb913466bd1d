"""Daily job (cron or a systemd timer): ``manage.py send_plan_reminders``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand

from sikap.planning import reminders
from sikap.planning.tasks import send_plan_reminders


class Command(BaseCommand):
    help = "Send SKP reminders: not submitted, waiting for approval, realisation, feedback."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the work for the task worker."
        )
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Pretend it is this day.")

    def handle(
        self,
        *args: Any,
        enqueue: bool = False,
        today: dt.date | str | None = None,
        **options: Any,
    ) -> None:
        if isinstance(today, str):  # call_command(..., today="2027-01-05") skips the parser
            today = dt.date.fromisoformat(today)
        if enqueue:
            send_plan_reminders.enqueue()
            self.stdout.write("queued")
            return
        sent = reminders.run(today)
        self.stdout.write(", ".join(f"{k} {v}" for k, v in sorted(sent.items())) or "nothing due")
