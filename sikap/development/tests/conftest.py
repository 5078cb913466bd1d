"""Fixtures of the development tests."""

from __future__ import annotations

from typing import Any

import pytest

from sikap.development.models import TrainingEvent
from sikap.development.testing import make_event


@pytest.fixture
def event(personas: Any) -> TrainingEvent:
    return make_event(personas.kecamatan)
