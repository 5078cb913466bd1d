from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.lib.samplefiles import pdf_bytes
from sikap.org.testing import make_employee, make_position, make_unit
from sikap.planning import access
from sikap.planning.services import records
from sikap.planning.testing import DAY, make_plan

PDF = pdf_bytes()


@pytest.fixture
def plan(personas, chain):
    return make_plan(personas.pegawai, intervenes=chain.kasi_rhk)


@pytest.fixture
def other_kasi(personas):
    """A Kasi of another seksi in the same kelurahan, with a staff member of their own."""
    seksi = make_unit("Seksi Trantib", parent=personas.kelurahan)
    kasi_pos = make_position(
        seksi, "Kepala Seksi Trantib", jenis="PENGAWAS", reports_to=personas.lurah.position
    )
    kasi = make_employee(kasi_pos, "Bayu Kurniawan", username="kasi2")
    make_employee(make_position(seksi, "Staf Trantib", reports_to=kasi_pos), "Ilham", username="s2")
    return kasi


@pytest.mark.parametrize("name", ["pegawai", "penilai"])
def test_owner_and_penilai_see_and_change(personas, plan, name):
    user = personas.user(name)
    assert access.get_plan_for_user(user, plan.pk, for_change=True) == plan


@pytest.mark.parametrize("name", ["lurah", "camat", "hr", "auditor", "superadmin"])
def test_supervisors_unit_heads_hr_and_auditors_see_but_cannot_change(personas, plan, name):
    user = personas.user(name)
    assert access.get_plan_for_user(user, plan.pk) == plan
    with pytest.raises(PermissionDenied):
        access.get_plan_for_user(user, plan.pk, for_change=True)


@pytest.mark.parametrize("name", ["outsider", "other_hr", "peer"])
def test_outsiders_get_404(personas, plan, name):
    with pytest.raises(Http404):
        access.get_plan_for_user(personas.user(name), plan.pk)


def test_a_supervisor_of_another_team_gets_404_on_plan_and_evidence(personas, plan, other_kasi):
    indicator = plan.work_results.get().indicators.get()
    real = records.record_realisation(
        indicator=indicator,
        period=plan.appraisal_year.periods.get(number=1),
        by=None,
        value=Decimal(1),
        today=DAY,
    )
    evidence = records.add_evidence(realisation=real, by=None, upload=io.BytesIO(PDF), today=DAY)
    user = other_kasi.user
    with pytest.raises(Http404):
        access.get_plan_for_user(user, plan.pk)
    with pytest.raises(Http404):
        access.get_evidence_for_user(user, evidence.pk)
    assert access.get_evidence_for_user(personas.user("penilai"), evidence.pk) == evidence
    with pytest.raises(Http404):
        access.get_evidence_for_user(user, 999999)


def test_rights_and_requirements(personas, plan):
    owner = access.rights(personas.user("pegawai"), plan)
    assert owner.is_owner and not owner.is_penilai and not owner.owner_can_edit(plan)
    access.require_owner(personas.user("pegawai"), plan)
    access.require_penilai(personas.user("penilai"), plan)
    with pytest.raises(PermissionDenied):
        access.require_owner(personas.user("penilai"), plan)
    with pytest.raises(PermissionDenied):
        access.require_penilai(personas.user("pegawai"), plan)
    auditor = access.rights(personas.user("auditor"), plan)
    assert not auditor.is_owner and not auditor.is_penilai


def test_visible_plans(personas, plan, chain):
    assert set(access.plans_visible_to(personas.user("superadmin"))) >= {plan, chain.camat_plan}
    assert set(access.plans_visible_to(personas.user("pegawai"))) == {plan}
    assert not access.plans_visible_to(personas.user("outsider")).exists()
    assert plan in access.plans_visible_to(personas.user("penilai"))


def test_unit_rights(personas):
    path = personas.kelurahan
    assert access.can_manage_targets(personas.user("hr"), path)
    assert access.can_manage_targets(personas.user("lurah"), path)
    assert access.can_manage_targets(personas.user("superadmin"), path)
    assert not access.can_manage_targets(personas.user("auditor"), path)
    assert access.can_read_unit(personas.user("auditor"), path)
    assert access.can_read_unit(personas.user("superadmin"), path)
    assert not access.can_read_unit(personas.user("outsider"), path)


def test_the_team_and_unit_pages_ask_access(personas):
    assert access.team_ids(personas.user("penilai")) == sorted(
        [personas.pegawai.pk, personas.peer.pk]
    )
    with pytest.raises(PermissionDenied):
        access.team_ids(personas.user("pegawai"))
    assert access.get_unit_for_user(personas.auditor, personas.seksi.pk) == personas.seksi
    with pytest.raises(Http404):
        access.get_unit_for_user(personas.user("outsider"), personas.seksi.pk)
    with pytest.raises(Http404):
        access.get_unit_for_user(personas.superadmin, 0)
