"""A revised SKP keeps the year: realisation, feedback and evaluations of past periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sikap.evaluation import services as evaluation_services
from sikap.evaluation.models import Evaluation
from sikap.planning.models import Feedback, Realisation
from sikap.planning.services import plans, records
from sikap.planning.testing import make_plan
from sikap.planning.tests.conftest import chain, year  # noqa: F401  (shared SKP fixtures)


def test_an_approved_revision_carries_the_year_and_a_signed_period_is_never_rated_again(
    personas,
    chain,  # noqa: F811  (the shared fixture)
    login,
):
    v1 = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    q1 = v1.appraisal_year.periods.get(number=1)
    indicator = v1.work_results.get().indicators.get()
    records.record_realisation(
        indicator=indicator, period=q1, by=None, value=Decimal(1350), today=dt.date(2026, 4, 2)
    )
    records.give_feedback(
        plan=v1,
        period=q1,
        by=personas.user("penilai"),
        text="Laporan tepat waktu",
        work_result=v1.work_results.get(),
    )
    rated = evaluation_services.set_ratings(
        plan=v1,
        period=q1,
        by=personas.user("penilai"),
        result_rating="SESUAI",
        behaviour_rating="SESUAI",
    )
    # Triwulan I signed.
    Evaluation.objects.filter(pk=rated.pk).update(status="final", finalised_at=timezone.now())

    v2 = plans.start_revision(plan=v1, by=personas.user("pegawai"))
    plans.submit_plan(plan=v2, by=None, today=dt.date(2026, 7, 2))
    plans.approve_plan(plan=v2, by=None)
    v2.refresh_from_db()
    assert v2.is_current and v2.version == 2

    copy = v2.work_results.get().indicators.get()
    assert Realisation.objects.get(period=q1).indicator == copy
    assert Feedback.objects.get(period=q1).plan == v2
    with pytest.raises(ValidationError):
        evaluation_services.set_ratings(
            plan=v2,
            period=q1,
            by=personas.user("penilai"),
            result_rating="DI_ATAS",
            behaviour_rating="DI_ATAS",
        )
    assert Evaluation.objects.filter(employee=personas.pegawai, period=q1).count() == 1
    # The penilai's grid shows triwulan I as rated for the revised SKP (not "nilai" again).
    page = login(personas.user("penilai")).get(reverse("evaluation:index"))
    assert page.status_code == 200
    cell = page.text.split(reverse("evaluation:evaluate", args=[v2.pk, q1.pk]), 1)[1][:200]
    assert "Baik" in cell and "final" in cell


def test_the_evaluation_of_a_signed_triwulan_keeps_its_realisation_after_a_revision(
    personas,
    chain,  # noqa: F811  (the shared fixture)
):
    from sikap.evaluation.context import behaviour_rows, plan_rows

    v1 = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    q1 = v1.appraisal_year.periods.get(number=1)
    result = v1.work_results.get()
    records.record_realisation(
        indicator=result.indicators.get(),
        period=q1,
        by=None,
        value=Decimal(7),
        today=dt.date(2026, 4, 2),
    )
    penilai = personas.user("penilai")
    records.give_feedback(plan=v1, period=q1, by=penilai, text="Rapi", work_result=result)
    records.give_feedback(plan=v1, period=q1, by=penilai, text="Ramah", behaviour_value="pelayanan")
    rated = evaluation_services.set_ratings(
        plan=v1,
        period=q1,
        by=penilai,
        result_rating="SESUAI",
        behaviour_rating="SESUAI",
        work_result_notes={str(result.pk): {"label": "SESUAI", "feedback": "Tepat waktu"}},
    )
    Evaluation.objects.filter(pk=rated.pk).update(status="final", finalised_at=timezone.now())
    v2 = plans.start_revision(plan=v1, by=personas.user("pegawai"))
    plans.submit_plan(plan=v2, by=None, today=dt.date(2026, 7, 2))
    plans.approve_plan(plan=v2, by=None)

    evaluation = Evaluation.objects.get(pk=rated.pk)
    assert evaluation.plan_id == v1.pk  # the signed evaluation stays on the version it rated
    for plan in (v1, v2):  # the form of the evaluation, and the revised SKP's evaluation page
        (row,) = plan_rows(plan, q1, evaluation)
        ((_indicator, real),) = row.indicators
        assert real is not None and real.value == 7, plan.version
        assert [f.text for f in row.feedback] == ["Rapi"]
        assert (row.label, row.note) == ("SESUAI", "Tepat waktu")
        values = {b.number: [f.text for f in b.feedback] for b in behaviour_rows(plan, q1)}
        assert values[1] == ["Ramah"]


def test_feedback_on_an_rhk_dropped_in_the_revision_stays_on_the_old_version(
    personas,
    chain,  # noqa: F811  (the shared fixture)
):
    v1 = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, texts=("RHK tetap", "RHK lama"))
    q1 = v1.appraisal_year.periods.get(number=1)
    dropped = v1.work_results.get(text="RHK lama")
    records.give_feedback(
        plan=v1, period=q1, by=personas.user("penilai"), text="Cukup", work_result=dropped
    )
    v2 = plans.start_revision(plan=v1, by=personas.user("pegawai"))
    plans.remove_work_result(work_result=v2.work_results.get(text="RHK lama"), by=None)
    plans.submit_plan(plan=v2, by=None, today=dt.date(2026, 7, 2))
    plans.approve_plan(plan=v2, by=None)
    feedback = Feedback.objects.get(period=q1)
    assert (feedback.plan_id, feedback.work_result_id) == (v1.pk, dropped.pk)
