"""Fixtures of the planning tests: an appraisal year and approved leader plans."""

from __future__ import annotations

from typing import Any

import pytest

from sikap.cycle.models import AppraisalYear
from sikap.planning.services import plans
from sikap.planning.testing import make_plan, make_year


@pytest.fixture
def year(db: Any) -> AppraisalYear:
    return make_year()


@pytest.fixture
def chain(personas: Any, year: AppraisalYear) -> Any:
    """Approved plans of camat (org target), lurah and penilai (Kasi), cascaded."""
    target = plans.add_organisation_target(
        unit=personas.kecamatan,
        appraisal_year=year,
        by=None,
        sasaran="Meningkatnya kualitas pelayanan publik kecamatan",
        indikator="Indeks Kepuasan Masyarakat",
        target="85",
    )
    camat_plan = make_plan(
        personas.camat, texts=("Terwujudnya pelayanan publik prima",), organisation_target=target
    )
    camat_rhk = camat_plan.work_results.get()
    lurah_plan = make_plan(
        personas.lurah, texts=("Meningkatnya pelayanan kelurahan",), intervenes=camat_rhk
    )
    lurah_rhk = lurah_plan.work_results.get()
    kasi_plan = make_plan(
        personas.penilai,
        texts=("Tersusunnya laporan pemerintahan kelurahan",),
        intervenes=lurah_rhk,
    )

    class Chain:
        pass

    c = Chain()
    c.target = target
    c.camat_plan, c.camat_rhk = camat_plan, camat_rhk
    c.lurah_plan, c.lurah_rhk = lurah_plan, lurah_rhk
    c.kasi_plan, c.kasi_rhk = kasi_plan, kasi_plan.work_results.get()
    return c
