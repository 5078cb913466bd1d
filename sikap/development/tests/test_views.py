from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sikap.development import attention, nav, selectors, services
from sikap.development.models import (
    ActivityStatus,
    AssessmentSource,
    CompetencyAssessment,
    DevelopmentPlan,
    FollowUp,
    OwnActivity,
    Participant,
    PlanStatus,
    ReactionSurvey,
    TrainingEvent,
)
from sikap.development.testing import invite, make_event
from sikap.lib.samplefiles import pdf_bytes
from sikap.org.scope import build_scope
from sikap.org.testing import make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, 0), tick=False):
        yield


PDF = pdf_bytes()
HTMX = {"HTTP_HX_REQUEST": "true"}


def as_(login, personas, name):
    return login(personas.user(name))


# My development ------------------------------------------------------------------------------


def test_my_development_shows_jp_gaps_and_pending_surveys(personas, login, event):
    invite(event, personas.pegawai)
    services.set_required_competency(
        position=personas.pegawai.position, competency="Integritas", level=2, by=None
    )
    response = as_(login, personas, "pegawai").get(reverse("development:mine"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sosialisasi SKP" in text and "Integritas" in text
    assert "4</span> / 20 JP" in text
    assert reverse("development:reaction", args=[event.participants.get().pk]) in text


def test_someone_without_an_employee_record_goes_to_the_recap(personas, login):
    response = as_(login, personas, "auditor").get(reverse("development:mine"))
    assert response.status_code == 302 and response.url == reverse("development:recap")


def test_a_user_with_no_employee_and_no_reach_gets_404(login, db):
    from sikap.org.testing import make_user

    assert login(make_user("nobody")).get(reverse("development:mine")).status_code == 404


def test_my_development_is_get_only(personas, login):
    assert as_(login, personas, "pegawai").post(reverse("development:mine")).status_code == 405


def test_the_penilai_reads_a_report_page_and_outsiders_get_404(personas, login):
    url = reverse("development:employee", args=[personas.pegawai.pk])
    assert as_(login, personas, "penilai").get(url).status_code == 200
    assert as_(login, personas, "auditor").get(url).status_code == 200
    assert as_(login, personas, "outsider").get(url).status_code == 404
    assert as_(login, personas, "penilai").post(url).status_code == 405
    own = as_(login, personas, "pegawai").get(url)
    assert own.status_code == 302


@pytest.mark.parametrize(
    ("who", "status", "source"),
    [
        ("pegawai", 302, AssessmentSource.SELF),
        ("penilai", 302, AssessmentSource.SUPERVISOR),
        ("auditor", 403, None),
        ("hr", 403, None),
        ("outsider", 404, None),
    ],
)
def test_assessments_by_self_or_penilai_only(personas, login, who, status, source):
    url = reverse("development:assessment", args=[personas.pegawai.pk])
    data = {"competency": "Komunikasi", "level": "2", "date": "2026-11-01"}
    response = as_(login, personas, who).post(url, data)
    assert response.status_code == status
    assert CompetencyAssessment.objects.filter(source=source or "none").count() == int(bool(source))


def test_an_invalid_assessment_is_reported(personas, login):
    url = reverse("development:assessment", args=[personas.pegawai.pk])
    client = as_(login, personas, "pegawai")
    response = client.post(url, {"competency": "", "level": "9"}, follow=True)
    assert "alert-danger" in response.content.decode()
    assert client.get(url).status_code == 405


# Team and follow-up --------------------------------------------------------------------------


def test_the_team_page_lists_reports_follow_ups_and_idps(personas, login, event):
    invite(event, personas.pegawai)
    plan = services.get_or_create_plan(employee=personas.pegawai, year=2026, by=None)
    services.add_plan_item(plan=plan, competency="Komunikasi", jenis_diklat=8, target_jp=8, by=None)
    client = as_(login, personas, "penilai")
    response = client.get(reverse("development:team"))
    text = response.content.decode()
    assert response.status_code == 200
    assert personas.pegawai.display_name in text
    assert reverse("development:follow_up", args=[event.participants.get().pk]) in text
    assert reverse("development:idp_agree", args=[plan.pk]) in text
    assert as_(login, personas, "pegawai").get(reverse("development:team")).status_code == 404
    assert client.post(reverse("development:team")).status_code == 405


def test_the_penilai_records_a_follow_up(personas, login, event):
    [p] = invite(event, personas.pegawai)
    url = reverse("development:follow_up", args=[p.pk])
    client = as_(login, personas, "penilai")
    assert client.get(url).status_code == 200
    response = client.post(url, {"score": "4", "note": "Lebih cepat melayani"})
    assert response.status_code == 302
    assert FollowUp.objects.get().by == personas.penilai
    assert "4" in client.get(url).content.decode()
    assert as_(login, personas, "auditor").get(url).status_code == 403
    assert as_(login, personas, "outsider").get(url).status_code == 404
    assert client.put(url).status_code == 405


def test_a_follow_up_too_early_shows_the_error(personas, login):
    event = make_event(personas.kecamatan, start=dt.date(2026, 11, 1))
    [p] = invite(event, personas.pegawai)
    url = reverse("development:follow_up", args=[p.pk])
    response = as_(login, personas, "penilai").post(url, {"score": "4"})
    assert response.status_code == 200 and "baru dapat diisi" in response.content.decode()


def test_follow_up_of_a_missing_participant_is_404(personas, login):
    url = reverse("development:follow_up", args=[999])
    assert as_(login, personas, "penilai").get(url).status_code == 404


# Reaction survey and own activities ----------------------------------------------------------


def test_the_participant_answers_the_reaction_survey_once(personas, login, event):
    [p] = invite(event, personas.pegawai)
    url = reverse("development:reaction", args=[p.pk])
    client = as_(login, personas, "pegawai")
    assert client.get(url).status_code == 200
    data = {"relevance": "5", "usefulness": "4", "would_apply": "4", "comment": "Bagus"}
    assert client.post(url, data).status_code == 302
    assert ReactionSurvey.objects.get().usefulness == 4
    assert client.get(url).status_code == 302
    assert as_(login, personas, "peer").get(url).status_code == 404
    assert as_(login, personas, "auditor").get(url).status_code == 404
    assert client.delete(url).status_code == 405


def test_an_absent_participant_cannot_answer(personas, login, event):
    [p] = invite(event, personas.pegawai, attended=False)
    url = reverse("development:reaction", args=[p.pk])
    data = {"relevance": "5", "usefulness": "4", "would_apply": "4"}
    client = as_(login, personas, "pegawai")
    for response in (client.get(url), client.post(url, data)):
        assert response.status_code == 302 and response.url == reverse("development:mine")
    assert not ReactionSurvey.objects.exists()
    page = client.get(reverse("development:mine")).content.decode()
    assert url not in page
    p.attended = True
    p.save(update_fields=["attended"])
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("development:mine")).content.decode()


def test_an_employee_reports_an_activity_and_hr_verifies_it(personas, login):
    client = as_(login, personas, "pegawai")
    url = reverse("development:activity_create")
    assert client.get(url).status_code == 200
    data = {
        "name": "E-Learning Manajemen ASN",
        "jenis_diklat": "16",
        "organiser": "LAN",
        "start_date": "2026-10-01",
        "end_date": "2026-10-02",
        "duration_minutes": "460",
        "certificate": SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf"),
    }
    assert client.post(url, data).status_code == 302
    activity = OwnActivity.objects.get()
    assert activity.jp == 10 and activity.status == ActivityStatus.PENDING
    file_url = reverse("development:activity_file", args=[activity.pk])
    assert client.get(file_url).status_code == 200
    assert as_(login, personas, "outsider").get(file_url).status_code == 404
    verify = reverse("development:activity_verify", args=[activity.pk])
    assert as_(login, personas, "auditor").post(verify).status_code == 403
    assert as_(login, personas, "other_hr").post(verify).status_code == 404
    assert as_(login, personas, "hr").get(verify).status_code == 405
    assert as_(login, personas, "hr").post(verify, {"decision": "approve"}).status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.VERIFIED
    again = as_(login, personas, "hr").post(verify, {"decision": "approve"}, follow=True)
    assert "sudah diverifikasi" in again.content.decode()


def test_the_activity_form_shows_errors(personas, login):
    client = as_(login, personas, "pegawai")
    url = reverse("development:activity_create")
    data = {
        "name": "X",
        "jenis_diklat": "9",
        "organiser": "Y",
        "start_date": "2026-10-01",
        "end_date": "2026-10-01",
        "jp": "2",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "sertifikat" in response.content.decode()
    assert client.post(url, {**data, "jp": ""}).status_code == 200
    assert as_(login, personas, "auditor").get(url).status_code == 404
    assert client.put(url).status_code == 405


def test_activity_file_without_a_file_is_404(personas, login):
    activity = services.report_activity(
        employee=personas.pegawai,
        name="Seminar",
        jenis_diklat=9,
        organiser="X",
        start_date=dt.date(2026, 5, 1),
        end_date=dt.date(2026, 5, 1),
        jp=2,
        certificate_number="N-1",
        by=None,
    )
    url = reverse("development:activity_file", args=[activity.pk])
    assert as_(login, personas, "pegawai").get(url).status_code == 404


# HR: events ----------------------------------------------------------------------------------


def test_hr_creates_an_event_adds_a_unit_and_marks_attendance(personas, login):
    client = as_(login, personas, "hr")
    url = reverse("development:event_create")
    assert client.get(url).status_code == 200
    data = {
        "name": "Bimtek Pelayanan Prima",
        "jenis_diklat": "8",
        "organiser": "BKPSDM",
        "start_date": "2026-04-22",
        "end_date": "2026-04-23",
        "jp": "16",
        "location": "Aula",
        "unit": str(personas.kecamatan.pk),
    }
    response = client.post(url, data)
    event = TrainingEvent.objects.get()
    assert response.url == reverse("development:event", args=[event.pk])
    add = reverse("development:event_participants", args=[event.pk])
    assert client.post(add, {"unit": str(personas.seksi.pk)}).status_code == 302
    names = set(event.participants.values_list("employee__name", flat=True))
    assert names == {"Agus Setiawan", "Dewi Lestari", "Rudi Hartono"}
    assert client.post(add, {}, follow=True).status_code == 200
    p = event.participants.get(employee=personas.pegawai)
    att = reverse("development:attendance", args=[p.pk])
    partial = client.post(att, {"attended": "1"}, **HTMX)
    assert partial.status_code == 200 and b"<html" not in partial.content
    assert f'id="participant-{p.pk}"'.encode() in partial.content
    assert "HX-Request" in partial["Vary"]
    p.refresh_from_db()
    assert p.attended
    assert client.post(att, {"attended": "0"}).status_code == 302
    detail = client.get(reverse("development:event", args=[event.pk]))
    assert detail.status_code == 200 and "Bimbingan Teknis" in detail.content.decode()


def test_an_invalid_event_shows_errors(personas, login):
    client = as_(login, personas, "hr")
    data = {
        "name": "X",
        "jenis_diklat": "7",
        "organiser": "Y",
        "start_date": "2026-04-22",
        "end_date": "2026-04-21",
        "jp": "2",
        "unit": str(personas.kecamatan.pk),
    }
    response = client.post(reverse("development:event_create"), data)
    assert response.status_code == 200 and "sebelum tanggal mulai" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("auditor", 403), ("camat", 403), ("other_hr", 404), ("pegawai", 404)]
)
def test_only_hr_changes_events(personas, login, event, who, status):
    [p] = invite(event, personas.pegawai)
    client = as_(login, personas, who)
    assert (
        client.get(reverse("development:event_create")).status_code
        in (status, 404 if who == "other_hr" else status)
        or who == "other_hr"
    )
    assert (
        client.post(
            reverse("development:event_participants", args=[event.pk]), {"unit": personas.seksi.pk}
        ).status_code
        == status
    )
    assert (
        client.post(reverse("development:attendance", args=[p.pk]), {"attended": "0"}).status_code
        == status
    )
    assert (
        client.post(
            reverse("development:certificate", args=[p.pk]), {"certificate_number": "1"}
        ).status_code
        == status
    )
    # Nor do they get the certificate form (asked for when HR opens a participant's row).
    assert client.get(reverse("development:certificate", args=[p.pk])).status_code == status


