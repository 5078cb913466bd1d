from __future__ import annotations

from typing import Any

import pytest

from sikap.org.models import Unit
from sikap.surveys.models import ServiceType
from sikap.surveys.testing import make_service_type


@pytest.fixture
def kel(personas: Any) -> Unit:
    return personas.kelurahan


@pytest.fixture
def domisili(personas: Any) -> ServiceType:
    return make_service_type(personas.kelurahan)
