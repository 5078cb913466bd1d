from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sikap.evaluation import services
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.models import Evaluation, OrganisationAssessment

pytestmark = pytest.mark.django_db


def rate(plan, period, user, result="SESUAI", behaviour="SESUAI"):
    return services.set_ratings(
        plan=plan, period=period, by=user, result_rating=result, behaviour_rating=behaviour
    )


def rate_everyone(personas, plans, period):
    rate(plans["pegawai"], period, personas.user("penilai"))
    rate(plans["peer"], period, personas.user("penilai"))
    rate(plans["penilai"], period, personas.user("lurah"))
    rate(plans["lurah"], period, personas.user("camat"))
    rate(plans["hr"], period, personas.user("camat"))
    services.set_organisation_predicate(
        unit=personas.kecamatan, period=period, predicate="BAIK", by=personas.user("hr")
    )


def evaluate_url(plan, period):
    return reverse("evaluation:evaluate", args=[plan.pk, period.pk])


def test_the_penilai_evaluates_with_realisation_and_a_suggestion(personas, plans, q1, login):
    from sikap.planning.models import Realisation

    plan = plans["pegawai"]
    indicator = plan.work_results.first().indicators.first()
    from sikap.planning.models import Evidence

    realisation = Realisation.objects.create(indicator=indicator, period=q1, value=12)
    Evidence.objects.create(
        realisation=realisation, link="https://example.id/laporan", description="Laporan"
    )
    client = login(personas.user("penilai"))
    page = client.get(evaluate_url(plan, q1))
    assert page.status_code == 200
    assert "Laporan kegiatan 1" in page.text
    assert "https://example.id/laporan" in page.text
    assert f"12 {indicator.target_unit}" in page.text and indicator.target_unit  # with its satuan
    assert "Di Atas Ekspektasi" in page.text  # the suggestion, shown not applied
    assert "diproporsikan ke periode ini (1/4)" in page.text
    assert not Evaluation.objects.exists()
    wr = plan.work_results.first()
    response = client.post(
        evaluate_url(plan, q1),
        {
            "result_rating": "DI_ATAS",
            "behaviour_rating": "SESUAI",
            "notes": "Pertahankan",
            f"label_{wr.pk}": "DI_ATAS",
            f"feedback_{wr.pk}": "Laporan lengkap",
        },
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.predicate == "BAIK"
    assert evaluation.work_result_notes[str(wr.pk)]["feedback"] == "Laporan lengkap"


def test_a_missing_rating_is_an_error(personas, plans, q1, login):
    response = login(personas.user("penilai")).post(
        evaluate_url(plans["pegawai"], q1), {"result_rating": "DI_ATAS"}
    )
    assert response.status_code == 200
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(("name", "status"), [("outsider", 404), ("other_hr", 404), ("peer", 404)])
def test_outsiders_get_404(personas, plans, q1, login, name, status):
    client = login(personas.user(name))
    assert client.get(evaluate_url(plans["pegawai"], q1)).status_code == status
    assert client.post(evaluate_url(plans["pegawai"], q1), {}).status_code == status


@pytest.mark.parametrize("name", ["auditor", "hr", "camat", "lurah"])
def test_readers_see_but_cannot_rate(personas, plans, q1, login, name):
    client = login(personas.user(name))
    assert client.get(evaluate_url(plans["pegawai"], q1)).status_code == 200
    response = client.post(
        evaluate_url(plans["pegawai"], q1),
        {"result_rating": "DI_ATAS", "behaviour_rating": "SESUAI"},
    )
    assert response.status_code == 403


def test_wrong_methods_are_405(personas, plans, q1, login):
    client = login(personas.user("penilai"))
    assert client.put(evaluate_url(plans["pegawai"], q1)).status_code == 405
    assert client.post(reverse("evaluation:index")).status_code == 405
    url = reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk])
    assert login(personas.user("camat")).post(url).status_code == 405
    determine = reverse("evaluation:determine", args=[personas.kecamatan.pk, q1.pk])
    assert login(personas.user("camat")).get(determine).status_code == 405


def test_the_unit_head_rating_follows_the_organisation_predicate(personas, plans, q1, login):
    OrganisationAssessment.objects.create(unit=personas.kelurahan, period=q1, predicate="ISTIMEWA")
    page = login(personas.user("camat")).get(evaluate_url(plans["lurah"], q1))
    assert page.status_code == 200
    assert "applied as the default" in page.text or "diterapkan sebagai bawaan" in page.text
    assert 'value="DI_ATAS" checked' in page.text


