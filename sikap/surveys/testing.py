"""Plain factories of survey data for tests of every app (fixed values)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sikap.org.models import Employee, Unit
from sikap.surveys import services
from sikap.surveys.models import Channel, ServiceRecord, ServiceType, SurveyResponse


def make_service_type(
    unit: Unit, name: str = "Surat Keterangan Domisili", **fields: Any
) -> ServiceType:
    fields.setdefault("standard_minutes", 10)
    fields.setdefault("persyaratan", "Surat pengantar RT/RW; fotokopi KTP & KK")
    return ServiceType.objects.create(unit=unit, name=name, **fields)


def make_record(
    unit: Unit,
    service_type: ServiceType,
    officers: list[Employee],
    *,
    received_at: dt.datetime | None = None,
    minutes: int | None = 8,
) -> ServiceRecord:
    received = received_at or timezone.now() - dt.timedelta(hours=1)
    return services.record_service(
        unit=unit,
        service_type=service_type,
        officers=officers,
        received_at=received,
        completed_at=None if minutes is None else received + dt.timedelta(minutes=minutes),
        by=officers[0].user,
    )


def make_response(
    unit: Unit,
    answers: list[int | None] | int = 3,
    *,
    officer: Employee | None = None,
    service_type: ServiceType | None = None,
    when: dt.datetime | None = None,
    **fields: Any,
) -> SurveyResponse:
    values = [answers] * 9 if isinstance(answers, int) else answers
    data = {f"u{i}": v for i, v in enumerate(values, start=1)}
    return SurveyResponse.objects.create(
        unit=unit,
        officer=officer,
        service_type=service_type,
        channel=Channel.LINK,
        submitted_at=when or timezone.now(),
        **data,
        **fields,
    )
