from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sikap.complaints.models import Complaint
from sikap.complaints.testing import make_complaint


@pytest.fixture
def complaint_factory(personas: Any) -> Any:
    def factory(on: dt.date = dt.date(2026, 3, 2), **fields: Any) -> Complaint:
        return make_complaint(fields.pop("unit", personas.kelurahan), on=on, **fields)

    return factory


@pytest.fixture(autouse=True)
def _clear_rate_limits() -> None:
    from django.core.cache import cache

    cache.clear()