def test_event_pages_by_persona(personas, login, event):
    url = reverse("development:event", args=[event.pk])
    assert as_(login, personas, "hr").get(url).status_code == 200
    auditor = as_(login, personas, "auditor").get(url)
    assert auditor.status_code == 200 and "Tambah peserta" not in auditor.content.decode()
    assert as_(login, personas, "other_hr").get(url).status_code == 404
    assert as_(login, personas, "hr").post(url).status_code == 405
    assert as_(login, personas, "hr").put(reverse("development:event_create")).status_code == 405
    assert (
        as_(login, personas, "hr")
        .get(reverse("development:event_participants", args=[event.pk]))
        .status_code
        == 405
    )
    assert (
        as_(login, personas, "hr").get(reverse("development:attendance", args=[1])).status_code
        == 405
    )
    assert (
        as_(login, personas, "hr").post(reverse("development:attendance", args=[999])).status_code
        == 404
    )


def test_hr_saves_a_certificate_that_the_participant_downloads(personas, login, event):
    [p] = invite(event, personas.pegawai)
    url = reverse("development:certificate", args=[p.pk])
    upload = SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf")
    client = as_(login, personas, "hr")
    assert (
        client.post(url, {"certificate_number": "7/PLJ", "certificate": upload}).status_code == 302
    )
    bad = SimpleUploadedFile("c.pdf", b"nope", content_type="application/pdf")
    assert "bukan jenis" in client.post(url, {"certificate": bad}, follow=True).content.decode()
    file_url = reverse("development:participant_file", args=[p.pk])
    assert as_(login, personas, "pegawai").get(file_url).status_code == 200
    assert as_(login, personas, "outsider").get(file_url).status_code == 404
    [other] = invite(event, personas.peer)
    assert client.get(reverse("development:participant_file", args=[other.pk])).status_code == 404


