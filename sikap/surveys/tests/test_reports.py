"""IKM reports per unit and period, follow-up plans, publication, exports, paper import, public page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from sikap.surveys.models import FollowUpPlan, IkmSnapshot, SurveyResponse, SurveySettings
from sikap.surveys.testing import make_record, make_response

NOW = dt.datetime(2026, 11, 27, 4, 0, tzinfo=dt.UTC)
PERIOD = "?periode=2026-S2"


@pytest.fixture
def answered(personas, domisili):
    """12 responses for pegawai (above the minimum 10), 3 for peer (below), U3 the lowest."""
    kel = personas.kelurahan
    when = dt.datetime(2026, 10, 5, 3, 0, tzinfo=dt.UTC)
    for i in range(12):
        make_response(
            kel,
            [4, 4, 2, 4, 3, 4, 4, 3, 4],
            officer=personas.pegawai,
            service_type=domisili,
            when=when,
            gender="PL"[i % 2],
            education="SMA",
        )
    for _ in range(3):
        make_response(kel, [3, 3, 3, 3, 3, 3, 3, 3, 3], officer=personas.peer, when=when)
    return kel


def _url(name, unit, query=PERIOD):
    return reverse(f"surveys:{name}", args=[unit.pk]) + query


@time_machine.travel(NOW, tick=False)
def test_the_lurah_sees_the_index_with_lowest_unsur_and_hidden_officers(personas, login, answered):
    page = login(personas.user("lurah")).get(_url("report", answered))
    assert page.status_code == 200
    index = page.context["index"]
    assert index.respondents == 15
    assert index.lowest == ["U3"]
    by_name = {g.label: g for g in index.officers}
    assert by_name["Dewi Lestari"].hidden is False and by_name["Dewi Lestari"].result is not None
    assert by_name["Rudi Hartono"].hidden is True and by_name["Rudi Hartono"].result is None
    html = page.content.decode()
    assert 'id="nrr-chart"' in html and "chart.umd.min.js" in html


@time_machine.travel(NOW, tick=False)
def test_the_sample_uses_the_register_or_a_population_by_hand(personas, login, answered, domisili):
    for _ in range(3):
        make_record(
            personas.kelurahan,
            domisili,
            [personas.pegawai],
            received_at=dt.datetime(2026, 10, 6, 2, tzinfo=dt.UTC),
        )
    client = login(personas.user("lurah"))
    index = client.get(_url("report", answered)).context["index"]
    assert (index.population, index.required_sample, index.sample_sufficient) == (3, 3, True)
    index = client.get(_url("report", answered, PERIOD + "&populasi=100")).context["index"]
    assert (index.population, index.required_sample, index.sample_sufficient) == (100, 80, False)


def test_an_outsider_gets_404_and_a_plain_employee_elsewhere_too(personas, login, answered):
    assert login(personas.user("outsider")).get(_url("report", answered)).status_code == 404
    assert login(personas.user("other_hr")).get(_url("report_pdf", answered)).status_code == 404


def test_the_auditor_reads_but_may_not_change(personas, login, answered):
    client = login(personas.user("auditor"))
    assert client.get(_url("report", answered)).status_code == 200
    assert client.post(_url("follow_up", answered), {"action": "x"}).status_code == 403
    assert client.post(_url("publish", answered)).status_code == 403
    assert client.get(_url("import", answered, "")).status_code == 403


def test_staff_may_import_but_not_lead(personas, login, answered):
    client = login(personas.user("pegawai"))
    assert client.get(_url("import", answered, "")).status_code == 200
    assert client.post(_url("publish", answered)).status_code == 403


def test_wrong_methods_are_405(personas, login, answered):
    client = login(personas.user("lurah"))
    assert client.get(_url("publish", answered)).status_code == 405
    assert client.get(_url("follow_up", answered)).status_code == 405
    assert client.post(_url("report", answered)).status_code == 405


@time_machine.travel(NOW, tick=False)
def test_the_lurah_records_the_follow_up_and_publishes(personas, login, answered, client):
    lurah = login(personas.user("lurah"))
    lurah.post(_url("follow_up", answered), {"action": "Tambah petugas loket pada jam sibuk"})
    plan = FollowUpPlan.objects.get()
    assert (plan.unsur, plan.recorded_by) == ("U3", personas.lurah)
    lurah.post(_url("publish", answered))
    snap = IkmSnapshot.objects.get()
    assert snap.respondents == 15 and snap.period_label == "Semester II 2026"
    assert [o["name"] for o in snap.detail["officers"]] == ["Dewi Lestari"]
    lurah.logout()
    public = client.get(reverse("surveys:public", args=[answered.pk])).content.decode()
    assert str(snap.ikm).replace(".", ",") in public
    assert "Dewi Lestari" in public and "Rudi Hartono" not in public
    assert "Tambah petugas loket" in public


def test_publishing_without_answers_is_refused(personas, login):
    client = login(personas.user("lurah"))
    client.post(_url("publish", personas.kelurahan))
    assert not IkmSnapshot.objects.exists()
    client.post(_url("follow_up", personas.kelurahan), {"action": "x"})
    assert not FollowUpPlan.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_pdf_and_excel_reports_hold_the_index(personas, login, answered):
    client = login(personas.user("camat"))
    pdf = client.get(_url("report_pdf", answered))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "NILAI IKM" in text and "Rencana Tindak Lanjut" in text and "U3" in text
    assert "Krejcie" in text
    xlsx = client.get(_url("report_xlsx", answered))
    book = load_workbook(io.BytesIO(xlsx.content))
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Jumlah responden"] == 15
    officers = list(book["Per petugas"].iter_rows(values_only=True))
    assert any(r[0] == "Rudi Hartono" and r[4] is None for r in officers)


def _upload(rows, name="kertas.csv"):
    text = "U1,U2,U3,U4,U5,U6,U7,U8,U9,umur,jenis_kelamin\n" + "\n".join(rows) + "\n"
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_a_paper_import_with_one_bad_row_stores_nothing(personas, login):
    client = login(personas.user("hr"))
    url = _url("import", personas.kelurahan, "")
    rows = ["4,4,4,4,4,4,4,4,4,30,L", "4,4,9,4,4,4,4,4,4,30,L", "3,3,3,3,3,3,3,3,3,abc,X"]
    page = client.post(url, {"file": _upload(rows), "survey_date": "2026-10-01"})
    html = page.content.decode()
    assert "Baris 3: U3 bernilai 9, harus 1–4" in html
    assert "Baris 4: umur" in html and "Baris 4: jenis kelamin" in html
    assert not SurveyResponse.objects.exists()


def test_a_valid_paper_import_stores_every_row(personas, login):
    client = login(personas.user("hr"))
    url = _url("import", personas.kelurahan, "")
    wb = Workbook()
    wb.active.append(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "pendidikan"])
    wb.active.append([4, 4, 4, 4, 4, 4, 4, 4, None, "S2"])
    wb.active.append([3, 3, 3, 3, 3, 3, 3, 3, 3, None])
    buf = io.BytesIO()
    wb.save(buf)
    upload = SimpleUploadedFile("k.xlsx", buf.getvalue())
    response = client.post(url, {"file": upload, "survey_date": "2026-10-01"})
    assert response.status_code == 302
    stored = list(SurveyResponse.objects.order_by("pk"))
    assert [s.channel for s in stored] == ["paper", "paper"]
    assert stored[0].u9 is None and stored[0].education == "S2"
    assert stored[0].submitted_at.date() == dt.date(2026, 10, 1)


def test_an_import_that_is_not_a_spreadsheet_is_refused(personas, login):
    client = login(personas.user("hr"))
    upload = SimpleUploadedFile("x.xlsx", b"%PDF-1.4 not a sheet")
    page = client.post(
        _url("import", personas.kelurahan, ""), {"file": upload, "survey_date": "2026-10-01"}
    )
    assert page.status_code == 200 and page.context["errors"]
    assert not SurveyResponse.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_report_keeps_its_query_count(personas, login, domisili):
    client = login(personas.user("lurah"))
    when = dt.datetime(2026, 10, 5, 3, 0, tzinfo=dt.UTC)
    officers = [personas.pegawai, personas.peer]
    for i in range(5):
        make_response(
            personas.kelurahan, 3, officer=officers[i % 2], service_type=domisili, when=when
        )
        make_record(personas.kelurahan, domisili, officers, received_at=when)
    client.get(_url("report", personas.kelurahan))
    with CaptureQueriesContext(connection) as few:
        client.get(_url("report", personas.kelurahan))
    for i in range(45):
        make_response(
            personas.kelurahan, 4, officer=officers[i % 2], service_type=domisili, when=when
        )
        make_record(personas.kelurahan, domisili, officers, received_at=when)
    with CaptureQueriesContext(connection) as many:
        client.get(_url("report", personas.kelurahan))
    assert len(many) == len(few)


def test_the_report_list_shows_units_the_user_reads(personas, login, answered):
    page = login(personas.user("camat")).get(reverse("surveys:reports"))
    units = [row[0] for row in page.context["rows"]]
    assert personas.kecamatan in units and personas.kelurahan in units
    assert personas.other_kecamatan not in units
    assert login(personas.user("auditor")).get(reverse("surveys:reports")).status_code == 200


def test_the_worksheet_weight_setting_changes_the_index(personas, login, answered):
    client = login(personas.user("lurah"))
    exact = client.get(_url("report", answered)).context["index"].result.ikm
    SurveySettings.objects.filter(unit=answered).update(weight="worksheet")
    worksheet = client.get(_url("report", answered)).context["index"].result.ikm
    assert worksheet < exact


@time_machine.travel(NOW, tick=False)
def test_an_officer_sees_only_their_own_row(personas, login, answered):
    index = login(personas.user("peer")).get(_url("report", answered)).context["index"]
    assert [g.label for g in index.officers] == ["Rudi Hartono"]
    assert index.respondents == 15  # the unit's index itself is not hidden


def test_the_public_list_shows_every_service_unit(personas, client, django_assert_max_num_queries):
    page = client.get(reverse("surveys:public_units"))
    names = [u.name for u, _ in page.context["rows"]]
    assert "Kelurahan Plaju Ulu" in names and "Seksi Pemerintahan" not in names
    with django_assert_max_num_queries(3):
        client.get(reverse("surveys:public_units"))


@time_machine.travel(NOW, tick=False)
def test_units_are_compared_and_quarters_trended(personas, login, answered):
    client = login(personas.user("camat"))
    rows = {
        u.pk: running for u, _, _, running in client.get(reverse("surveys:reports")).context["rows"]
    }
    assert rows[answered.pk].respondents == 15 and rows[personas.kecamatan.pk] is None
    trend = client.get(_url("report", answered)).context["trend"]
    assert [p.key for p, _ in trend] == ["2026-T1", "2026-T2", "2026-T3", "2026-T4"]
    assert trend[0][1] is None and trend[3][1].respondents == 15


@time_machine.travel(NOW, tick=False)
def test_the_list_keeps_each_units_year_figures_for_a_while(
    personas, login, answered, domisili, settings
):
    """The IKM list's running index and services of the year are kept per unit and period
    (SNAPSHOT_SECONDS): a second look counts only the units not seen; a new answer shows once
    the snapshot has expired."""
    settings.SNAPSHOT_SECONDS = 600
    when = dt.datetime(2026, 10, 6, 3, 0, tzinfo=dt.UTC)
    make_record(answered, domisili, [personas.pegawai], received_at=when)
    make_record(
        answered, domisili, [personas.pegawai], received_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    )
    client = login(personas.user("camat"))

    def figures() -> tuple[int, dict[int, tuple[int, object]]]:
        with CaptureQueriesContext(connection) as ctx:
            rows = client.get(reverse("surveys:reports")).context["rows"]
        counted = [q for q in ctx.captured_queries if "surveys_surveyresponse" in q["sql"]]
        return len(counted), {u.pk: (count, running) for u, _, count, running in rows}

    queries, first = figures()
    assert queries == 1
    assert first[answered.pk][0] == 1  # the services of this year only
    assert first[answered.pk][1].respondents == 15
    assert first[personas.kecamatan.pk] == (0, None)
    make_response(answered, 4, officer=personas.pegawai, service_type=domisili, when=when)
    queries, kept = figures()
    assert queries == 0 and kept == first
    settings.SNAPSHOT_SECONDS = 0
    queries, fresh = figures()
    assert queries == 1 and fresh[answered.pk][1].respondents == 16


@time_machine.travel(NOW, tick=False)
def test_a_follow_up_plan_re_saved_unchanged_keeps_its_target_date(personas, login, answered):
    import re

    lurah = login(personas.user("lurah"))
    data = {"action": "Tambah petugas", "responsible": "Seklur", "target_date": "2026-12-31"}
    lurah.post(_url("follow_up", answered), data)
    html = lurah.get(_url("report", answered)).content.decode()
    shown = re.search(r'name="target_date"[^>]*value="([^"]*)"', html) or re.search(
        r'value="([^"]*)"[^>]*name="target_date"', html
    )
    assert shown and shown.group(1) == "2026-12-31"
    lurah.post(_url("follow_up", answered), {**data, "target_date": shown.group(1)})
    assert FollowUpPlan.objects.get().target_date == dt.date(2026, 12, 31)
    page = lurah.get(_url("import", answered, "")).content.decode()
    assert re.search(r'type="date" name="survey_date" value="2026-11-27"', page)


def test_a_paper_file_with_cr_only_line_endings_is_read(personas, login):
    client = login(personas.user("hr"))
    text = "U1,U2,U3,U4,U5,U6,U7,U8,U9\r4,4,4,4,4,4,4,4,4\r3,3,3,3,3,3,3,3,3\r"
    upload = SimpleUploadedFile("mac.csv", text.encode(), content_type="text/csv")
    response = client.post(
        _url("import", personas.kelurahan, ""), {"file": upload, "survey_date": "2026-10-01"}
    )
    assert response.status_code == 302
    assert SurveyResponse.objects.count() == 2


def test_a_pdf_renamed_csv_gets_a_message_not_a_500(personas, login):
    client = login(personas.user("hr"))
    upload = SimpleUploadedFile("jawaban.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\r<<>>\r")
    page = client.post(
        _url("import", personas.kelurahan, ""), {"file": upload, "survey_date": "2026-10-01"}
    )
    assert page.status_code == 200 and page.context["errors"]
    assert not SurveyResponse.objects.exists()


def test_the_same_paper_file_is_refused_the_second_time_in_a_period(personas, login):
    client = login(personas.user("hr"))
    url = _url("import", personas.kelurahan, "")
    rows = ["4,4,4,4,4,4,4,4,4,30,L"]
    assert client.post(url, {"file": _upload(rows), "survey_date": "2026-10-01"}).status_code == 302
    again = client.post(url, {"file": _upload(rows), "survey_date": "2026-11-02"})
    assert again.status_code == 200 and again.context["errors"]
    assert SurveyResponse.objects.count() == 1
    # Another semester is another period: the same sheet may hold its answers.
    later = client.post(url, {"file": _upload(rows), "survey_date": "2027-02-01"})
    assert later.status_code == 302 and SurveyResponse.objects.count() == 2
