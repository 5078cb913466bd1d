"""A service recorded at the desk is offered to each officer's Progres Harian (hooks.WORK_DONE)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from sikap.lib.hooks import WorkDone, emit_work_done
from sikap.org.models import Employee
from sikap.surveys.models import ServiceRecord


def offer_service_record(record: ServiceRecord, officers: list[Employee]) -> None:
    """One draft per officer, delivered after commit; never fails the register's save.

    Offered again when the service is completed: the same draft gets its end time.
    """
    evidence = reverse("surveys:receipt", args=[record.pk])
    received = timezone.localtime(record.received_at)
    completed = timezone.localtime(record.completed_at) if record.completed_at else None
    if completed is not None and completed.date() != received.date():
        completed = None  # finished on another day: the draft keeps only its start
    for officer in officers:
        if officer.user_id is None:
            continue
        emit_work_done(
            WorkDone(
                source="surveys.service_record",
                source_id=record.pk,
                user_id=officer.user_id,
                day=received.date(),
                activity=f"Pelayanan {record.service_type.name}",
                start=received.time().replace(second=0, microsecond=0),
                end=completed.time().replace(second=0, microsecond=0) if completed else None,
                satuan="layanan",
                evidence_url=evidence,
            )
        )
