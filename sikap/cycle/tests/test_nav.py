from __future__ import annotations

import pytest

from sikap.cycle import nav
from sikap.org.scope import build_scope

pytestmark = pytest.mark.django_db


def test_nav_shows_periods_only_to_hr_and_auditors(personas):
    def labels(name):
        user = personas.user(name)
        return [str(i.label) for i in nav.items(user, build_scope(user))]

    assert any("Period" in label or "Periode" in label for label in labels("hr"))
    assert any("Period" in label or "Periode" in label for label in labels("auditor"))
    assert not any("Period" in label or "Periode" in label for label in labels("pegawai"))
