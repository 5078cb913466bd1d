"""The work recorded elsewhere in SIKAP becomes draft Progres Harian entries (hooks.WORK_DONE)."""

from __future__ import annotations

from sikap.lib.hooks import WorkDone
from sikap.org.models import Employee
from sikap.worklog.services import record_work_done


def record_draft(event: WorkDone) -> None:
    """A draft for the officer who did the work; nothing for a user without an employee record."""
    employee = Employee.objects.filter(user_id=event.user_id).first()
    if employee is None:
        return
    record_work_done(
        employee=employee,
        source=event.source,
        source_id=event.source_id,
        date=event.day,
        activity=event.activity,
        start_time=event.start,
        end_time=event.end,
        realisation=event.quantity,
        satuan=event.satuan,
        evidence_url=event.evidence_url,
    )
