"""Plain factories of development records for tests of every app (fixed values)."""

from __future__ import annotations

import datetime as dt

from sikap.development import services
from sikap.development.models import Participant, TrainingEvent
from sikap.org.models import Employee, Unit

TODAY = dt.date(2026, 11, 27)


def make_event(
    unit: Unit,
    *,
    name: str = "Sosialisasi SKP",
    jenis: int = 7,
    jp: int | None = 4,
    start: dt.date = dt.date(2026, 2, 12),
    end: dt.date | None = None,
    minutes: int | None = None,
) -> TrainingEvent:
    return services.create_event(
        name=name,
        jenis_diklat=jenis,
        organiser="Bagian Organisasi",
        start_date=start,
        end_date=end or start,
        unit=unit,
        by=None,
        jp=jp,
        duration_minutes=minutes,
    )


def invite(event: TrainingEvent, *employees: Employee, attended: bool = True) -> list[Participant]:
    services.add_participants(event=event, employees=list(employees), by=None, attended=attended)
    return list(event.participants.filter(employee__in=employees).order_by("employee__name"))
