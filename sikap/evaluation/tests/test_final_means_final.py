"""Final means final (issue 10.4) and a closed period stays closed (issue 11.2).

Realisation and evidence of a period close for everyone in a curve when its penetapan is signed;
only a superadmin reopens such a period, with a reason that is recorded.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.cycle import services as cycle_services
from sikap.cycle.models import EntryClosure, PeriodReopening
from sikap.evaluation import services
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.models import Evaluation, EvaluationSettings
from sikap.evaluation.tests.test_exports_and_settings import finalise
from sikap.planning.models import Evidence, Indicator, Realisation
from sikap.planning.services import records

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 20)  # inside Triwulan IV/Akhir, before its batas pengisian (10 Jan 2027)


@pytest.fixture
def q4(year2026):
    return year2026.periods.get(is_final=True)


@pytest.fixture
def recorded(personas, plans, q4):
    """The pegawai's realisation 1350 with one bukti dukung in the final period."""
    indicator = Indicator.objects.get(work_result__plan=plans["pegawai"])
    user = personas.user("pegawai")
    real = records.record_realisation(
        indicator=indicator, period=q4, by=user, value=Decimal(1350), today=DAY
    )
    evidence = records.add_evidence(
        realisation=real, by=user, link="https://example.id/laporan.pdf", today=DAY
    )
    return indicator, real, evidence


def _sign(personas, plans, period):
    finalise(personas, plans, period)


def test_after_the_final_penetapan_the_pegawai_can_neither_delete_evidence_nor_change_1350(
    personas, plans, q4, recorded
):
    indicator, real, evidence = recorded
    _sign(personas, plans, q4)
    user = personas.user("pegawai")
    with pytest.raises(ValidationError) as info:
        records.remove_evidence(evidence=evidence, by=user, today=DAY)
    assert info.value.code == "period_signed"
    with pytest.raises(ValidationError) as info:
        records.record_realisation(
            indicator=indicator, period=q4, by=user, value=Decimal(2000), today=DAY
        )
    assert info.value.code == "period_signed"
    with pytest.raises(ValidationError) as info:
        records.add_evidence(realisation=real, by=user, link="https://example.id/x", today=DAY)
    assert info.value.code == "period_signed"
    real.refresh_from_db()
    assert real.value == Decimal(1350)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_the_pages_hide_the_buttons_and_refuse_the_posts(personas, plans, q4, recorded, login):
    indicator, real, evidence = recorded
    _sign(personas, plans, q4)
    with time_machine.travel(dt.datetime(2026, 12, 20, 3, tzinfo=dt.UTC)):
        client = login(personas.user("pegawai"))
        page = client.get(
            reverse("planning:realisation", args=[plans["pegawai"].pk]), {"periode": q4.pk}
        )
        assert page.status_code == 200
        assert reverse("planning:evidence_delete", args=[evidence.pk]) not in page.text
        assert reverse("planning:realisation_save", args=[indicator.pk, q4.pk]) not in page.text
        assert "keberatan" in page.text
        client.post(reverse("planning:evidence_delete", args=[evidence.pk]))
        prefix = f"i{indicator.pk}"
        response = client.post(
            reverse("planning:realisation_save", args=[indicator.pk, q4.pk]),
            {f"{prefix}-value": "2000", f"{prefix}-text": "", f"{prefix}-note": ""},
            follow=True,
        )
    assert "keberatan" in response.text
    real.refresh_from_db()
    assert real.value == Decimal(1350)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    evaluation = Evaluation.objects.get(plan=plans["pegawai"], period=q4)
    assert evaluation.is_final


def test_the_penetapan_closes_entry_for_everyone_in_the_curve_even_without_an_evaluation(
    personas, plans, q4
):
    _sign(personas, plans, q4)
    closed = set(EntryClosure.objects.filter(period=q4).values_list("employee_id", flat=True))
    members = {e.pk for e in unit_curve(personas.kecamatan, q4).employees}
    assert closed == members and personas.camat.pk in closed
    assert not Evaluation.objects.filter(employee=personas.camat, period=q4).exists()
    indicator = Indicator.objects.get(work_result__plan=plans["camat"])
    with pytest.raises(ValidationError) as info:
        records.record_realisation(
            indicator=indicator, period=q4, by=personas.user("camat"), value=Decimal(1), today=DAY
        )
    assert info.value.code == "period_signed"
    # Another period of the same year stays open.
    q3 = plans["camat"].appraisal_year.periods.get(number=3)
    assert not EntryClosure.objects.filter(period=q3).exists()


def test_the_calibration_form_of_a_signed_curve_answers_403_with_the_reason(
    personas, plans, q4, login
):
    _sign(personas, plans, q4)
    evaluation = Evaluation.objects.get(plan=plans["pegawai"], period=q4)
    url = reverse("evaluation:calibrate", args=[personas.kecamatan.pk, q4.pk, evaluation.pk])
    client = login(personas.user("camat"))
    page = client.get(url)
    assert page.status_code == 403 and "keberatan" in page.text
    response = client.post(
        url, {"result_rating": "DI_ATAS", "behaviour_rating": "DI_ATAS", "reason": "Naik"}
    )
    assert response.status_code == 403
    evaluation.refresh_from_db()
    assert (evaluation.result_rating, evaluation.behaviour_rating) == ("DI_ATAS", "DI_BAWAH")


