"""Scheduled job (cron or a systemd timer, every 10 minutes in office hours):
``manage.py refresh_engagement``."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sikap.dashboards import engagement
from sikap.org.models import Unit


class Command(BaseCommand):
    help = "Count the engagement figures of every unit with a leader, HR or auditor ahead."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--unit", type=int, action="append", help="Only this unit (by id); may repeat."
        )

    def handle(self, *args: Any, unit: list[int] | None = None, **options: Any) -> None:
        if unit:
            units = list(Unit.objects.filter(pk__in=unit, is_active=True).order_by("depth", "pk"))
            missing = sorted(set(unit) - {u.pk for u in units})
            if missing:
                raise CommandError(
                    _("No active unit with id %(ids)s.") % {"ids": ", ".join(map(str, missing))}
                )
        else:
            units = engagement.leader_units()
        begin = time.perf_counter()
        done = engagement.refresh_snapshots(units)
        self.stdout.write(
            _("Engagement figures counted for %(n)d units in %(s).1f s.")
            % {"n": done, "s": time.perf_counter() - begin}
        )