def test_the_events_list_and_report_per_jenis(personas, login, event):
    [p] = invite(event, personas.pegawai)
    services.submit_reaction(
        participant=p, relevance=5, usefulness=4, would_apply=3, today=dt.date(2026, 3, 1), by=None
    )
    client = as_(login, personas, "hr")
    response = client.get(reverse("development:events"))
    text = response.content.decode()
    assert response.status_code == 200 and "Sosialisasi SKP" in text and "7. Sosialisasi" in text
    assert "4,0" in text
    assert as_(login, personas, "auditor").get(reverse("development:events")).status_code == 200
    assert (
        as_(login, personas, "superadmin")
        .get(reverse("development:events") + "?year=2026")
        .status_code
        == 200
    )
    assert as_(login, personas, "outsider").get(reverse("development:events")).status_code == 404
    assert as_(login, personas, "pegawai").get(reverse("development:events")).status_code == 404
    assert client.post(reverse("development:events")).status_code == 405


def _events(personas, n):
    employees = [personas.pegawai, personas.peer, personas.penilai]
    for i in range(n):
        event = make_event(personas.kecamatan, name=f"Kegiatan {i}", jenis=1 + i % 25)
        participants = invite(event, *employees)
        services.submit_reaction(
            participant=participants[0],
            relevance=4,
            usefulness=4,
            would_apply=4,
            today=dt.date(2026, 3, 1),
            by=None,
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_events_list_runs_a_constant_number_of_queries(personas, login):
    client = as_(login, personas, "hr")
    url = reverse("development:events")
    _events(personas, 5)
    few = _count(client, url)
    _events(personas, 45)
    assert _count(client, url) == few


def test_a_large_event_shows_its_participants_a_page_at_a_time(personas, login):
    from sikap.development.views.events import PARTICIPANT_PAGE_SIZE

    event = make_event(personas.kecamatan, name="Sosialisasi SIKAP se-Kota")
    pos = personas.pegawai.position
    staff = [make_employee(pos, f"Peserta {i:02d}") for i in range(PARTICIPANT_PAGE_SIZE + 5)]
    invite(event, *staff)
    client = as_(login, personas, "hr")
    url = reverse("development:event", args=[event.pk])
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(url).text
    assert first.count('<tr id="participant-') == PARTICIPANT_PAGE_SIZE
    assert "1 / 2" in first and "page=2" in first
    second = client.get(url, {"page": 2}).text
    assert second.count('<tr id="participant-') == 5
    invite(event, *[make_employee(pos, f"Peserta Lagi {i}") for i in range(30)])
    with CaptureQueriesContext(connection) as more_queries:
        client.get(url)
    assert len(more_queries) == len(first_queries)


def test_the_add_participants_form_is_built_when_hr_opens_it(personas, login, event):
    url = reverse("development:event", args=[event.pk])
    hr = as_(login, personas, "hr")
    page = hr.get(url).text
    assert "Tambah peserta" in page and "?tambah=1" in page
    assert 'name="employees"' not in page  # no list of every employee HR manages
    opened = hr.get(url, {"tambah": "1"}).text
    assert 'id="add-search"' in opened and 'name="employees"' not in opened  # nobody searched yet
    found = hr.get(url, {"tambah": "1", "cari": personas.pegawai.name[:6].lower()}).text
    assert 'name="employees"' in found and personas.pegawai.name in found
    assert personas.camat.name not in found.split('id="add-matches"')[1].split("</fieldset>")[0]
    by_nip = hr.get(url, {"tambah": "1", "cari": personas.pegawai.nip[:12]}).text
    assert personas.pegawai.name in by_nip.split('id="add-matches"')[1]
    nobody = hr.get(url, {"tambah": "1", "cari": "zzzz"}).text
    assert 'name="employees"' not in nobody and "Tidak ada pegawai" in nobody
    auditor = as_(login, personas, "auditor").get(url, {"tambah": "1", "cari": "a"}).text
    assert 'name="employees"' not in auditor and "Tambah peserta" not in auditor


def test_the_add_participants_search_offers_a_bounded_list_and_adds_anyone_hr_manages(
    personas, login, event
):
    from sikap.development.views.events import ADD_MATCHES

    pos = personas.pegawai.position
    staff = [make_employee(pos, f"Peserta Cari {i:02d}") for i in range(ADD_MATCHES + 5)]
    url = reverse("development:event", args=[event.pk])
    hr = as_(login, personas, "hr")
    found = hr.get(url, {"tambah": "1", "cari": "peserta cari"}).text
    assert found.count('name="employees"') == ADD_MATCHES
    assert "Yang pertama 30 ditampilkan" in found or "first 30" in found
    # Ticking one shown and posting one not shown (found by a later search) adds both.
    response = hr.post(
        reverse("development:event_participants", args=[event.pk]),
        {"employees": [str(staff[0].pk), str(staff[-1].pk)]},
        follow=True,
    )
    assert "2 peserta ditambahkan" in response.text
    assert set(event.participants.values_list("employee_id", flat=True)) == {
        staff[0].pk,
        staff[-1].pk,
    }
    # An employee HR does not manage is refused, with the field named.
    outsider = make_employee(None, "Orang Luar")
    response = hr.post(
        reverse("development:event_participants", args=[event.pk]),
        {"employees": [str(outsider.pk)]},
        follow=True,
    )
    assert event.participants.filter(employee=outsider).count() == 0
    assert "Atau pilih pegawai: Masukkan pilihan yang valid" in response.text


def test_the_add_participants_form_opened_in_place_is_only_its_section(personas, login, event):
    url = reverse("development:event", args=[event.pk])
    hr = as_(login, personas, "hr")
    swap = hr.get(
        url, {"tambah": "1", "cari": personas.pegawai.name[:6]}, headers={"HX-Request": "true"}
    )
    assert swap.status_code == 200 and "HX-Request" in swap["Vary"]
    text = swap.text
    assert text.lstrip().startswith('<section class="card" aria-labelledby="add-title"')
    assert 'name="employees"' in text and personas.pegawai.name in text
    assert "<html" not in text and "participants-title" not in text
    auditor = as_(login, personas, "auditor").get(
        url, {"tambah": "1"}, headers={"HX-Request": "true"}
    )
    assert 'name="employees"' not in auditor.text


def test_the_certificate_form_is_asked_for_per_participant(personas, login, event):
    """Fifty rows of upload forms made the event page 90 KB: each row carries a link, and the
    form comes when HR opens it (in place with htmx, or as its own page)."""
    [p] = invite(event, personas.pegawai)
    p.certificate_number = "7/PLJ"
    p.save(update_fields=["certificate_number"])
    hr = as_(login, personas, "hr")
    page = hr.get(reverse("development:event", args=[event.pk])).text
    url = reverse("development:certificate", args=[p.pk])
    assert f'hx-get="{url}"' in page and 'name="certificate_number"' not in page
    swap = hr.get(url, headers={"HX-Request": "true"})
    assert swap.status_code == 200 and "HX-Request" in swap["Vary"]
    assert swap.text.lstrip().startswith("<form") and 'value="7/PLJ"' in swap.text
    assert "<html" not in swap.text
    full = hr.get(url)
    assert full.status_code == 200 and "<html" in full.text and 'value="7/PLJ"' in full.text
    assert reverse("development:event", args=[event.pk]) in full.text


def test_the_recap_runs_a_constant_number_of_queries(personas, login):
    client = as_(login, personas, "hr")
    url = reverse("development:recap")
    few = _count(client, url)
    pos = personas.pegawai.position
    for i in range(45):
        employee = make_employee(pos, f"Pegawai {i}")
        invite(make_event(personas.kecamatan, name=f"K {i}"), employee)
    assert _count(client, url) == few


# HR: recap and exports -----------------------------------------------------------------------


def test_the_recap_flags_who_is_below_target_and_exports_excel(personas, login):
    big = make_event(personas.kecamatan, jp=20)
    invite(big, personas.pegawai)
    client = as_(login, personas, "hr")
    response = client.get(reverse("development:recap"))
    text = response.content.decode()
    assert response.status_code == 200 and "Rudi Hartono" in text and "20 kurang" in text
    below = client.get(reverse("development:recap") + "?below=1").content.decode()
    assert "Rudi Hartono" in below and "Dewi Lestari" not in below
    unit = client.get(reverse("development:recap") + f"?unit={personas.seksi.pk}&year=2026")
    assert "Nurul Hidayah</a>" not in unit.content.decode()
    assert "Dewi Lestari</a>" in unit.content.decode()
    xlsx = client.get(reverse("development:recap") + "?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    dewi = next(r for r in rows if r[1] == "Dewi Lestari")
    assert dewi[4:] == (20, 20, "tidak")
    assert book.sheetnames == ["JP per pegawai", "JP per unit"]
    assert as_(login, personas, "auditor").get(reverse("development:recap")).status_code == 200
    assert as_(login, personas, "camat").get(reverse("development:recap")).status_code == 200
    assert as_(login, personas, "outsider").get(reverse("development:recap")).status_code == 404
    assert as_(login, personas, "pegawai").get(reverse("development:recap")).status_code == 404
    assert client.post(reverse("development:recap")).status_code == 405


def test_the_recap_lists_activities_to_verify_for_hr_only(personas, login):
    services.report_activity(
        employee=personas.pegawai,
        name="Webinar Literasi Digital",
        jenis_diklat=9,
        organiser="X",
        start_date=dt.date(2026, 5, 1),
        end_date=dt.date(2026, 5, 1),
        jp=2,
        certificate_number="N-1",
        by=None,
    )
    assert (
        "Webinar Literasi Digital"
        in as_(login, personas, "hr").get(reverse("development:recap")).content.decode()
    )
    assert (
        "Webinar Literasi Digital"
        in as_(login, personas, "superadmin").get(reverse("development:recap")).content.decode()
    )
    assert (
        "Webinar Literasi Digital"
        not in as_(login, personas, "auditor").get(reverse("development:recap")).content.decode()
    )


def test_the_siasn_export_has_the_kursus_fields(personas, login, event):
    [p] = invite(event, personas.pegawai)
    services.set_certificate(participant=p, number="12/PLJ", upload=None, by=None)
    client = as_(login, personas, "hr")
    response = client.get(reverse("development:siasn") + "?year=2026")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [
        {
            "nip": personas.pegawai.nip,
            "jenisDiklatId": "7",
            "jenisDiklat": "Sosialisasi",
            "namaKursus": "Sosialisasi SKP",
            "jumlahJam": "4",
            "tanggalKursus": "12-02-2026",
            "tanggalSelesaiKursus": "12-02-2026",
            "tahunKursus": "2026",
            "institusiPenyelenggara": "Bagian Organisasi",
            "nomorSertipikat": "12/PLJ",
        }
    ]
    activity = services.report_activity(
        employee=personas.peer,
        name="Kursus Excel",
        jenis_diklat=11,
        organiser="BLK",
        start_date=dt.date(2026, 5, 1),
        end_date=dt.date(2026, 5, 3),
        jp=12,
        certificate_number="B-2",
        by=None,
    )
    services.verify_activity(activity=activity, approve=True, by=None)
    data = json.loads(client.get(reverse("development:siasn") + "?format=json").content)
    assert [r["namaKursus"] for r in data] == ["Sosialisasi SKP", "Kursus Excel"]
    assert as_(login, personas, "outsider").get(reverse("development:siasn")).status_code == 404
    assert client.post(reverse("development:siasn")).status_code == 405


# IDP -----------------------------------------------------------------------------------------


def test_the_employee_drafts_an_idp_and_the_penilai_agrees(personas, login):
    services.set_required_competency(
        position=personas.pegawai.position, competency="Komunikasi", level=2, by=None
    )
    client = as_(login, personas, "pegawai")
    url = reverse("development:idp")
    page = client.get(url)
    assert page.status_code == 200 and 'value="Komunikasi"' in page.content.decode()
    data = {
        "competency": "Komunikasi",
        "required_level": "2",
        "current_level": "",
        "jenis_diklat": "8",
        "target_jp": "8",
        "schedule": "Triwulan I",
    }
    assert client.post(url + "?year=2026", data).status_code == 302
    plan = DevelopmentPlan.objects.get()
    assert plan.items.get().gap == 2
    assert client.post(url, {"competency": ""}).status_code == 200
    agree = reverse("development:idp_agree", args=[plan.pk])
    assert as_(login, personas, "lurah").post(agree).status_code == 403
    assert as_(login, personas, "auditor").post(agree).status_code == 403
    assert as_(login, personas, "outsider").post(agree).status_code == 404
    assert as_(login, personas, "penilai").get(agree).status_code == 405
    assert as_(login, personas, "penilai").post(agree).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    again = as_(login, personas, "penilai").post(agree, follow=True)
    assert "sudah disetujui" in again.content.decode()
    assert as_(login, personas, "auditor").get(url).status_code == 404
    assert client.put(url).status_code == 405


# Menu, home page, API --------------------------------------------------------------------------


def test_menu_and_home_page_items(personas, event):
    [p] = invite(event, personas.pegawai)
    services.report_activity(
        employee=personas.peer,
        name="Seminar",
        jenis_diklat=9,
        organiser="X",
        start_date=dt.date(2026, 5, 1),
        end_date=dt.date(2026, 5, 1),
        jp=2,
        certificate_number="N-1",
        by=None,
    )
    pegawai = build_scope(personas.user("pegawai"))
    assert [str(i.label) for i in nav.items(personas.user("pegawai"), pegawai)] == [
        "Pengembangan saya"
    ]
    hr = build_scope(personas.user("hr"))
    assert len(nav.items(personas.user("hr"), hr)) == 2
    titles = [str(i.title) for i in attention.items(personas.user("pegawai"), pegawai)]
    assert len(titles) == 1  # the survey is older than 60 days; the JP reminder remains
    item = attention.items(personas.user("pegawai"), pegawai)[0]
    assert item.count == 16 and item.level == "warning"
    recent = make_event(personas.kecamatan, name="Baru", start=dt.date(2026, 11, 20))
    invite(recent, personas.pegawai)
    assert len(attention.items(personas.user("pegawai"), pegawai)) == 2
    assert any(i.count == 1 for i in attention.items(personas.user("hr"), hr))
    assert p.pk


def test_the_api(personas, login, event):
    invite(event, personas.pegawai)
    client = as_(login, personas, "pegawai")
    me = client.get("/api/development/me?year=2026").json()
    assert (me["jp"], me["target"], me["below_target"]) == (4, 20, True)
    assert len(client.get("/api/development/jenis-diklat").json()) == 25
    assert client.get("/api/development/recap").status_code == 404
    hr = as_(login, personas, "hr")
    recap = hr.get("/api/development/recap").json()
    assert {r["name"] for r in recap} >= {"Dewi Lestari", "Rudi Hartono"}
    paged = hr.get("/api/development/recap", {"limit": 1, "offset": 1}).json()
    assert [r["name"] for r in paged] == [recap[1]["name"]]
    assert hr.get("/api/development/recap", {"limit": 501}).status_code == 422
    assert as_(login, personas, "auditor").get("/api/development/me").status_code == 404


def test_the_demo_is_idempotent(db):
    from sikap.development import demo
    from sikap.org import demo as org_demo

    today = dt.date(2026, 11, 27)
    org_demo.load(today=today)
    assert demo.load(today=today) is True
    counts = (TrainingEvent.objects.count(), Participant.objects.count())
    assert demo.load(today=today) is False
    assert (TrainingEvent.objects.count(), Participant.objects.count()) == counts
    assert counts[0] == 6


def test_the_demo_needs_the_demo_office(db):
    from sikap.development import demo

    assert demo.load(today=dt.date(2026, 11, 27)) is False


def test_links_on_unit_and_employee_pages(personas):
    hr = build_scope(personas.user("hr"))
    assert nav.unit_links(personas.user("hr"), hr, personas.seksi)[0].url.endswith(
        f"?unit={personas.seksi.pk}"
    )
    pegawai = build_scope(personas.user("pegawai"))
    assert nav.unit_links(personas.user("pegawai"), pegawai, personas.seksi) == []
    assert len(nav.employee_links(personas.user("hr"), hr, personas.pegawai)) == 1
    outsider = build_scope(personas.user("outsider"))
    assert nav.employee_links(personas.user("outsider"), outsider, personas.pegawai) == []


def test_the_penilai_is_asked_for_follow_ups(personas, event):
    invite(event, personas.pegawai)
    penilai = build_scope(personas.user("penilai"))
    items = attention.items(personas.user("penilai"), penilai)
    assert [i.count for i in items if "team" in str(i.url) or "tim" in str(i.url)] == [1]


def test_hr_edits_the_standar_kompetensi_jabatan(personas, login):
    client = as_(login, personas, "hr")
    url = reverse("development:standards")
    assert client.get(url).status_code == 200
    pos = personas.pegawai.position
    data = {"position": str(pos.pk), "competency": "Pengelolaan Arsip", "level": "2"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {"action": "defaults"}).status_code == 302
    assert pos.required_competencies.count() == 10
    assert pos.required_competencies.get(competency="Integritas").level == 1
    kasi = personas.penilai.position
    assert kasi.required_competencies.get(competency="Integritas").level == 2
    page = client.get(url).content.decode()
    assert "Pengelolaan Arsip 2" in page
    assert (
        client.post(url, {"position": str(pos.pk), "competency": " ", "level": "2"}).status_code
        == 200
    )
    assert as_(login, personas, "auditor").get(url).status_code == 200
    assert as_(login, personas, "auditor").post(url, data).status_code == 403
    assert as_(login, personas, "superadmin").get(url).status_code == 200
    assert as_(login, personas, "outsider").get(url).status_code == 404
    assert client.put(url).status_code == 405


def test_the_standards_page_runs_a_constant_number_of_queries(personas, login):
    client = as_(login, personas, "hr")
    url = reverse("development:standards")
    services.apply_default_levels(positions=list(personas.seksi.positions.all()), by=None)
    few = _count(client, url)
    from sikap.org.testing import make_position

    for i in range(45):
        make_position(personas.seksi, f"Jabatan {i}")
    services.apply_default_levels(positions=list(personas.seksi.positions.all()), by=None)
    assert _count(client, url) == few


def test_idp_progress_by_owner_or_penilai(personas, login):
    plan = services.get_or_create_plan(employee=personas.pegawai, year=2026, by=None)
    item = services.add_plan_item(
        plan=plan, competency="Komunikasi", jenis_diklat=8, target_jp=8, by=None
    )
    url = reverse("development:idp_item_status", args=[item.pk])
    assert (
        as_(login, personas, "pegawai")
        .post(url, {"status": "in_progress"})
        .url.startswith(reverse("development:idp"))
    )
    assert (
        as_(login, personas, "penilai")
        .post(url, {"status": "done"})
        .url.startswith(reverse("development:employee", args=[personas.pegawai.pk]))
    )
    item.refresh_from_db()
    assert item.status == "done"
    assert as_(login, personas, "auditor").post(url, {"status": "planned"}).status_code == 403
    assert as_(login, personas, "outsider").post(url, {"status": "planned"}).status_code == 404
    assert as_(login, personas, "pegawai").get(url).status_code == 405
    page = as_(login, personas, "pegawai").get(reverse("development:idp")).content.decode()
    assert url in page


def test_superadmin_manages_any_event(personas, login, event):
    client = as_(login, personas, "superadmin")
    assert client.get(reverse("development:event_create")).status_code == 200
    page = client.get(reverse("development:event", args=[event.pk]))
    assert "Tambah peserta" in page.content.decode()


def test_b19_evaluations_already_copied_are_not_counted_twice(personas):
    from sikap.planning.models import CoachingSession, CompetencyEvaluation
    from sikap.planning.testing import make_plan

    session = CoachingSession.objects.create(
        plan=make_plan(personas.pegawai, texts=(), approve=False),
        kind="coaching",
        date=dt.date(2026, 6, 1),
        topic="Tatap muka",
    )
    ev = CompetencyEvaluation.objects.create(
        session=session, competency="Integritas", score=4, reason="-"
    )
    services.record_assessment(
        employee=personas.pegawai,
        competency="Integritas",
        level=2,
        date=dt.date(2026, 7, 1),
        source=AssessmentSource.COACHING,
        by=None,
        coaching_evaluation=ev,
    )
    assert selectors.current_levels(personas.pegawai)["Integritas"].level == 2


def test_no_gaps_without_a_position(personas):
    personas.pegawai.position = None
    assert selectors.gap_rows(personas.pegawai) == []


def test_the_team_page_shows_the_biggest_gaps_with_constant_queries(personas, login):
    pos = personas.pegawai.position
    for name, level in (("Integritas", 1), ("Komunikasi", 3)):
        services.set_required_competency(position=pos, competency=name, level=level, by=None)
    services.record_assessment(
        employee=personas.pegawai,
        competency="Integritas",
        level=1,
        date=dt.date(2026, 3, 1),
        source=AssessmentSource.SUPERVISOR,
        by=None,
    )
    client = as_(login, personas, "lurah")
    url = reverse("development:team")
    page = client.get(url).content.decode()
    assert page.count("Komunikasi (3), Integritas (1)") == 1  # the peer; Dewi is at level 1
    few = _count(client, url)
    for i in range(45):
        make_employee(pos, f"Pegawai {i}")
    assert _count(client, url) == few


def test_the_idp_form_carries_the_latest_recommendation(personas, login):
    from sikap.evaluation.models import Evaluation
    from sikap.planning.testing import make_plan

    plan = make_plan(personas.pegawai, texts=(), approve=False)
    period = plan.appraisal_year.periods.order_by("end_date").last()
    Evaluation.objects.create(
        plan=plan,
        employee=personas.pegawai,
        period=period,
        status="final",
        predicate="BUTUH_PERBAIKAN",
        notes="Ikuti bimtek pelayanan prima",
        finalised_at=timezone.now(),
    )
    page = as_(login, personas, "pegawai").get(reverse("development:idp")).content.decode()
    assert "Ikuti bimtek pelayanan prima" in page


def test_the_penilai_drafts_a_reports_idp(personas, login):
    url = reverse("development:idp") + f"?pegawai={personas.pegawai.pk}&year=2026"
    client = as_(login, personas, "penilai")
    page = client.get(url).content.decode()
    assert "Dewi Lestari" in page
    person = client.get(
        reverse("development:employee", args=[personas.pegawai.pk])
    ).content.decode()
    assert f"pegawai={personas.pegawai.pk}" in person
    data = {"competency": "Komunikasi", "jenis_diklat": "15", "target_jp": "4"}
    response = client.post(url, data)
    assert response.status_code == 302 and f"pegawai={personas.pegawai.pk}" in response.url
    assert DevelopmentPlan.objects.get().employee == personas.pegawai
    own = reverse("development:idp") + f"?pegawai={personas.pegawai.pk}"
    assert as_(login, personas, "pegawai").get(own).status_code == 200
    assert as_(login, personas, "lurah").get(url).status_code == 403
    assert as_(login, personas, "outsider").get(url).status_code == 404