def test_only_the_superadmin_reopens_a_signed_period_with_a_recorded_reason(
    personas, plans, q4, recorded, login
):
    indicator, _real, _evidence = recorded
    _sign(personas, plans, q4)
    url = reverse("cycle:period_reopen", args=[q4.pk])
    for name in ("city_hr", "hr", "other_hr"):
        client = login(personas.user(name))
        assert client.get(url).status_code == 403
        assert client.post(url, {"reopened_until": "2027-01-31", "reason": "x"}).status_code == 403
    with pytest.raises(ValidationError) as info:
        cycle_services.reopen_period(
            period=q4, until=dt.date(2027, 1, 31), by=personas.user("city_hr"), reason="x"
        )
    assert info.value.code == "period_signed"
    client = login(personas.superadmin)
    assert "penetapan" in client.get(url).text
    missing = client.post(url, {"reopened_until": "2027-01-31", "reason": " "})
    assert missing.status_code == 200
    assert missing.context["form"].has_error("reason", code="reason_required")
    reason = "Koreksi realisasi atas putusan keberatan nomor 3/2026"
    assert client.post(url, {"reopened_until": "2027-01-31", "reason": reason}).status_code == 302
    reopening = PeriodReopening.objects.get(period=q4)
    assert (reopening.by, reopening.reason, reopening.overrides_closures) == (
        personas.superadmin,
        reason,
        True,
    )
    q4.refresh_from_db()
    assert q4.history.latest().history_change_reason == reason
    changed = records.record_realisation(
        indicator=indicator,
        period=q4,
        by=personas.user("pegawai"),
        value=Decimal(2000),
        today=dt.date(2027, 1, 20),
    )
    assert changed.value == Decimal(2000)
    with pytest.raises(ValidationError):
        records.record_realisation(
            indicator=indicator,
            period=q4,
            by=personas.user("pegawai"),
            value=Decimal(1),
            today=dt.date(2027, 2, 1),
        )


def test_the_years_page_shows_who_may_reopen_a_signed_period(personas, plans, q4, login):
    _sign(personas, plans, q4)
    reopen = reverse("cycle:period_reopen", args=[q4.pk])
    q1 = plans["pegawai"].appraisal_year.periods.get(number=1)
    page = login(personas.user("city_hr")).get(reverse("cycle:years")).text
    assert reopen not in page and reverse("cycle:period_reopen", args=[q1.pk]) in page
    assert reopen in login(personas.superadmin).get(reverse("cycle:years")).text


@pytest.mark.parametrize("name", ["hr", "other_hr"])
def test_a_kecamatans_hr_cannot_reopen_periods_or_change_the_evaluation_settings(
    personas, login, year2026, name
):
    q1 = year2026.periods.get(number=1)
    client = login(personas.user(name))
    assert client.get(reverse("cycle:years")).status_code == 200  # they read the calendar
    reopen = reverse("cycle:period_reopen", args=[q1.pk])
    assert client.post(reopen, {"reopened_until": "2026-12-31"}).status_code == 403
    edit = {
        "name": "x",
        "start_date": "2026-01-01",
        "end_date": "2026-03-31",
        "deadline": "2026-12-31",
        "is_final": "",
    }
    assert client.post(reverse("cycle:period_edit", args=[q1.pk]), edit).status_code == 403
    new_year = {"year": 2027, "period_kind": "bulanan"}
    assert client.post(reverse("cycle:year_create"), new_year).status_code == 403
    settings = {
        "organisation_predicate_setter": "hr",
        "rounding": "NEAREST",
        "pooling_threshold": 5,
        "objection_days": 21,
    }
    assert client.post(reverse("evaluation:settings"), settings).status_code == 403
    q1.refresh_from_db()
    assert q1.reopened_until is None and q1.name != "x"
    assert EvaluationSettings.load().organisation_predicate_setter == "parent_head"


def test_an_unsigned_period_is_reopened_by_the_city_hr_and_the_reopening_is_recorded(
    personas, login, year2026
):
    q1 = year2026.periods.get(number=1)
    client = login(personas.user("city_hr"))
    url = reverse("cycle:period_reopen", args=[q1.pk])
    assert client.post(url, {"reopened_until": "2026-12-31", "reason": ""}).status_code == 302
    reopening = PeriodReopening.objects.get(period=q1)
    assert reopening.by == personas.user("city_hr") and not reopening.overrides_closures
    assert (
        cycle_services.close_entry(
            period=q1, employee_ids=[personas.pegawai.pk], reason="final_evaluation"
        )
        == 1
    )
    assert (
        cycle_services.close_entry(
            period=q1, employee_ids=[personas.pegawai.pk], reason="penetapan"
        )
        == 0
    )
    assert EntryClosure.objects.get(period=q1).reason == "final_evaluation"


def test_upload_evidence_is_refused_once_signed(personas, plans, q4, recorded):
    _indicator, real, _evidence = recorded
    _sign(personas, plans, q4)
    upload = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    with pytest.raises(ValidationError) as info:
        records.add_evidence(
            realisation=real,
            by=personas.user("pegawai"),
            upload=upload,
            filename="foto.png",
            today=DAY,
        )
    assert info.value.code == "period_signed"
    assert Realisation.objects.get(pk=real.pk).evidence.count() == 1
    assert services.LOCKED_MESSAGE
