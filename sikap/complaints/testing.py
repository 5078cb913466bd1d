"""Plain factories of complaints for tests of every app (fixed values)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sikap.complaints import services
from sikap.complaints.models import Complaint
from sikap.lib.samplefiles import image_bytes


def make_complaint(unit: Any, *, on: dt.date, **fields: Any) -> Complaint:
    """A web complaint registered on a given day, with a reporter identity."""
    values: dict[str, Any] = {
        "subject": "Lampu jalan mati",
        "text": "Lampu jalan di Jalan DI Panjaitan mati sejak seminggu.",
        "reporter_name": "Bambang Sutrisno",
        "reporter_phone": "081234567890",
        "reporter_email": "bambang@example.com",
    }
    values.update(fields)
    return services.register_complaint(unit=unit, on=on, **values)


# A small valid PNG, for attachment tests.
PNG = image_bytes("PNG")
