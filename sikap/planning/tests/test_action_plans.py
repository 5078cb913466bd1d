"""Rencana aksi per RHK per quarter (§8.2): rules, services, the page, the SKP page and PDF."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.cycle.services import setup_appraisal_year
from sikap.planning import rules
from sikap.planning.models import ActionPlan
from sikap.planning.services import action_plans as services
from sikap.planning.testing import make_plan

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 2, 10)


@pytest.fixture
def year2026(db):
    return setup_appraisal_year(year=2026, period_kind="triwulanan", annual_final=True, by=None)


@pytest.fixture
def approved(personas, year2026):
    return make_plan(personas.pegawai, year2026, penilai=personas.penilai)


@pytest.mark.parametrize(
    ("status", "has", "dialogue", "expected"),
    [
        ("draft", True, False, True),
        ("returned", True, False, True),
        ("submitted", True, True, False),
        ("approved", True, True, True),
        ("approved", True, False, False),
        ("draft", False, True, False),
    ],
)
def test_the_rule_of_when_rencana_aksi_change(status, has, dialogue, expected):
    assert (
        rules.action_plans_editable(plan_status=status, has_action_plans=has, in_dialogue=dialogue)
        is expected
    )


def test_an_approved_skp_gets_rencana_aksi_in_the_quarters_dialogue(approved, year2026):
    rhk = approved.work_results.get()
    q1 = year2026.periods.get(number=1)
    made = services.save_action_plan(
        work_result=rhk,
        period=q1,
        text=" Melayani surat domisili ",
        target=30,
        satuan="layanan",
        by=None,
        today=DAY,
    )
    assert (made.text, made.target, made.satuan) == ("Melayani surat domisili", 30, "layanan")
    changed = services.save_action_plan(
        work_result=rhk,
        period=q1,
        text="Melayani surat",
        target=40,
        satuan="layanan",
        by=None,
        action_plan=made,
        today=DAY,
    )
    assert changed.pk == made.pk and ActionPlan.objects.get().target == 40
    # After the quarter's batas pengisian the dialogue is over.
    with pytest.raises(ValidationError) as info:
        services.save_action_plan(
            work_result=rhk,
            period=q1,
            text="x",
            target=1,
            satuan="x",
            by=None,
            today=q1.deadline + dt.timedelta(days=1),
        )
    assert info.value.code == "action_plans_locked"
    services.delete_action_plan(action_plan=made, by=None, today=DAY)
    assert not ActionPlan.objects.exists()


def test_the_tahunan_final_has_no_rencana_aksi(approved, year2026):
    final = year2026.periods.get(is_final=True)
    with pytest.raises(ValidationError) as info:
        services.save_action_plan(
            work_result=approved.work_results.get(),
            period=final,
            text="x",
            target=1,
            satuan="x",
            by=None,
            today=DAY,
        )
    assert info.value.code == "no_action_plans"


def test_a_period_of_another_year_and_empty_text_are_refused(approved, year2026):
    other = setup_appraisal_year(year=2027, period_kind="triwulanan", annual_final=True, by=None)
    rhk = approved.work_results.get()
    with pytest.raises(ValidationError) as info:
        services.save_action_plan(
            work_result=rhk,
            period=other.periods.get(number=1),
            text="x",
            target=1,
            satuan="x",
            by=None,
            today=DAY,
        )
    assert info.value.code == "period_outside_year"
    with pytest.raises(ValidationError) as info:
        services.save_action_plan(
            work_result=rhk,
            period=year2026.periods.get(number=2),
            text=" ",
            target=1,
            satuan="x",
            by=None,
            today=DAY,
        )
    assert info.value.code == "incomplete"


@time_machine.travel("2026-02-10 09:00 +07:00")
def test_the_pegawai_adds_rencana_aksi_and_they_show_on_the_skp_and_its_pdf(
    personas, login, approved, year2026
):
    client = login(personas.user("pegawai"))
    url = reverse("planning:action_plans", args=[approved.pk])
    page = client.get(url)
    assert page.status_code == 200
    q1 = year2026.periods.get(number=1)
    response = client.post(
        url,
        {
            "work_result": approved.work_results.get().pk,
            "period": q1.pk,
            "text": "Menyusun laporan bulanan",
            "target": "3",
            "satuan": "laporan",
        },
    )
    assert response.status_code == 302
    skp = client.get(reverse("planning:plan", args=[approved.pk]))
    assert "Menyusun laporan bulanan" in skp.text and "3 laporan" in skp.text
    pdf = client.get(reverse("planning:pdf", args=[approved.pk]))
    assert pdf.status_code == 200
    import io

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "RENCANA AKSI" in text and "Menyusun laporan bulanan" in text
    action = ActionPlan.objects.get()
    delete = reverse("planning:action_plan_delete", args=[action.pk])
    assert login(personas.user("auditor")).post(delete).status_code in (403, 404)
    assert login(personas.user("pegawai")).post(delete).status_code == 302
    assert not ActionPlan.objects.exists()


@time_machine.travel("2026-02-10 09:00 +07:00")
@pytest.mark.parametrize(
    ("name", "get_status", "post_status"),
    [
        ("pegawai", 200, 302),
        ("penilai", 200, 302),
        ("lurah", 200, 403),
        ("camat", 200, 403),
        ("hr", 200, 403),
        ("auditor", 200, 403),
        ("other_hr", 404, 404),
        ("city_hr", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_who_agrees_rencana_aksi(
    personas, login, approved, year2026, name, get_status, post_status
):
    client = login(personas.user(name))
    url = reverse("planning:action_plans", args=[approved.pk])
    assert client.get(url).status_code == get_status
    data = {
        "work_result": approved.work_results.get().pk,
        "period": year2026.periods.get(number=1).pk,
        "text": "Rencana",
        "target": "1",
        "satuan": "kegiatan",
    }
    assert client.post(url, data).status_code == post_status


def test_anonymous_is_asked_to_sign_in(client, approved):
    url = reverse("planning:action_plans", args=[approved.pk])
    assert client.get(url).status_code == 302
    assert client.put(url).status_code in (302, 405)


def test_rencana_aksi_of_another_years_quarter_may_not_change(approved, year2026):
    other = setup_appraisal_year(year=2027, period_kind="triwulanan", annual_final=True, by=None)
    assert services.may_edit(approved, other.periods.get(number=1), DAY) is False


def test_a_rencana_aksi_of_another_skp_is_refused(personas, approved, year2026):
    q1 = year2026.periods.get(number=1)
    made = services.save_action_plan(
        work_result=approved.work_results.get(),
        period=q1,
        text="Melayani surat domisili",
        target=30,
        satuan="layanan",
        by=None,
        today=DAY,
    )
    theirs = make_plan(personas.penilai, year2026, penilai=personas.lurah)
    with pytest.raises(ValidationError) as caught:
        services.save_action_plan(
            work_result=theirs.work_results.get(),
            period=q1,
            text="Bukan miliknya",
            target=1,
            satuan="dokumen",
            by=None,
            action_plan=made,
            today=DAY,
        )
    assert caught.value.code == "other_plan"