def test_the_final_period_shows_the_periodic_history(personas, plans, year2026, q1, login):
    rate(plans["pegawai"], q1, personas.user("penilai"), "DI_BAWAH", "SESUAI")
    final = year2026.periods.get(is_final=True)
    page = login(personas.user("penilai")).get(evaluate_url(plans["pegawai"], final))
    assert "Butuh Perbaikan" in page.text


def test_the_index_lists_the_team_and_the_units(
    personas, plans, q1, login, django_assert_max_num_queries
):
    import time_machine

    with time_machine.travel("2026-11-27 10:00 +0700"):
        page = login(personas.user("penilai")).get(reverse("evaluation:index"))
        assert page.status_code == 200
        assert "Dewi Lestari" in page.text and "Rudi Hartono" in page.text
        camat = login(personas.user("camat")).get(reverse("evaluation:index"))
        assert reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk]) in camat.text


def test_the_calibration_page_warns_and_the_camat_changes_a_rating(personas, plans, q1, login):
    rate_everyone(personas, plans, q1)
    client = login(personas.user("camat"))
    url = reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "harus ada" in page.text
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    change = reverse("evaluation:calibrate", args=[personas.kecamatan.pk, q1.pk, evaluation.pk])
    assert client.get(change).status_code == 200
    missing = client.post(change, {"result_rating": "DI_BAWAH", "behaviour_rating": "SESUAI"})
    assert missing.status_code == 200
    ok = client.post(
        change, {"result_rating": "DI_BAWAH", "behaviour_rating": "SESUAI", "reason": "Kurang"}
    )
    assert ok.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.predicate == "BUTUH_PERBAIKAN"
    assert "harus ada" not in client.get(url).text
    assert (
        client.post(
            reverse("evaluation:determine", args=[personas.kecamatan.pk, q1.pk])
        ).status_code
        == 302
    )
    assert set(Evaluation.objects.values_list("status", flat=True)) == {"final"}
    # a pooled kelurahan opens the kecamatan's curve
    assert (
        "Kecamatan Plaju"
        in client.get(reverse("evaluation:calibration", args=[personas.kelurahan.pk, q1.pk])).text
    )


@pytest.mark.parametrize("name", ["auditor", "hr"])
def test_readers_of_the_calibration_get_403_on_changes(personas, plans, q1, login, name):
    rate_everyone(personas, plans, q1)
    client = login(personas.user(name))
    url = reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk])
    assert client.get(url).status_code == 200
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    change = reverse("evaluation:calibrate", args=[personas.kecamatan.pk, q1.pk, evaluation.pk])
    assert client.post(change, {"reason": "x"}).status_code == 403
    assert (
        client.post(
            reverse("evaluation:determine", args=[personas.kecamatan.pk, q1.pk])
        ).status_code
        == 403
    )


@pytest.mark.parametrize("name", ["outsider", "pegawai", "penilai"])
def test_others_get_404_on_calibration(personas, plans, q1, login, name):
    client = login(personas.user(name))
    assert (
        client.get(
            reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("evaluation:determine", args=[personas.kecamatan.pk, q1.pk])
        ).status_code
        == 404
    )


def test_the_lurah_cannot_calibrate_the_pooled_kecamatan(personas, plans, q1, login):
    rate_everyone(personas, plans, q1)
    client = login(personas.user("lurah"))
    assert (
        client.post(
            reverse("evaluation:determine", args=[personas.kelurahan.pk, q1.pk])
        ).status_code
        == 403
    )


def test_organisation_predicate_is_set_by_hr_when_nobody_heads_the_unit_above(personas, q1, login):
    url = reverse("evaluation:organisation_predicate", args=[personas.kecamatan.pk, q1.pk])
    assert login(personas.user("camat")).get(url).status_code == 403
    assert login(personas.user("auditor")).post(url, {"predicate": "BAIK"}).status_code == 403
    assert login(personas.user("outsider")).get(url).status_code == 404
    client = login(personas.user("hr"))
    assert client.get(url).status_code == 200
    assert (
        client.post(url, {"predicate": "ISTIMEWA", "note": "Rencana aksi terlampaui"}).status_code
        == 302
    )
    assessment = OrganisationAssessment.objects.get()
    assert assessment.predicate == "ISTIMEWA"
    assert assessment.history.first().history_user == personas.user("hr")


def test_the_camat_sets_an_unpooled_kelurahan_predicate(personas, q1, login):
    services.update_settings(
        by=None,
        organisation_predicate_setter="parent_head",
        rounding="STRICT",
        pooling_threshold=1,
        objection_days=14,
    )
    url = reverse("evaluation:organisation_predicate", args=[personas.kelurahan.pk, q1.pk])
    assert login(personas.user("camat")).post(url, {"predicate": "BAIK"}).status_code == 302
    assert OrganisationAssessment.objects.get().unit == personas.kelurahan
    assert login(personas.user("lurah")).get(url).status_code == 403


