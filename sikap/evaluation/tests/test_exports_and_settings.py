from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from sikap.evaluation import services
from sikap.evaluation.context import angka_kredit_for
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.models import Evaluation, EvaluationSettings

pytestmark = pytest.mark.django_db


def finalise(personas, plans, period):
    pairs = [
        ("pegawai", "penilai"),
        ("peer", "penilai"),
        ("penilai", "lurah"),
        ("lurah", "camat"),
        ("hr", "camat"),
    ]
    for owner, rater in pairs:
        services.set_ratings(
            plan=plans[owner],
            period=period,
            by=personas.user(rater),
            result_rating="DI_ATAS",
            behaviour_rating="DI_BAWAH",
        )
    services.set_organisation_predicate(
        unit=personas.kecamatan, period=period, predicate="BAIK", by=personas.user("hr")
    )
    services.determine_predicates(
        curve=unit_curve(personas.kecamatan, period),
        by=personas.user("camat"),
        signer=None,
        early_close_reason="Uji: periode ditutup lebih awal",
    )


def test_the_periodic_export_has_the_siasn_ids(personas, plans, q1, login):
    finalise(personas, plans, q1)
    # The SKP header keeps the NIP as printed (with spaces); SIASN wants the digits only.
    Evaluation.objects.update(penilai_nip=personas.penilai.nip_display)
    client = login(personas.user("hr"))
    response = client.get(reverse("evaluation:siasn_period", args=[q1.pk, "json"]))
    records = json.loads(response.content)
    assert len(records) == 5
    pegawai = next(r for r in records if r["nipDinilai"] == personas.pegawai.nip)
    assert pegawai["hasilKinerjaNilai"] == 1
    assert pegawai["perilakuKerjaNilai"] == 3
    assert pegawai["kuadranKinerjaNilai"] == 4  # Kurang/Misconduct, not max(1, 3)
    assert pegawai["periodikId"] == 2
    assert (pegawai["bulanMulaiPenilaian"], pegawai["bulanSelesaiPenilaian"]) == (1, 3)
    assert pegawai["penilaiGolongan"] == "33"  # III/c, a string as in the SIASN payload
    assert pegawai["penilaiNipNrp"] == personas.penilai.nip
    assert pegawai["statusPenilai"] == "ASN"
    text = client.get(reverse("evaluation:siasn_period", args=[q1.pk, "csv"])).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["kuadranKinerjaNilai"] == "4"
    assert client.get(reverse("evaluation:siasn_period", args=[q1.pk, "xml"])).status_code == 404


def test_the_annual_export_uses_the_final_period(personas, plans, year2026, login):
    final = year2026.periods.get(is_final=True)
    finalise(personas, plans, final)
    client = login(personas.user("auditor"))
    records = json.loads(
        client.get(reverse("evaluation:siasn_year", args=[year2026.pk, "json"])).content
    )
    assert {r["tahun"] for r in records} == {2026}
    assert records[0]["kuadranKinerjaNilai"] == 4 and records[0]["path"] == []
    assert isinstance(records[0]["penilaiGolongan"], str)
    assert all(" " not in r["penilaiNipNrp"] and " " not in r["nipDinilai"] for r in records)
    csv_text = client.get(
        reverse("evaluation:siasn_year", args=[year2026.pk, "csv"])
    ).content.decode()
    assert csv_text.startswith("nipDinilai,")


def test_exports_are_only_for_hr_auditors_and_unit_heads(personas, plans, q1, login):
    url = reverse("evaluation:siasn_period", args=[q1.pk, "json"])
    assert login(personas.user("pegawai")).get(url).status_code == 404
    finalise(personas, plans, q1)
    assert json.loads(login(personas.user("other_hr")).get(url).content) == []
    assert login(personas.user("hr")).post(url).status_code == 405


def test_hr_edits_the_settings_and_auditors_only_read(personas, login):
    url = reverse("evaluation:settings")
    hr = login(personas.user("city_hr"))
    assert hr.get(url).status_code == 200
    response = hr.post(
        url,
        {
            "organisation_predicate_setter": "hr",
            "rounding": "NEAREST",
            "pooling_threshold": 5,
            "objection_days": 21,
            "peer_feedback_minimum": 3,
        },
    )
    assert response.status_code == 302
    settings = EvaluationSettings.load()
    assert (settings.rounding, settings.pooling_threshold, settings.objection_days) == (
        "NEAREST",
        5,
        21,
    )
    assert settings.history.first().history_user == personas.user("city_hr")
    auditor = login(personas.user("auditor"))
    assert auditor.get(url).status_code == 200
    assert auditor.post(url, {}).status_code == 403
    assert login(personas.user("pegawai")).get(url).status_code == 404
    hr = login(personas.user("city_hr"))
    assert hr.put(url).status_code == 405


def test_angka_kredit_for_a_jf_employee_is_pro_rated(personas, plans, year2026):
    from sikap.org.models import Assignment

    position = personas.pegawai.position
    position.jenis = "FUNGSIONAL"
    position.jenjang = "PT"
    position.save()
    Assignment.objects.filter(employee=personas.pegawai).update(start_date="2026-07-01")
    final = year2026.periods.get(is_final=True)
    finalise(personas, plans, final)
    evaluation = Evaluation.objects.get(plan=plans["pegawai"], period=final)
    ak = angka_kredit_for(evaluation)
    assert ak.months == 6 and ak.percent == 50
    assert str(ak.value) == "3.125"


def test_the_calendar_page_links_the_settings_and_the_siasn_exports(personas, login, year2026, q1):
    page = login(personas.user("hr")).get(reverse("cycle:years")).text
    assert reverse("evaluation:settings") in page
    assert reverse("evaluation:siasn_year", args=[year2026.pk, "csv"]) in page
    assert reverse("evaluation:siasn_period", args=[q1.pk, "json"]) in page
