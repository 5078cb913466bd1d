from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sikap.complaints import services
from sikap.complaints.models import Complaint


def make_complaint(unit: Any, *, on: dt.date, **fields: Any) -> Complaint:
    """A web complaint registered on a given day, with a reporter identity."""
    values = {
        "subject": "Lampu jalan mati",
        "text": "Lampu jalan di Jalan DI Panjaitan mati sejak seminggu.",
        "reporter_name": "Bambang Sutrisno",
        "reporter_phone": "081234567890",
        "reporter_email": "bambang@example.com",
    }
    values.update(fields)
    return services.register_complaint(unit=unit, on=on, **values)


@pytest.fixture
def complaint_factory(personas: Any) -> Any:
    def factory(on: dt.date = dt.date(2026, 3, 2), **fields: Any) -> Complaint:
        return make_complaint(fields.pop("unit", personas.kelurahan), on=on, **fields)

    return factory
