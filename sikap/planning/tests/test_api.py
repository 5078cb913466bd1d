from __future__ import annotations

import pytest
import time_machine

from sikap.planning.testing import make_plan


@pytest.fixture
def plan(personas, chain):
    return make_plan(personas.pegawai, intervenes=chain.kasi_rhk)


def test_employee_skp_for_those_who_may_see_it(personas, plan, chain, login):
    client = login(personas.user("penilai"))
    url = f"/api/planning/employees/{personas.pegawai.pk}/skp?year=2026"
    data = client.get(url).json()
    assert data[0]["status"] == "approved"
    result = data[0]["hasil_kerja"][0]
    assert result["rhk_pimpinan_diintervensi_id"] == chain.kasi_rhk.pk
    assert result["rhk_pimpinan_diintervensi"] == chain.kasi_rhk.text
    assert result["indikator"][0]["target"] == "12 Dokumen"
    assert data[0]["pejabat_penilai"]["nama"] == "Agus Setiawan, S.IP."
    assert login(personas.user("outsider")).get(url).status_code == 404
    assert login(personas.user("peer")).get(url).status_code == 404


def test_current_year_by_default_and_single_plan(personas, plan, chain, login):
    client = login(personas.user("pegawai"))
    with time_machine.travel("2026-03-01 09:00 +07:00"):
        assert client.get(f"/api/planning/employees/{personas.pegawai.pk}/skp").status_code == 200
    camat = client.get(f"/api/planning/skp/{chain.camat_plan.pk}")
    assert camat.status_code == 404
    own = client.get(f"/api/planning/skp/{plan.pk}").json()
    assert own["ekspektasi_khusus"]["pelayanan"] == ""
    data = login(personas.user("camat")).get(f"/api/planning/skp/{chain.camat_plan.pk}").json()
    assert data["hasil_kerja"][0]["sasaran_organisasi"].startswith("Meningkatnya")


def test_anonymous_is_refused(client, personas):
    assert client.get(f"/api/planning/employees/{personas.pegawai.pk}/skp").status_code == 401
