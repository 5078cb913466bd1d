"""Plain factories of complaints for tests of every app (fixed values)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sikap.complaints import services
from sikap.complaints.models import Complaint


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


# The smallest valid PNG, for attachment tests.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
