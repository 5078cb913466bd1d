"""A training attended is offered to the participant's Progres Harian (hooks.WORK_DONE)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from sikap.development.models import Participant
from sikap.lib.hooks import WorkDone, emit_work_done


def offer_attendance(participants: Iterable[Participant]) -> None:
    """One draft per participant who attended, on the event's first day, counted in JP.

    Events record days, not hours, so the draft has no times; the employee adds them.
    """
    for participant in participants:
        user_id = participant.employee.user_id
        if not participant.attended or user_id is None:
            continue
        event = participant.event
        evidence = reverse("development:employee", args=[participant.employee_id])
        emit_work_done(
            WorkDone(
                source="development.training",
                source_id=participant.pk,
                user_id=user_id,
                day=event.start_date,
                activity=f"Mengikuti {event.name}",
                quantity=event.jp,
                satuan="JP",
                evidence_url=f"{evidence}?year={event.end_date.year}#trainings-title",
            )
        )
