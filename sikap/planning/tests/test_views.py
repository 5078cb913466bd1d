from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from sikap.accounts.outbox import send_due
from sikap.lib.samplefiles import pdf_bytes
from sikap.org.testing import make_employee, make_position, make_unit
from sikap.planning.models import (
    CoachingFeedback,
    CompetencyEvaluation,
    Evidence,
    Feedback,
    Plan,
    PlanStatus,
    Realisation,
    WorkResult,
)
from sikap.planning.services import common, plans, records
from sikap.planning.testing import DAY, NO_ROWS, make_plan

PDF = pdf_bytes()
NOW = "2026-02-10 09:00 +07:00"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(personas, chain):
    return make_plan(personas.pegawai, intervenes=chain.kasi_rhk)


@pytest.fixture
def other_kasi(personas):
    seksi = make_unit("Seksi Trantib", parent=personas.kelurahan)
    pos = make_position(
        seksi, "Kepala Seksi Trantib", jenis="PENGAWAS", reports_to=personas.lurah.position
    )
    kasi = make_employee(pos, "Bayu Kurniawan", username="kasi2")
    make_employee(make_position(seksi, "Staf Trantib", reports_to=pos), "Ilham", username="s2")
    return kasi


def test_my_plans_lists_own_plans(personas, plan, login):
    client = login(personas.user("pegawai"))
    response = client.get(reverse("planning:mine"))
    assert response.status_code == 200
    assert "SKP 2026" in response.text
    assert client.post(reverse("planning:mine")).status_code == 405


def test_my_plans_for_a_user_without_employee(personas, login):
    response = login(personas.user("auditor")).get(reverse("planning:mine"))
    assert response.status_code == 200
    assert reverse("planning:create") not in response.text


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(reverse("planning:mine"))
    assert response.status_code == 302


def test_create_plan_page(personas, year, login):
    client = login(personas.user("pegawai"))
    assert client.get(reverse("planning:create")).status_code == 200
    response = client.post(
        reverse("planning:create"),
        {"appraisal_year": year.pk, "approach": "kuantitatif", "form_kind": "JA_JF"},
    )
    plan = Plan.objects.get(employee=personas.pegawai)
    assert response.url == reverse("planning:plan", args=[plan.pk])
    again = client.post(
        reverse("planning:create"),
        {"appraisal_year": year.pk, "approach": "kuantitatif", "form_kind": "JA_JF"},
    )
    assert again.status_code == 200 and "Sudah ada SKP" in again.text
    assert login(personas.user("auditor")).get(reverse("planning:create")).status_code == 403


@pytest.mark.parametrize("name", ["pegawai", "penilai", "lurah", "camat", "hr", "auditor"])
def test_plan_detail_for_those_who_may_see(personas, plan, login, name):
    response = login(personas.user(name)).get(reverse("planning:plan", args=[plan.pk]))
    assert response.status_code == 200
    assert "A. UTAMA" in response.text and "Berorientasi Pelayanan" in response.text
    assert "Tersusunnya laporan pemerintahan kelurahan" in response.text


@pytest.mark.parametrize("name", ["outsider", "other_hr", "peer"])
def test_plan_detail_404_for_outsiders(personas, plan, login, name):
    assert (
        login(personas.user(name)).get(reverse("planning:plan", args=[plan.pk])).status_code == 404
    )


