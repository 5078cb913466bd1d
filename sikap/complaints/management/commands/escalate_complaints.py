"""Daily job (cron or a systemd timer): ``manage.py escalate_complaints``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sikap.complaints import escalation, services
from sikap.complaints.tasks import escalate_complaints


class Command(BaseCommand):
    help = "Close answered complaints past the confirmation timeout and send deadline escalations."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the work for the task worker."
        )

    def handle(self, *args: Any, enqueue: bool = False, **options: Any) -> None:
        if enqueue:
            escalate_complaints.enqueue()
            self.stdout.write("queued")
            return
        closed = services.close_timed_out()
        notices = escalation.run_escalations()
        self.stdout.write(f"closed {closed}, notices {notices}")
