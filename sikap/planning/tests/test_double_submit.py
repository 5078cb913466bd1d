"""A double submit of each SKP create form (the same form token twice) creates one record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.accounts.testing import Submit, assert_created_once
from sikap.lib.samplefiles import pdf_bytes
from sikap.planning.models import (
    ActionPlan,
    CoachingSession,
    CompetencyEvaluation,
    Evidence,
    Feedback,
    Indicator,
    OrganisationTarget,
    PerformanceDialogue,
    Plan,
    WorkResult,
)
from sikap.planning.services import records
from sikap.planning.testing import NO_ROWS, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2026-02-10 09:00 +07:00", tick=False):
        yield


def _new_plan(personas: Any, login: Any, chain: Any) -> Submit:
    Plan.objects.filter(employee=personas.pegawai).delete()
    data = {
        "appraisal_year": chain.kasi_plan.appraisal_year_id,
        "approach": "kuantitatif",
        "form_kind": "JA_JF",
    }
    rows = Plan.objects.filter(employee=personas.pegawai)
    return Submit(login(personas.user("pegawai")), reverse("planning:create"), data, rows)


def _new_rhk(personas: Any, login: Any, chain: Any) -> Submit:
    draft = make_plan(personas.pegawai, texts=(), approve=False)
    data = {"category": "UTAMA", "text": "Laporan", "intervenes": chain.kasi_rhk.pk} | NO_ROWS
    url = reverse("planning:work_result_create", args=[draft.pk])
    return Submit(login(personas.user("pegawai")), url, data, WorkResult.objects.filter(plan=draft))


def _new_indicator(personas: Any, login: Any, chain: Any) -> Submit:
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    result = draft.work_results.get()
    data = {
        "aspect": "kuantitas",
        "text": "Jumlah laporan",
        "target_value": "12",
        "target_unit": "Laporan",
    }
    url = reverse("planning:indicator_create", args=[result.pk])
    rows = Indicator.objects.filter(work_result=result)
    return Submit(login(personas.user("pegawai")), url, data, rows)


def _dialogue(personas: Any, login: Any, chain: Any) -> Submit:
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    url = reverse("planning:dialogue", args=[draft.pk])
    data = {"date": "2026-01-15", "notes": "Klarifikasi"}
    return Submit(
        login(personas.user("pegawai")),
        url,
        data,
        PerformanceDialogue.objects.filter(plan=draft),
        page=reverse("planning:plan", args=[draft.pk]),
    )


def _evidence(personas: Any, login: Any, chain: Any) -> Submit:
    """The realisation table of a period, one row with a bukti dukung uploaded."""
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    indicator = plan.work_results.get().indicators.get()
    period = plan.appraisal_year.periods.get(number=1)
    pdf = pdf_bytes()

    def data() -> dict[str, Any]:
        return {
            "periode": str(period.pk),
            "r-TOTAL_FORMS": "1",
            "r-INITIAL_FORMS": "1",
            "r-MIN_NUM_FORMS": "0",
            "r-MAX_NUM_FORMS": "1000",
            "r-0-value": "3",
            "r-0-file": SimpleUploadedFile("laporan.pdf", pdf),
        }

    url = reverse("planning:realisation", args=[plan.pk]) + f"?periode={period.pk}"
    rows = Evidence.objects.filter(realisation__indicator=indicator)
    return Submit(login(personas.user("pegawai")), url, data, rows)


def _feedback(personas: Any, login: Any, chain: Any) -> Submit:
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    period = plan.appraisal_year.periods.get(number=1)
    url = reverse("planning:feedback", args=[plan.pk])
    data = {"periode": period.pk, "subject": "value-pelayanan", "text": "Ramah"}
    rows = Feedback.objects.filter(plan=plan)
    return Submit(
        login(personas.user("penilai")), url, data, rows, page=f"{url}?periode={period.pk}"
    )


def _coaching(personas: Any, login: Any, chain: Any) -> Submit:
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    url = reverse("planning:coaching", args=[plan.pk])
    data = {"kind": "coaching", "date": "2026-02-09", "topic": "Laporan"}
    rows = CoachingSession.objects.filter(plan=plan)
    return Submit(login(personas.user("penilai")), url, data, rows)


def _competency(personas: Any, login: Any, chain: Any) -> Submit:
    submit = _coaching(personas, login, chain)
    submit.client.post(submit.url, submit.data)  # a page without a token saves as before
    session = submit.rows.get()
    url = reverse("planning:coaching_competency", args=[session.pk])
    data = {"competency": "Komunikasi", "score": "4", "reason": "Jelas"}
    rows = CompetencyEvaluation.objects.filter(session=session)
    return Submit(submit.client, url, data, rows, page=submit.url)


def _target(personas: Any, login: Any, chain: Any) -> Submit:
    url = reverse("planning:targets", args=[personas.kecamatan.pk])
    data = {"sasaran": "Sasaran baru", "indikator": "Indikator baru", "target": "90"}
    rows = OrganisationTarget.objects.filter(sasaran="Sasaran baru")
    return Submit(login(personas.user("hr")), url, data, rows)


def _cascade(personas: Any, login: Any, chain: Any) -> Submit:
    url = reverse("planning:cascade_down", args=[chain.kasi_rhk.pk])
    data = {"employees": [personas.pegawai.pk, personas.peer.pk], "cascade_kind": "langsung"}
    rows = WorkResult.objects.filter(intervenes=chain.kasi_rhk)
    return Submit(login(personas.user("penilai")), url, data, rows)


def _action_plan(personas: Any, login: Any, chain: Any) -> Submit:
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    data = {
        "work_result": plan.work_results.get().pk,
        "period": plan.appraisal_year.periods.get(number=1).pk,
        "text": "Menyusun laporan bulanan",
        "target": "3",
        "satuan": "laporan",
    }
    url = reverse("planning:action_plans", args=[plan.pk])
    rows = ActionPlan.objects.filter(work_result__plan=plan)
    return Submit(login(personas.user("pegawai")), url, data, rows)


def _reply(personas: Any, login: Any, chain: Any) -> Submit:
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    period = plan.appraisal_year.periods.get(number=1)
    feedback = records.give_feedback(
        plan=plan,
        period=period,
        by=personas.user("penilai"),
        text="Laporan rapi",
        work_result=plan.work_results.get(),
    )
    url = reverse("planning:feedback_reply", args=[feedback.pk])
    page = reverse("planning:feedback", args=[plan.pk]) + f"?periode={period.pk}"
    rows = Feedback.objects.filter(pk=feedback.pk, reply="Siap")
    return Submit(login(personas.user("pegawai")), url, {"text": "Siap"}, rows, page=page)


CASES: dict[str, Callable[[Any, Any, Any], Submit]] = {
    "planning:create": _new_plan,
    "planning:work_result_create": _new_rhk,
    "planning:indicator_create": _new_indicator,
    "planning:dialogue": _dialogue,
    "planning:realisation": _evidence,
    "planning:feedback": _feedback,
    "planning:feedback_reply": _reply,
    "planning:coaching": _coaching,
    "planning:coaching_competency": _competency,
    "planning:targets": _target,
    "planning:cascade_down": _cascade,
    "planning:action_plans": _action_plan,
}


@pytest.mark.parametrize("view", CASES)
def test_a_double_submit_creates_one_record(view, personas, login, chain):
    assert_created_once(CASES[view](personas, login, chain))