def test_supervisor_of_another_team_gets_404_on_plan_and_evidence(
    personas, plan, other_kasi, login
):
    real = records.record_realisation(
        indicator=plan.work_results.get().indicators.get(),
        period=plan.appraisal_year.periods.get(number=1),
        by=None,
        value=Decimal(1),
        today=DAY,
    )
    evidence = records.add_evidence(realisation=real, by=None, upload=io.BytesIO(PDF), today=DAY)
    client = login(other_kasi.user)
    assert client.get(reverse("planning:plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("planning:evidence", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("planning:pdf", args=[plan.pk])).status_code == 404
    owner = login(personas.user("pegawai")).get(reverse("planning:evidence", args=[evidence.pk]))
    assert owner.status_code == 200 and b"".join(owner.streaming_content).startswith(b"%PDF")


def test_plan_detail_405(personas, plan, login):
    assert (
        login(personas.user("pegawai")).post(reverse("planning:plan", args=[plan.pk])).status_code
        == 405
    )


def test_employee_drafts_links_and_submits(personas, chain, login):
    draft = make_plan(personas.pegawai, texts=(), approve=False)
    client = login(personas.user("pegawai"))
    url = reverse("planning:work_result_create", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    # Only the current penilai's RHK are offered.
    assert chain.kasi_rhk.text in page.text and chain.lurah_rhk.text not in page.text
    refused = client.post(
        url, {"category": "UTAMA", "text": "X", "intervenes": chain.lurah_rhk.pk} | NO_ROWS
    )
    assert refused.status_code == 200 and not draft.work_results.exists()
    missing = client.post(url, {"category": "UTAMA", "text": "X"} | NO_ROWS)
    assert "harus dikaitkan" in missing.text
    client.post(
        url, {"category": "UTAMA", "text": "Laporan", "intervenes": chain.kasi_rhk.pk} | NO_ROWS
    )
    result = draft.work_results.get()
    ind_url = reverse("planning:indicator_create", args=[result.pk])
    assert client.get(ind_url).status_code == 200
    bad = client.post(ind_url, {"aspect": "kuantitas", "text": "Jumlah"})
    assert "Target wajib" in bad.text
    client.post(
        ind_url,
        {
            "aspect": "kuantitas",
            "text": "Jumlah laporan",
            "target_value": "12",
            "target_unit": "Laporan",
        },
    )
    indicator = result.indicators.get()
    edit_url = reverse("planning:indicator_edit", args=[indicator.pk])
    assert client.get(edit_url).status_code == 200
    assert "Target wajib" in client.post(edit_url, {"aspect": "waktu", "text": "T"}).text
    client.post(
        edit_url,
        {"aspect": "waktu", "text": "Tepat waktu", "target_value": "12", "target_unit": "Bulan"},
    )
    indicator.refresh_from_db()
    assert indicator.aspect == "waktu"
    wr_edit = reverse("planning:work_result_edit", args=[result.pk])
    assert client.get(wr_edit).status_code == 200
    blank = client.post(
        wr_edit, {"category": "UTAMA", "text": " ", "intervenes": chain.kasi_rhk.pk}
    )
    assert blank.status_code == 200
    assert "harus dikaitkan" in client.post(wr_edit, {"category": "UTAMA", "text": "Y"}).text
    client.post(
        wr_edit, {"category": "UTAMA", "text": "Laporan bulanan", "intervenes": chain.kasi_rhk.pk}
    )
    result.refresh_from_db()
    assert result.text == "Laporan bulanan"
    annex = reverse("planning:annex", args=[draft.pk])
    assert client.get(annex).status_code == 200
    client.post(annex, {"resources": "Laptop", "accountability": "Laporan", "consequences": "TPP"})
    assert (
        client.post(
            reverse("planning:dialogue", args=[draft.pk]),
            {"date": "2026-01-15", "notes": "Klarifikasi"},
        ).status_code
        == 302
    )
    client.post(reverse("planning:dialogue", args=[draft.pk]), {"date": ""})
    assert draft.dialogues.count() == 1
    client.post(reverse("planning:submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED
    # Locked now: editing pages answer 403; submitting again (a double click) changes nothing.
    assert client.get(url).status_code == 403
    assert client.get(edit_url).status_code == 403
    assert client.post(reverse("planning:work_result_delete", args=[result.pk])).status_code == 403
    assert client.post(reverse("planning:indicator_delete", args=[indicator.pk])).status_code == 403
    client.post(reverse("planning:submit", args=[draft.pk]), follow=True)
    assert draft.history.filter(status=PlanStatus.SUBMITTED).count() == 1


def test_remove_rhk_and_indicator_views(personas, chain, login):
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    client = login(personas.user("pegawai"))
    result = draft.work_results.get()
    client.post(reverse("planning:indicator_delete", args=[result.indicators.get().pk]))
    client.post(reverse("planning:work_result_delete", args=[result.pk]))
    assert not draft.work_results.exists()
    # The Kasi's RHK is intervened by nobody now, but the lurah's is: refused with a message.
    kasi_draft = plans.start_revision(plan=chain.kasi_plan, by=None)
    copy = kasi_draft.work_results.get()
    staff = plans.add_work_result(
        plan=draft, by=None, text="L", intervenes=chain.kasi_rhk, today=DAY
    )
    WorkResult.objects.filter(pk=staff.pk).update(intervenes=copy)
    response = login(personas.user("penilai")).post(
        reverse("planning:work_result_delete", args=[copy.pk]), follow=True
    )
    assert "masih diintervensi" in response.text


def test_submit_refused_shows_the_reason(personas, chain, login):
    draft = make_plan(personas.pegawai, texts=(), approve=False)
    response = login(personas.user("pegawai")).post(
        reverse("planning:submit", args=[draft.pk]), follow=True
    )
    assert "minimal satu" in response.text


def test_penilai_returns_and_approves(personas, chain, login, mailoutbox):
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    plans.submit_plan(plan=draft, by=None, today=DAY)
    client = login(personas.user("penilai"))
    page = client.get(reverse("planning:plan", args=[draft.pk]))
    assert "Kembalikan" in page.text or "Return" in page.text
    empty = client.post(reverse("planning:return", args=[draft.pk]), {"note": ""}, follow=True)
    assert "wajib" in empty.text
    client.post(reverse("planning:return", args=[draft.pk]), {"note": "Tambah indikator"})
    draft.refresh_from_db()
    assert draft.status == PlanStatus.RETURNED
    assert (
        "Tambah indikator"
        in login(personas.user("pegawai")).get(reverse("planning:plan", args=[draft.pk])).text
    )
    plans.submit_plan(plan=draft, by=None, today=DAY)
    client = login(personas.user("penilai"))
    exp = reverse("planning:expectations", args=[draft.pk])
    assert client.get(exp).status_code == 200
    client.post(exp, {"pelayanan": "Responsif kepada warga"})
    client.post(reverse("planning:approve", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == PlanStatus.APPROVED
    # A repeated approval (a double click) changes nothing and is no error.
    client.post(reverse("planning:approve", args=[draft.pk]), follow=True)
    assert draft.history.filter(status=PlanStatus.APPROVED).count() == 1
    assert (
        "tidak dapat diubah"
        in client.post(reverse("planning:return", args=[draft.pk]), {"note": "x"}, follow=True).text
    )
    assert "terkunci" in client.post(exp, {"pelayanan": "x"}).text


@pytest.mark.parametrize(
    "name,route",
    [("submit", "pegawai"), ("approve", "penilai"), ("return", "penilai"), ("revise", "pegawai")],
)
def test_auditor_and_others_get_403_on_changes(personas, plan, login, name, route):
    for who in ("auditor", "hr", "lurah"):
        assert (
            login(personas.user(who)).post(reverse(f"planning:{name}", args=[plan.pk])).status_code
            == 403
        )
    wrong = "penilai" if route == "pegawai" else "pegawai"
    assert (
        login(personas.user(wrong)).post(reverse(f"planning:{name}", args=[plan.pk])).status_code
        == 403
    )
    # The submit page answers GET with its confirmation; every other step is POST only.
    client = login(personas.user(route))
    method = client.put if name == "submit" else client.get
    assert method(reverse(f"planning:{name}", args=[plan.pk])).status_code == 405


def test_auditor_403_on_other_change_views(personas, plan, login):
    client = login(personas.user("auditor"))
    result = plan.work_results.get()
    urls = [
        reverse("planning:work_result_create", args=[plan.pk]),
        reverse("planning:expectations", args=[plan.pk]),
        reverse("planning:annex", args=[plan.pk]),
        reverse("planning:dialogue", args=[plan.pk]),
        reverse("planning:feedback", args=[plan.pk]),
        reverse("planning:coaching", args=[plan.pk]),
        reverse("planning:cascade_down", args=[result.pk]),
        reverse(
            "planning:realisation_save",
            args=[result.indicators.get().pk, plan.appraisal_year.periods.first().pk],
        ),
    ]
    for url in urls:
        assert client.post(url, {}).status_code == 403, url


def test_revision_view(personas, plan, login):
    client = login(personas.user("pegawai"))
    response = client.post(reverse("planning:revise", args=[plan.pk]))
    revision = Plan.objects.get(revision_of=plan)
    assert response.url == reverse("planning:plan", args=[revision.pk])
    again = client.post(reverse("planning:revise", args=[plan.pk]), follow=True)
    assert "sudah dibuat" in again.text
    page = client.get(reverse("planning:plan", args=[revision.pk]))
    assert "SKP 2026" in page.text


def test_realisation_with_evidence_upload(personas, plan, login, settings):
    client = login(personas.user("pegawai"))
    period = plan.appraisal_year.periods.get(number=1)
    indicator = plan.work_results.get().indicators.get()
    page = client.get(reverse("planning:realisation", args=[plan.pk]))
    assert page.status_code == 200 and "Jumlah RHK contoh" in page.text
    url = reverse("planning:realisation_save", args=[indicator.pk, period.pk])
    prefix = f"i{indicator.pk}-"
    wrong = client.post(
        url,
        {prefix + "value": "3", prefix + "file": SimpleUploadedFile("x.pdf", b"MZ" * 50)},
        follow=True,
    )
    assert "bukan jenis yang diterima" in wrong.text
    assert not Evidence.objects.exists()
    settings.UPLOAD_MAX_BYTES = 10
    big = client.post(
        url, {prefix + "value": "3", prefix + "file": SimpleUploadedFile("b.pdf", PDF)}, follow=True
    )
    assert "terlalu besar" in big.text
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    ok = client.post(
        url,
        {
            prefix + "value": "3",
            prefix + "note": "Q1",
            prefix + "file": SimpleUploadedFile("laporan.pdf", PDF),
        },
        follow=True,
    )
    assert ok.status_code == 200 and "laporan.pdf" in ok.text
    assert Realisation.objects.get().value == 3
    invalid = client.post(url, {prefix + "value": "-1"}, follow=True)
    assert invalid.status_code == 200
    empty = client.post(url, {prefix + "note": "x"}, follow=True)
    assert "Isi nilai" in empty.text
    client.post(url, {prefix + "value": "4", prefix + "link": "https://drive.example.id/foto"})
    assert Evidence.objects.count() == 2
    evidence = Evidence.objects.get(link="")
    assert (
        login(personas.user("penilai"))
        .get(reverse("planning:evidence", args=[evidence.pk]))
        .status_code
        == 200
    )
    assert (
        login(personas.user("outsider"))
        .get(reverse("planning:evidence", args=[evidence.pk]))
        .status_code
        == 404
    )
    link_only = Evidence.objects.exclude(link="").get()
    client = login(personas.user("pegawai"))
    assert client.get(reverse("planning:evidence", args=[link_only.pk])).status_code == 404
    assert (
        login(personas.user("penilai"))
        .post(reverse("planning:evidence_delete", args=[evidence.pk]))
        .status_code
        == 403
    )
    client = login(personas.user("pegawai"))
    client.post(reverse("planning:evidence_delete", args=[evidence.pk]))
    assert Evidence.objects.count() == 1
    assert client.get(reverse("planning:evidence_delete", args=[link_only.pk])).status_code == 405


def test_realisation_closed_after_the_deadline(personas, plan, login):
    period = plan.appraisal_year.periods.get(number=1)
    indicator = plan.work_results.get().indicators.get()
    with time_machine.travel("2026-04-20 09:00 +07:00", tick=False):
        client = login(personas.user("pegawai"))
        page = client.get(reverse("planning:realisation", args=[plan.pk]) + f"?periode={period.pk}")
        assert "ditutup" in page.text or "closed" in page.text
        response = client.post(
            reverse("planning:realisation_save", args=[indicator.pk, period.pk]),
            {f"i{indicator.pk}-value": "2"},
            follow=True,
        )
        assert "sudah lewat" in response.text


def test_evidence_delete_after_deadline_is_refused(personas, plan, login):
    period = plan.appraisal_year.periods.get(number=1)
    real = records.record_realisation(
        indicator=plan.work_results.get().indicators.get(),
        period=period,
        by=None,
        value=Decimal(1),
        today=DAY,
    )
    evidence = records.add_evidence(realisation=real, by=None, link="https://x.id", today=DAY)
    with time_machine.travel("2026-05-01 09:00 +07:00", tick=False):
        response = login(personas.user("pegawai")).post(
            reverse("planning:evidence_delete", args=[evidence.pk]), follow=True
        )
    assert "sudah lewat" in response.text


def test_feedback_thread(personas, plan, login, mailoutbox):
    client = login(personas.user("penilai"))
    url = reverse("planning:feedback", args=[plan.pk])
    assert client.get(url).status_code == 200
    result = plan.work_results.get()
    period = plan.appraisal_year.periods.get(number=1)
    client.post(url, {"periode": period.pk, "subject": f"rhk-{result.pk}", "text": "Laporan rapi"})
    client.post(url, {"periode": period.pk, "subject": "value-pelayanan", "text": "Ramah"})
    assert Feedback.objects.count() == 2
    send_due()
    assert "Umpan balik" in mailoutbox[-1].subject
    invalid = client.post(url, {"periode": period.pk, "subject": "value-pelayanan", "text": ""})
    assert invalid.status_code == 200
    employee = login(personas.user("pegawai"))
    assert employee.post(url, {"subject": "value-loyal", "text": "x"}).status_code == 403
    feedback = Feedback.objects.get(work_result=result)
    employee.post(reverse("planning:feedback_reply", args=[feedback.pk]), {"text": "Siap"})
    employee.post(reverse("planning:feedback_reply", args=[feedback.pk]), {"text": ""})
    feedback.refresh_from_db()
    assert feedback.reply == "Siap"
    page = employee.get(url)
    assert "Laporan rapi" in page.text and "Siap" in page.text
    assert (
        login(personas.user("penilai"))
        .post(reverse("planning:feedback_reply", args=[feedback.pk]), {"text": "x"})
        .status_code
        == 403
    )
    assert login(personas.user("outsider")).get(url).status_code == 404


def test_feedback_refused_on_an_unapproved_plan(personas, chain, login):
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    plans.submit_plan(plan=draft, by=None, today=DAY)
    response = login(personas.user("penilai")).post(
        reverse("planning:feedback", args=[draft.pk]),
        {"subject": "value-loyal", "text": "x"},
    )
    assert "sudah disetujui" in response.text


def test_coaching_pages(personas, plan, login):
    client = login(personas.user("penilai"))
    url = reverse("planning:coaching", args=[plan.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"kind": "coaching", "date": "2026-02-09", "topic": "Laporan"})
    assert (
        client.post(url, {"kind": "coaching", "date": "2026-02-09", "topic": " "}).status_code
        == 200
    )
    session = plan.coaching_sessions.get()
    client.post(
        reverse("planning:coaching_competency", args=[session.pk]),
        {"competency": "Komunikasi", "score": "4", "reason": "Jelas"},
    )
    client.post(reverse("planning:coaching_competency", args=[session.pk]), {"competency": ""})
    assert CompetencyEvaluation.objects.count() == 1
    employee = login(personas.user("pegawai"))
    assert "Saya merasa diperhatikan dan dipahami" in employee.get(url).text
    answers = {f"q{i}": "5" for i in range(1, 10)}
    employee.post(reverse("planning:coaching_feedback", args=[session.pk]), {"q1": "5"})
    assert not CoachingFeedback.objects.exists()
    employee.post(
        reverse("planning:coaching_feedback", args=[session.pk]),
        {**answers, "comment": "Bermanfaat"},
    )
    again = employee.post(
        reverse("planning:coaching_feedback", args=[session.pk]), answers, follow=True
    )
    assert "sudah diisi" in again.text
    assert CoachingFeedback.objects.get().answers == [5] * 9
    assert employee.post(url, {"kind": "coaching"}).status_code == 403
    assert (
        employee.post(reverse("planning:coaching_competency", args=[session.pk]), {}).status_code
        == 403
    )
    client = login(personas.user("penilai"))
    assert (
        client.post(reverse("planning:coaching_feedback", args=[session.pk]), answers).status_code
        == 403
    )


def _staff(personas, n):
    for i in range(n):
        emp = make_employee(personas.pegawai.position, f"Staf {i:02d}")
        p = plans.create_plan(
            employee=emp, appraisal_year=Plan.objects.first().appraisal_year, by=None, today=DAY
        )
        if i % 2:
            Plan.objects.filter(pk=p.pk).update(status="submitted", submitted_at=p.created_at)


def test_team_page_runs_a_constant_number_of_queries(
    personas, plan, login, django_assert_num_queries
):
    _staff(personas, 3)  # with the pegawai and the peer: 5 direct reports
    client = login(personas.user("penilai"))
    url = reverse("planning:team")
    client.get(url)
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert response.status_code == 200 and response.text.count("<tr>") == 6
    _staff(personas, 45)
    with django_assert_num_queries(len(five)):
        response = client.get(url)
    assert response.text.count("<tr>") == 51


def test_cascade_page_runs_a_constant_number_of_queries(personas, plan, chain, login):
    client = login(personas.user("camat"))
    url = reverse("planning:cascade", args=[personas.kecamatan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(10):
        emp = make_employee(personas.pegawai.position, f"Staf {i:02d}")
        make_plan(emp, intervenes=chain.kasi_rhk)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert "Staf 0" not in response.text  # three levels down: folded, only counted
    assert len(large) == len(small)
    with CaptureQueriesContext(connection) as branch:
        response = client.get(f"{url}?cabang={chain.kasi_rhk.pk}")
    assert response.text.count("Staf 0") == 10
    assert len(branch) == len(small)


def test_the_cascade_shows_two_levels_and_opens_deeper_branches_in_place(
    personas, plan, chain, login, other_kasi
):
    """A kelurahan of 100 staff has some 400 RHK: the page shows the unit's top results and
    those supporting them; each deeper branch is counted, flagged, and opened on request."""
    # A second kasi's RHK that their staff (Ilham) does not support, three levels down.
    make_plan(other_kasi, texts=("Tertibnya lingkungan",), intervenes=chain.lurah_rhk)
    client = login(personas.user("camat"))
    url = reverse("planning:cascade", args=[personas.kecamatan.pk])
    page = client.get(url).text
    assert "Terwujudnya pelayanan publik prima" in page  # the camat's RHK
    assert "Meningkatnya pelayanan kelurahan" in page  # the lurah's, supporting it
    assert "Tersusunnya laporan pemerintahan kelurahan" not in page  # the kasi's: folded
    assert f"?cabang={chain.lurah_rhk.pk}" in page
    # The folded branch says it holds a result nobody supports, and the page's total counts it.
    assert "Tertibnya lingkungan" not in page
    assert "1 tidak didukung siapa pun" in page
    assert "1 hasil kerja pimpinan tidak didukung siapa pun" in page
    # Opened in place (htmx): only the branch's results, no page around them.
    response = client.get(f"{url}?cabang={chain.lurah_rhk.pk}", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    assert "Tersusunnya laporan pemerintahan kelurahan" in response.text
    assert "<html" not in response.text and "Meningkatnya pelayanan kelurahan" not in response.text
    # Without JavaScript, the link opens the branch as a page, with the way back.
    response = client.get(f"{url}?cabang={chain.lurah_rhk.pk}")
    assert (
        "<html" in response.text and "Tersusunnya laporan pemerintahan kelurahan" in response.text
    )
    assert f'href="{url}"' in response.text
    # Only the unit's own RHK (the camat's is outside the kelurahan), and only to those who may
    # read the unit.
    kel_url = reverse("planning:cascade", args=[personas.kelurahan.pk])
    assert client.get(f"{kel_url}?cabang={chain.camat_rhk.pk}").status_code == 404
    assert client.get(f"{url}?cabang=abc").status_code == 404
    assert (
        login(personas.user("pegawai")).get(f"{url}?cabang={chain.lurah_rhk.pk}").status_code == 404
    )


def test_team_page_only_for_penilai(personas, login):
    assert login(personas.user("pegawai")).get(reverse("planning:team")).status_code == 403


def test_cascade_page_flags_unsupported_leader_results(personas, plan, chain, login):
    # The lurah gets a second RHK that nobody supports.
    revision = plans.start_revision(plan=chain.lurah_plan, by=None)
    extra = plans.add_work_result(
        plan=revision, by=None, text="Tertibnya administrasi", intervenes=chain.camat_rhk, today=DAY
    )
    plans.add_indicator(
        work_result=extra, by=None, aspect="kuantitas", text="Arsip", target_text="Tertib"
    )
    client = login(personas.user("camat"))
    url = reverse("planning:cascade", args=[personas.kecamatan.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Terwujudnya pelayanan publik prima" in response.text
    assert "Meningkatnya pelayanan kelurahan" in response.text
    assert login(personas.user("outsider")).get(url).status_code == 404
    assert login(personas.user("pegawai")).get(url).status_code == 404
    # After approval of the revision the new unsupported result is flagged.
    plans.submit_plan(plan=revision, by=None, today=DAY)
    plans.approve_plan(plan=revision, by=None)
    response = login(personas.user("camat")).get(url)
    assert "supported by nobody" in response.text or "tidak didukung" in response.text


def test_targets_page(personas, chain, login):
    url = reverse("planning:targets", args=[personas.kecamatan.pk])
    client = login(personas.user("hr"))
    assert chain.target.sasaran in client.get(url).text
    client.post(url, {"sasaran": "Sasaran baru", "indikator": "Indikator baru", "target": "90"})
    new = chain.target.__class__.objects.get(sasaran="Sasaran baru")
    client.post(url, {"delete": new.pk})
    assert not chain.target.__class__.objects.filter(pk=new.pk).exists()
    response = client.post(url, {"delete": chain.target.pk}, follow=True)
    assert "masih dirujuk" in response.text
    assert login(personas.user("auditor")).post(url, {"sasaran": "x"}).status_code == 403
    assert login(personas.user("auditor")).get(url).status_code == 200


def test_excel_export(personas, plan, login):
    real = records.record_realisation(
        indicator=plan.work_results.get().indicators.get(),
        period=plan.appraisal_year.periods.get(number=1),
        by=None,
        value=Decimal(3),
        today=DAY,
    )
    records.add_evidence(realisation=real, by=None, link="https://x.id/a", today=DAY)
    response = login(personas.user("camat")).get(
        reverse("planning:unit_export", args=[personas.kecamatan.pk])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["SKP"].values)
    assert rows[0][0] == "Tahun"
    texts = {row[9] for row in rows[1:]}
    assert "Tersusunnya laporan pemerintahan kelurahan" in texts
    staff = [row for row in rows if row[1] == "Dewi Lestari"]
    assert staff and staff[0][10] == "Tersusunnya laporan pemerintahan kelurahan"
    real = list(workbook["Realisasi"].values)
    assert real[1][0] == "Dewi Lestari" and real[1][7] == 3 and real[1][11] == 1


def test_plan_pdf_holds_the_official_content(personas, plan, login):
    response = login(personas.user("pegawai")).get(reverse("planning:pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    for expected in (
        "SASARAN KINERJA PEGAWAI",
        "KECAMATAN PLAJU",
        "PERIODE PENILAIAN: 01 JANUARI SD 31 DESEMBER TAHUN 2026",
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
        "Tersusunnya laporan pemerintahan",
        "Jumlah RHK contoh",
        "12 Dokumen",
        "Berorientasi Pelayanan",
        "Dewi Lestari",
        "Agus Setiawan",
        "Pejabat Penilai Kinerja",
        "Pegawai yang Dinilai",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "DUKUNGAN SUMBER DAYA",
    ):
        assert expected in text, expected


def test_plan_pdf_dates_the_approval_in_palembang_time(personas, plan):
    from sikap.planning.documents import plan_document_context

    # 10 February 2026, 03:27 WIB is still 9 February in UTC.
    plan.approved_at = dt.datetime(2026, 2, 9, 20, 27, tzinfo=dt.UTC)
    assert plan_document_context(plan)["place_date"] == "Palembang, 10 Februari 2026"


def test_pdf_of_qualitative_and_jpt_forms(personas, chain, login):
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    plans.update_plan(plan=draft, by=None, approach="kualitatif", form_kind="JA_JF")
    plans.add_work_result(
        plan=draft,
        by=None,
        text="Panitia HUT",
        category="TAMBAHAN",
        assigned_by="Sekretaris Camat",
        today=DAY,
    )
    client = login(personas.user("pegawai"))
    text = "".join(
        p.extract_text()
        for p in PdfReader(
            io.BytesIO(client.get(reverse("planning:pdf", args=[draft.pk])).content)
        ).pages
    )
    assert "KUALITATIF" in text and "Ukuran keberhasilan" in text and "Penugasan dari" in text
    plans.update_plan(plan=draft, by=None, approach="kuantitatif", form_kind="JPT")
    text = "".join(
        p.extract_text()
        for p in PdfReader(
            io.BytesIO(client.get(reverse("planning:pdf", args=[draft.pk])).content)
        ).pages
    )
    assert "PIMPINAN TINGGI" in text and "PERSPEKTIF" in text
    camat = login(personas.user("camat")).get(reverse("planning:pdf", args=[chain.camat_plan.pk]))
    camat_text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(camat.content)).pages
    )
    assert "Meningkatnya kualitas pelayanan publik" in camat_text


def test_cascade_down_view(personas, chain, login):
    client = login(personas.user("penilai"))
    url = reverse("planning:cascade_down", args=[chain.kasi_rhk.pk])
    page = client.get(url)
    assert "Dewi Lestari" in page.text and "Rudi Hartono" in page.text
    assert client.post(url, {}).status_code == 200
    client.post(
        url, {"employees": [personas.pegawai.pk, personas.peer.pk], "cascade_kind": "langsung"}
    )
    assert WorkResult.objects.filter(intervenes=chain.kasi_rhk).count() == 2
    Plan.objects.filter(employee=personas.pegawai).update(
        status="approved", submitted_at=timezone.now(), approved_at=timezone.now()
    )
    refused = client.post(url, {"employees": [personas.pegawai.pk]})
    assert "buat revisi" in refused.text
    assert login(personas.user("pegawai")).get(url).status_code == 404
    assert login(personas.user("auditor")).get(url).status_code == 403


def test_notifications_page(personas, plan, login):
    common.notify(user=personas.user("pegawai"), notice=lambda: ("Halo", "Isi"))
    client = login(personas.user("pegawai"))
    assert "Halo" in client.get(reverse("planning:notifications")).text
    client.post(reverse("planning:notifications"))
    assert not personas.user("pegawai").planning_notifications.filter(read_at__isnull=True).exists()


def test_home_attention_and_menu(personas, chain, login):
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    plans.submit_plan(plan=draft, by=None, today=DAY)
    response = login(personas.user("penilai")).get(reverse("accounts:home"))
    assert response.status_code == 200
    assert reverse("planning:team") in response.text
    response = login(personas.user("peer")).get(reverse("accounts:home"))
    assert reverse("planning:create") in response.text
    plans.return_plan(plan=draft, by=None, note="x")
    response = login(personas.user("pegawai")).get(reverse("accounts:home"))
    assert reverse("planning:plan", args=[draft.pk]) in response.text


def test_indicator_form_as_an_htmx_partial(personas, chain, login):
    draft = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    result = draft.work_results.get()
    url = reverse("planning:indicator_create", args=[result.pk])
    response = login(personas.user("pegawai")).get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and 'name="target_value"' in response.text
    assert f'action="{url}"' in response.text
    assert "HX-Request" in response["Vary"]
    page = login(personas.user("pegawai")).get(reverse("planning:plan", args=[draft.pk]))
    assert f'hx-get="{url}"' in page.text


def test_unit_plans_page(personas, plan, chain, login, django_assert_num_queries):
    url = reverse("planning:unit_plans", args=[personas.kecamatan.pk])
    client = login(personas.user("hr"))
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert "Dewi Lestari" in response.text and "Rudi Hartono" in response.text
    for i in range(10):
        make_employee(personas.pegawai.position, f"Staf {i:02d}")
    with django_assert_num_queries(len(small)):
        response = client.get(url)
    assert "Staf 09" in response.text
    assert login(personas.user("auditor")).get(url).status_code == 200
    assert login(personas.user("outsider")).get(url).status_code == 404
    assert login(personas.user("pegawai")).get(url).status_code == 404
    assert login(personas.user("hr")).post(url).status_code == 405


def test_team_page_for_a_chosen_period(personas, plan, login):
    q1 = plan.appraisal_year.periods.get(number=1)
    records.record_realisation(
        indicator=plan.work_results.get().indicators.get(),
        period=q1,
        by=None,
        value=Decimal(2),
        today=DAY,
    )
    records.give_feedback(plan=plan, period=q1, by=None, text="Bagus", behaviour_value="loyal")
    client = login(personas.user("penilai"))
    response = client.get(reverse("planning:team") + f"?periode={q1.pk}")
    assert f'?periode={q1.pk}">1 / 1</a>' in response.text
    other = client.get(reverse("planning:team") + "?periode=999999")
    assert other.status_code == 200


def test_coaching_page_shows_the_b18_mean(personas, plan, login):
    session = records.record_coaching(plan=plan, by=None, kind="mentoring", date=DAY, topic="Arsip")
    records.answer_coaching_feedback(session=session, by=None, answers=[4, 5, 4, 5, 4, 5, 4, 5, 4])
    response = login(personas.user("penilai")).get(reverse("planning:coaching", args=[plan.pk]))
    assert "4,4" in response.text


def test_realisation_page_for_a_future_period(personas, plan, login):
    q2 = plan.appraisal_year.periods.get(number=2)
    response = login(personas.user("pegawai")).get(
        reverse("planning:realisation", args=[plan.pk]) + f"?periode={q2.pk}"
    )
    assert "belum dimulai" in response.text and "Simpan realisasi" not in response.text


def test_rhk_form_explains_when_the_penilai_has_no_skp(personas, year, login):
    draft = make_plan(personas.pegawai, texts=(), approve=False)
    response = login(personas.user("pegawai")).get(
        reverse("planning:work_result_create", args=[draft.pk])
    )
    assert "TAMBAHAN" in response.text and "alert-warning" in response.text


def test_the_unit_excel_keeps_rhk_text_that_looks_like_a_formula_inert(personas, plan, login):
    attack = '=HYPERLINK("http://evil.example","klik")'
    plan.work_results.update(text=attack)
    response = login(personas.user("camat")).get(
        reverse("planning:unit_export", args=[personas.kecamatan.pk])
    )
    sheet = load_workbook(io.BytesIO(response.content))["SKP"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == attack]
    assert cells and all(cell.data_type == "s" for cell in cells)