def _final(personas, plans, q1):
    rate_everyone(personas, plans, q1)
    services.determine_predicates(
        curve=unit_curve(personas.kecamatan, q1), by=personas.user("camat"), signer=personas.camat
    )
    return Evaluation.objects.get(plan=plans["pegawai"])


def test_the_employee_sees_a_final_predikat_and_files_a_keberatan(personas, plans, q1, login):
    draft = rate(plans["pegawai"], q1, personas.user("penilai"))
    client = login(personas.user("pegawai"))
    assert client.get(reverse("evaluation:detail", args=[draft.pk])).status_code == 404
    evaluation = _final(personas, plans, q1)
    page = client.get(reverse("evaluation:detail", args=[evaluation.pk]))
    assert page.status_code == 200 and "Baik" in page.text
    url = reverse("evaluation:objection_create", args=[evaluation.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Mohon ditinjau"}).status_code == 302
    objection = evaluation.objections.get()
    assert login(personas.user("penilai")).get(url).status_code == 403
    decide = reverse("evaluation:objection_decide", args=[objection.pk])
    assert login(personas.user("pegawai")).get(decide).status_code == 403
    assert login(personas.user("outsider")).get(decide).status_code == 404
    lurah = login(personas.user("lurah"))
    assert lurah.get(decide).status_code == 200
    response = lurah.post(
        decide,
        {
            "decision": "accept",
            "result_rating": "DI_ATAS",
            "behaviour_rating": "DI_ATAS",
            "decision_reason": "Bukti baru",
        },
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.predicate == "SANGAT_BAIK"
    assert lurah.put(decide).status_code == 405


def test_documents_print_the_right_predikat(personas, plans, q1, login):
    evaluation = _final(personas, plans, q1)
    client = login(personas.user("pegawai"))
    response = client.get(reverse("evaluation:document", args=[evaluation.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text
    assert "ATASAN PEJABAT PENILAI KINERJA" in text
    assert "PREDIKAT KINERJA PEGAWAI BAIK" in " ".join(text.split())
    assert "Siti Rahmawati" in text
    form = client.get(reverse("evaluation:form_pdf", args=[evaluation.pk]))
    form_text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(form.content)).pages
    )
    assert "EVALUASI KINERJA PEGAWAI" in form_text and "Laporan kegiatan 1" in form_text
    assert (
        login(personas.user("outsider"))
        .get(reverse("evaluation:document", args=[evaluation.pk]))
        .status_code
        == 404
    )


def test_the_penetapan_pdf_and_the_workbook(personas, plans, q1, login):
    _final(personas, plans, q1)
    client = login(personas.user("camat"))
    pdf = client.get(reverse("evaluation:determination_pdf", args=[personas.kecamatan.pk, q1.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "FORMAT PENETAPAN PREDIKAT KINERJA" in text and "Hendra Wijaya" in text
    xlsx = client.get(reverse("evaluation:unit_xlsx", args=[personas.kecamatan.pk, q1.pk]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    rows = list(workbook["Hasil evaluasi"].iter_rows(values_only=True))
    assert rows[0][1] == "Nama" and len(rows) == 7
    assert (
        login(personas.user("outsider"))
        .get(reverse("evaluation:unit_xlsx", args=[personas.kecamatan.pk, q1.pk]))
        .status_code
        == 404
    )


def test_the_calibration_page_query_count_does_not_grow_with_the_unit(
    personas, plans, year2026, q1, login
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sikap.org.testing import make_employee
    from sikap.planning.testing import make_plan

    rate_everyone(personas, plans, q1)
    client = login(personas.user("camat"))
    url = reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    position = personas.hr.position
    for n in range(12):
        employee = make_employee(position, f"Staf {n}")
        plan = make_plan(employee, year2026, penilai=personas.camat)
        rate(plan, q1, personas.user("camat"), "DI_ATAS", "SESUAI")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert "Staf 11" in page.text
    assert len(few.captured_queries) == len(many.captured_queries)


def test_the_detail_page_shows_angka_kredit_for_a_jf_employee(personas, plans, year2026, login):
    position = personas.pegawai.position
    position.jenis, position.jenjang = "FUNGSIONAL", "TR"
    position.save()
    final = year2026.periods.get(is_final=True)
    rate_everyone(personas, plans, final)
    services.determine_predicates(
        curve=unit_curve(personas.kecamatan, final),
        by=personas.user("camat"),
        signer=personas.camat,
        early_close_reason="Uji: periode ditutup lebih awal",
    )
    evaluation = Evaluation.objects.get(plan=plans["pegawai"], period=final)
    page = login(personas.user("pegawai")).get(reverse("evaluation:detail", args=[evaluation.pk]))
    assert "Angka kredit" in page.text
    assert "<strong>5,000</strong>" in page.text or "<strong>5.000</strong>" in page.text


def _pdf_text(response) -> str:
    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages
    )


def test_the_form_lays_out_utama_first_and_all_seven_values(personas, plans, q1, login):
    from sikap.planning.models import BehaviourExpectation, Feedback, WorkResult

    plan = plans["pegawai"]
    WorkResult.objects.create(
        plan=plan,
        category="UTAMA",
        text="Layanan administrasi",
        order=5,
        intervenes=plans["penilai"].work_results.first(),
    )
    BehaviourExpectation.objects.create(
        plan=plan, value="kompeten", expectation="Menguasai aplikasi SIKAP"
    )
    Feedback.objects.create(
        plan=plan, period=q1, behaviour_value="loyal", text="Menjaga rahasia jabatan"
    )
    evaluation = rate(plan, q1, personas.user("penilai"))
    text = _pdf_text(
        login(personas.user("penilai")).get(reverse("evaluation:form_pdf", args=[evaluation.pk]))
    )
    assert text.index("A. UTAMA") < text.index("B. TAMBAHAN")
    # Numbered within each category: the first TAMBAHAN is 1 again.
    assert "B. TAMBAHAN 1 Laporan kegiatan 1" in text
    for value in (
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ):
        assert value in text, value
    assert "EKSPEKTASI KHUSUS PIMPINAN" in text and "Menguasai aplikasi SIKAP" in text
    assert "Menjaga rahasia jabatan" in text
    assert personas.pegawai.nip_display in text and personas.penilai.nip_display in text


def test_the_annual_documents_print_the_whole_year(personas, plans, year2026, login):
    final = year2026.periods.get(is_final=True)
    evaluation = rate(plans["pegawai"], final, personas.user("penilai"))
    client = login(personas.user("penilai"))
    for name in ("evaluation:document", "evaluation:form_pdf"):
        text = _pdf_text(client.get(reverse(name, args=[evaluation.pk])))
        assert "PERIODE PENILAIAN: 01 JANUARI SD 31 DESEMBER TAHUN 2026" in text, name


def test_a_unit_head_cannot_calibrate_their_own_result(personas, plans, q1, login):
    from django.core.exceptions import ValidationError

    rate_everyone(personas, plans, q1)
    own = Evaluation.objects.create(
        plan=plans["camat"],
        employee=personas.camat,
        period=q1,
        result_rating="SESUAI",
        behaviour_rating="SESUAI",
        predicate="BAIK",
    )
    client = login(personas.user("camat"))
    page = client.get(reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk]))
    assert "Ditetapkan oleh pejabat penilai Anda" in page.text
    change = reverse("evaluation:calibrate", args=[personas.kecamatan.pk, q1.pk, own.pk])
    forbidden = client.get(change)
    assert forbidden.status_code == 403
    assert "Tidak ada yang mengkalibrasi hasilnya sendiri" in forbidden.text
    assert "Kembali ke beranda" in forbidden.text
    raised = {"result_rating": "DI_ATAS", "behaviour_rating": "DI_ATAS", "reason": "Naik"}
    assert client.post(change, raised).status_code == 403
    with pytest.raises(ValidationError) as caught:
        services.calibrate_rating(evaluation=own, by=personas.user("camat"), **raised)
    assert caught.value.code == "own_result"
    own.refresh_from_db()
    assert own.predicate == "BAIK"


def test_the_camat_closes_a_period_early_and_the_stored_pdf_is_served(
    personas, plans, year2026, login, django_capture_on_commit_callbacks
):
    final = year2026.periods.get(is_final=True)
    rate_everyone(personas, plans, final)
    client = login(personas.user("camat"))
    page = client.get(reverse("evaluation:calibration", args=[personas.kecamatan.pk, final.pk]))
    assert "Tutup lebih awal dan tetapkan" in page.text
    determine = reverse("evaluation:determine", args=[personas.kecamatan.pk, final.pk])
    client.post(determine, {})
    assert not Evaluation.objects.filter(period=final, status="final").exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(determine, {"early_close_reason": "Camat pindah tugas"})
    assert set(Evaluation.objects.filter(period=final).values_list("status", flat=True)) == {
        "final"
    }
    pdf = reverse("evaluation:determination_pdf", args=[personas.kecamatan.pk, final.pk])
    stored = b"".join(client.get(pdf).streaming_content)
    assert stored.startswith(b"%PDF")
    assert b"".join(client.get(pdf + "?versi=1").streaming_content) == stored
    assert client.get(pdf + "?versi=x").status_code == 200
