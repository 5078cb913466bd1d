"""Scheduled job (cron or a systemd timer, every 10 minutes in office hours):
``manage.py refresh_figures``."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sikap.dashboards import engagement, leader
from sikap.org.models import Position, Unit


class Command(BaseCommand):
    help = (
        "Count ahead the leaders' figures (engagement, and the home page's glance of the units "
        "someone heads) of every unit with a head, HR or an auditor."
    )

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
        headed = set(
            Position.objects.filter(is_active=True, is_unit_head=True, unit__in=units).values_list(
                "unit_id", flat=True
            )
        )
        begin = time.perf_counter()
        for each in units:
            engagement.snapshot(each, refresh=True)
            if each.pk in headed:
                leader.snapshot(each, refresh=True)
        self.stdout.write(
            _("Figures counted for %(n)d units in %(s).1f s.")
            % {"n": len(units), "s": time.perf_counter() - begin}
        )
