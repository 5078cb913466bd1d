"""Staff pages × personas: happy path, outsider 404, auditor 403 on changes, 405, htmx, queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.complaints import services
from sikap.complaints.models import (
    Complaint,
    ComplaintClass,
    ComplaintSettings,
    Holiday,
    ResponseTemplate,
    Status,
)
from sikap.complaints.testing import PNG, make_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(personas) -> Complaint:
    return make_complaint(
        personas.kelurahan,
        on=dt.date.today(),
        files=[SimpleUploadedFile("foto.png", PNG, content_type="image/png")],
    )


def test_inbox_lists_the_units_complaints(login, personas, complaint) -> None:
    html = login(personas.user("lurah")).get(reverse("complaints:inbox")).content.decode()
    assert complaint.tracking_code in html


def test_inbox_of_an_outsider_is_empty(login, personas, complaint) -> None:
    response = login(personas.user("outsider")).get(reverse("complaints:inbox"))
    assert response.status_code == 200
    assert complaint.tracking_code not in response.content.decode()


def test_inbox_filters_and_htmx_partial(login, personas, complaint) -> None:
    client = login(personas.user("camat"))
    url = reverse("complaints:inbox")
    response = client.get(url, {"status": "closed"})
    assert complaint.tracking_code not in response.content.decode()
    response = client.get(
        url,
        {"status": "open", "unit": personas.kelurahan.pk, "q": complaint.tracking_code},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert complaint.tracking_code in html and "<html" not in html
    assert "HX-Request" in response["Vary"]
    assert (
        complaint.tracking_code
        not in client.get(url, {"overdue": "1", "mine": "1"}).content.decode()
    )
    assert client.post(url).status_code == 405


def test_closed_complaints_are_listed_newest_first_open_ones_by_deadline(login, personas) -> None:
    lurah = personas.user("lurah")
    closed = []
    for day in (dt.date(2026, 3, 2), dt.date(2026, 5, 4), dt.date(2026, 4, 1)):
        c = make_complaint(personas.kelurahan, on=day, subject=f"Closed {day.isoformat()}")
        closed.append(
            services.reject(complaint=c, by=lurah, reason="archived", note="Arsip.", on=day)
        )
    early = make_complaint(personas.kelurahan, on=dt.date(2026, 11, 2), subject="Earlier due")
    late = make_complaint(personas.kelurahan, on=dt.date(2026, 11, 9), subject="Later due")
    client = login(lurah)
    html = client.get(reverse("complaints:inbox"), {"status": "closed"}).content.decode()
    newest_first = sorted(closed, key=lambda c: c.registered_on, reverse=True)
    positions = [html.index(c.tracking_code) for c in newest_first]
    assert positions == sorted(positions)
    assert early.tracking_code not in html
    html = client.get(reverse("complaints:inbox"), {"status": "registered"}).content.decode()
    assert html.index(early.tracking_code) < html.index(late.tracking_code)
    html = client.get(reverse("complaints:inbox")).content.decode()
    # Everything: what runs on a deadline first, nearest first; then the rest, newest first.
    order = [early, late, *newest_first]
    positions = [html.index(c.tracking_code) for c in order]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("status", "by_deadline"), [("closed", False), ("answered", False), ("open", True), ("", True)]
)
def test_the_inbox_orders_by_deadline_only_where_there_is_one(
    login, personas, status, by_deadline
) -> None:
    """A list of complaints without deadlines ordered by the empty deadline led PostgreSQL to walk
    the deadline index over every complaint of the city (issue 15)."""
    complaint = make_complaint(personas.kelurahan, on=dt.date(2026, 11, 2))
    if status in ("closed", "answered"):
        Complaint.objects.filter(pk=complaint.pk).update(
            status=status, due_on=None, close_reason="archived" if status == "closed" else ""
        )
    client = login(personas.user("lurah"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("complaints:inbox"), {"status": status}).status_code == 200
    listing = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith('SELECT "complaints_complaint"."id"') and "ORDER BY" in q["sql"]
    ]
    assert len(listing) == 1
    order_by = listing[0].rsplit("ORDER BY", 1)[1]
    assert ('"due_on"' in order_by) is by_deadline
    assert '"registered_on" DESC' in order_by


def test_inbox_needs_login(client) -> None:
    assert client.get(reverse("complaints:inbox")).status_code == 302


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_inbox_query_count_is_constant(login, personas) -> None:
    lurah = personas.user("lurah")
    for i in range(5):
        c = make_complaint(personas.kelurahan, on=dt.date(2026, 11, 2), subject=f"S{i}")
        services.verify(complaint=c, by=lurah, complaint_class="normatif")
        services.assign(complaint=c, by=lurah, assignee=personas.pegawai)
    client = login(lurah)
    url = reverse("complaints:inbox")
    few = _queries(client, url)
    for i in range(45):
        c = make_complaint(personas.kelurahan, on=dt.date(2026, 11, 2), subject=f"T{i}")
        services.verify(complaint=c, by=lurah, complaint_class="normatif")
        services.assign(complaint=c, by=lurah, assignee=personas.peer)
    assert _queries(client, url) == few


def test_detail_shows_identity_to_the_unit_head(login, personas, complaint) -> None:
    html = (
        login(personas.user("lurah"))
        .get(reverse("complaints:detail", args=[complaint.pk]))
        .content.decode()
    )
    assert "Bambang Sutrisno" in html and "081234567890" in html


def test_detail_hides_identity_from_the_auditor(login, personas, complaint) -> None:
    response = login(personas.user("auditor")).get(
        reverse("complaints:detail", args=[complaint.pk])
    )
    assert response.status_code == 200
    assert "Bambang Sutrisno" not in response.content.decode()
    assert "081234567890" not in response.content.decode()


def test_detail_is_404_for_outsiders_and_unassigned_staff(login, personas, complaint) -> None:
    url = reverse("complaints:detail", args=[complaint.pk])
    assert login(personas.user("outsider")).get(url).status_code == 404
    assert login(personas.user("pegawai")).get(url).status_code == 404
    assert login(personas.user("pegawai")).post(url).status_code == 405


def test_the_assignee_sees_the_complaint_and_the_identity(login, personas, complaint) -> None:
    lurah = personas.user("lurah")
    services.verify(complaint=complaint, by=lurah, complaint_class="normatif")
    services.assign(complaint=complaint, by=lurah, assignee=personas.pegawai)
    html = (
        login(personas.user("pegawai"))
        .get(reverse("complaints:detail", args=[complaint.pk]))
        .content.decode()
    )
    assert "Bambang Sutrisno" in html
    assert "action-verify" not in html and "action-start" in html


def test_the_whole_lifecycle_through_the_pages(login, personas, complaint) -> None:
    client = login(personas.user("lurah"))

    def act(action, data):
        return client.post(reverse("complaints:act", args=[complaint.pk, action]), data)

    assert (
        act("verify", {"verify-complaint_class": "ringan", "verify-note": "Diterima."}).status_code
        == 302
    )
    assert act("assign", {"assign-assignee": personas.pegawai.pk}).status_code == 302
    client = login(personas.user("pegawai"))
    assert act("verify", {"verify-complaint_class": "ringan"}).status_code == 403
    assert act("pause", {"pause-reason": "Alamat lengkap?"}).status_code == 302
    assert act("resume", {"resume-note": "Dijawab via telepon"}).status_code == 302
    assert act("start", {"start-note": "Petugas meninjau lokasi."}).status_code == 302
    assert act("note", {"note-note": "Koordinasi dengan PLN."}).status_code == 302
    assert act("answer", {"answer-text": ""}).status_code == 400
    assert act("answer", {"answer-text": "Lampu sudah diganti."}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED and complaint.answer == "Lampu sudah diganti."
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert kinds == [
        "registered",
        "verified",
        "assigned",
        "paused",
        "resumed",
        "started",
        "note",
        "answered",
    ]
    assert not complaint.events.get(kind="note").is_public
    assert act("start", {"start-note": "x"}).status_code == 400  # not allowed any more
    assert act("bogus", {}).status_code == 404


def test_reject_as_duplicate_needs_the_original(login, personas, complaint) -> None:
    original = make_complaint(personas.kelurahan, on=dt.date.today(), subject="Asli")
    client = login(personas.user("lurah"))
    url = reverse("complaints:act", args=[complaint.pk, "reject"])
    response = client.post(url, {"reject-reason": "duplicate", "reject-note": "Sama."})
    assert response.status_code == 400
    data = {
        "reject-reason": "duplicate",
        "reject-note": "Sama.",
        "reject-duplicate_code": original.tracking_code,
    }
    assert client.post(url, data).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and complaint.duplicate_of == original


def test_changes_by_the_auditor_are_403_and_by_outsiders_404(login, personas, complaint) -> None:
    url = reverse("complaints:act", args=[complaint.pk, "verify"])
    assert (
        login(personas.user("auditor")).post(url, {"verify-complaint_class": "ringan"}).status_code
        == 403
    )
    assert (
        login(personas.user("outsider")).post(url, {"verify-complaint_class": "ringan"}).status_code
        == 404
    )
    assert login(personas.user("lurah")).get(url).status_code == 405


def test_response_templates_prefill_the_form(login, personas, complaint) -> None:
    tpl = ResponseTemplate.objects.create(
        step="verified", title="Terima", body="Laporan Anda kami terima."
    )
    url = reverse("complaints:detail", args=[complaint.pk])
    html = login(personas.user("lurah")).get(url, {"tpl": tpl.pk}).content.decode()
    assert "Laporan Anda kami terima.</textarea>" in html


def test_attachments_only_for_handlers(login, personas, complaint) -> None:
    item = complaint.attachments.get()
    url = reverse("complaints:attachment", args=[complaint.pk, item.pk])
    response = login(personas.user("lurah")).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert login(personas.user("auditor")).get(url).status_code == 403
    assert login(personas.user("outsider")).get(url).status_code == 404
    assert login(personas.user("lurah")).post(url).status_code == 405


def test_staff_entry_of_a_lapor_report(login, personas) -> None:
    client = login(personas.user("pegawai"))
    url = reverse("complaints:staff_new")
    assert client.get(url).status_code == 200
    data = {
        "channel": "lapor",
        "unit": personas.seksi.pk,
        "classification": "aspirasi",
        "subject": "Taman",
        "text": "Mohon taman.",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "LAPOR!" in response.content.decode()
    response = client.post(url, {**data, "lapor_reference": "LAP-123"})
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert complaint.channel == "lapor" and complaint.created_by == personas.user("pegawai")
    assert client.get(response["Location"]).status_code == 200  # the one who entered it sees it
    assert login(personas.user("auditor")).get(url).status_code == 403
    assert client.put(url).status_code == 405


def test_holiday_calendar_for_hr(login, personas) -> None:
    client = login(personas.user("city_hr"))
    url = reverse("complaints:holidays")
    html = client.get(url, {"year": 2026}).content.decode()
    assert "Idulfitri 1447 Hijriah" in html
    response = client.post(
        reverse("complaints:holiday_add"),
        {"date": "2027-03-10", "name": "Cuti bersama Nyepi", "kind": "cuti_bersama"},
    )
    assert response.status_code == 302
    assert (
        client.post(
            reverse("complaints:holiday_add"),
            {"date": "2027-03-10", "name": "x", "kind": "cuti_bersama"},
        ).status_code
        == 400
    )
    holiday = Holiday.objects.get(date=dt.date(2027, 3, 10))
    assert client.post(reverse("complaints:holiday_delete", args=[holiday.pk])).status_code == 302
    response = client.post(reverse("complaints:holiday_propose"), {"year": 2027})
    assert response.status_code == 302
    added = Holiday.objects.filter(date__year=2027)
    assert added.filter(date=dt.date(2027, 8, 17)).exists()
    assert not added.filter(kind="cuti_bersama").exists()
    assert client.post(reverse("complaints:holiday_propose"), {"year": "x"}).status_code == 400


def test_holiday_calendar_access(login, personas) -> None:
    url = reverse("complaints:holidays")
    assert login(personas.user("auditor")).get(url).status_code == 200
    assert (
        login(personas.user("auditor")).post(reverse("complaints:holiday_add"), {}).status_code
        == 403
    )
    assert login(personas.user("pegawai")).get(url).status_code == 404
    assert login(personas.user("hr")).post(url).status_code == 405
    # The calendar is the instance's: a kecamatan's HR reads it and may not change it.
    assert login(personas.user("hr")).get(url).status_code == 200
    add = {"date": "2027-03-10", "name": "x", "kind": "cuti_bersama"}
    assert (
        login(personas.user("hr")).post(reverse("complaints:holiday_add"), add).status_code == 403
    )


def test_settings_page(login, personas) -> None:
    url = reverse("complaints:settings")
    client = login(personas.user("hr"))
    assert client.get(url).status_code == 200
    data = {
        "verification_days": 4,
        "follow_up_days": 5,
        "ringan_days": 2,
        "normatif_days": 5,
        "tidak_berkadar_days": 14,
        "berkadar_days": 60,
        "confirmation_timeout_days": 10,
        "warning_days": 1,
        "camat_after_days": 3,
        "retention_days": 365,
    }
    assert client.post(url, data).status_code == 302
    # The HR of Plaju sets Plaju's own value; the instance default stays.
    assert ComplaintSettings.for_unit(personas.kelurahan).verification_days == 4
    assert ComplaintSettings.load().verification_days == 3
    assert login(personas.user("auditor")).get(url).status_code == 200
    assert login(personas.user("auditor")).post(url, data).status_code == 403
    assert login(personas.user("pegawai")).get(url).status_code == 404
    assert login(personas.user("hr")).put(url).status_code == 405


def test_monthly_report_page_pdf_and_excel(login, personas) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    lurah = personas.user("lurah")
    c = make_complaint(personas.kelurahan, on=dt.date(2026, 10, 5))
    services.verify(complaint=c, by=lurah, complaint_class="ringan", on=dt.date(2026, 10, 6))
    services.assign(complaint=c, by=lurah, assignee=personas.pegawai, on=dt.date(2026, 10, 6))
    services.answer(complaint=c, by=lurah, text="Ok", on=dt.date(2026, 10, 7))
    make_complaint(personas.kelurahan, on=dt.date(2026, 10, 5), subject="Terlambat")
    client = login(personas.user("camat"))
    url = reverse("complaints:report")
    response = client.get(url, {"month": "2026-10"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "50,00 %" in html  # one on time, one open and overdue
    response = client.get(
        url, {"month": "2026-10", "unit": personas.kelurahan.pk, "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content))["Per unit"]
    assert sheet["A2"].value == "Kelurahan Plaju Ulu" and sheet["B2"].value == 2
    response = client.get(url, {"month": "2026-10", "format": "pdf"})
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Kecamatan Plaju" in text and "50,00" in text
    assert login(personas.user("pegawai")).get(url).status_code == 404
    assert client.post(url).status_code == 405


def test_the_report_shows_the_longest_overdue_and_links_to_the_rest(login, personas) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sikap.complaints.views.reports import OVERDUE_SHOWN

    for i in range(3):
        make_complaint(personas.kelurahan, on=dt.date(2026, 10, 5), subject=f"Lama {i}")
    client = login(personas.user("camat"))
    url = reverse("complaints:report")
    with CaptureQueriesContext(connection) as few:
        page = client.get(url, {"month": "2026-10"}).text
    assert "Lama 2" in page and "lainnya" not in page
    for i in range(OVERDUE_SHOWN + 4):
        make_complaint(personas.kelurahan, on=dt.date(2026, 10, 6), subject=f"Baru {i}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, {"month": "2026-10"}).text
    assert len(many) == len(few)
    assert page.count('href="/pengaduan/') >= OVERDUE_SHOWN
    assert "Dan 7 pengaduan terlambat lainnya" in page
    assert f"?overdue=1&amp;unit={personas.kecamatan.pk}" in page
    pdf = client.get(url, {"month": "2026-10", "format": "pdf"})
    assert pdf.status_code == 200


def test_api_unit_list_for_staff(login, personas, complaint) -> None:
    client = login(personas.user("lurah"))
    response = client.get(f"/api/complaints/units/{personas.kelurahan.pk}")
    assert response.status_code == 200
    assert response.json()[0]["tracking_code"] == complaint.tracking_code
    assert "Bambang" not in response.content.decode()
    assert (
        login(personas.user("outsider"))
        .get(f"/api/complaints/units/{personas.kelurahan.pk}")
        .status_code
        == 404
    )


def test_verify_keeps_the_class(personas, complaint) -> None:
    c = services.verify(
        complaint=complaint, by=personas.user("hr"), complaint_class=ComplaintClass.BERKADAR
    )
    assert c.complaint_class == "berkadar"


def test_hr_enters_a_whole_skb(login, personas) -> None:
    client = login(personas.user("city_hr"))
    url = reverse("complaints:holiday_bulk")
    text = "2027-01-01 | Tahun Baru 2027 Masehi | libur_nasional\n\n2027-02-05 | Cuti bersama Imlek | cuti_bersama\n"
    response = client.post(url, {"text": text})
    assert response.status_code == 302 and response["Location"].endswith("?year=2027")
    assert Holiday.objects.filter(date__year=2027).count() == 2
    assert client.post(url, {"text": text}).status_code == 400  # already there
    assert client.post(url, {"text": "2027-03-01 | Nyepi"}).status_code == 400
    assert client.post(url, {"text": "2027-03-01 | Nyepi | libur\n"}).status_code == 400
    assert login(personas.user("auditor")).post(url, {"text": text}).status_code == 403
    assert login(personas.user("pegawai")).post(url, {"text": text}).status_code == 404
    assert client.get(url).status_code == 405


def test_categories_and_templates_page(login, personas) -> None:
    from sikap.complaints.models import Category

    url = reverse("complaints:texts")
    client = login(personas.user("city_hr"))
    assert client.get(url).status_code == 200
    assert (
        client.post(
            url, {"kind": "category", "category-name": "Jalan", "category-is_active": "on"}
        ).status_code
        == 302
    )
    category = Category.objects.get()
    assert client.get(url, {"kind": "category", "pk": category.pk}).status_code == 200
    response = client.post(
        url, {"kind": "category", "pk": category.pk, "category-name": "Jalan rusak"}
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "Jalan rusak" and not category.is_active
    data = {
        "kind": "template",
        "template-step": "answered",
        "template-title": "Umum",
        "template-body": "Terima kasih.",
        "template-is_active": "on",
    }
    assert client.post(url, data).status_code == 302
    assert ResponseTemplate.objects.get().title == "Umum"
    assert client.post(url, {"kind": "template", "template-title": ""}).status_code == 400
    assert login(personas.user("auditor")).get(url).status_code == 200
    assert login(personas.user("auditor")).post(url, data).status_code == 403
    assert login(personas.user("pegawai")).get(url).status_code == 404
    assert client.put(url).status_code == 405


def test_every_view_and_download_of_the_identity_is_logged(login, personas, complaint) -> None:
    from sikap.complaints import access
    from sikap.complaints.models import IdentityAccess, IdentityAccessKind

    detail = reverse("complaints:detail", args=[complaint.pk])
    item = complaint.attachments.get()
    lurah = personas.user("lurah")
    assert login(lurah).get(detail).status_code == 200
    assert login(lurah).get(reverse("complaints:attachment", args=[complaint.pk, item.pk]))
    rows = list(
        IdentityAccess.objects.order_by("pk").values_list("user", "kind", "attachment_name")
    )
    assert rows == [
        (lurah.pk, IdentityAccessKind.VIEW, ""),
        (lurah.pk, IdentityAccessKind.DOWNLOAD, "foto.png"),
    ]
    # Who does not see the identity leaves no record; the auditor and the HR owner read the log.
    auditor = login(personas.user("auditor")).get(detail).content.decode()
    assert IdentityAccess.objects.count() == 2
    assert 'id="identity-log"' in auditor and "Bambang" not in auditor
    assert 'id="identity-log"' in login(personas.user("hr")).get(detail).content.decode()
    assert login(personas.user("other_hr")).get(detail).status_code == 404
    assert not access.sees_identity_log(personas.user("pegawai"), complaint)
    # An anonymous or purged complaint has no identity left to log (its files still are).
    complaint.is_anonymous = True
    assert access.log_identity_access(lurah, complaint) is None
    assert access.log_identity_access(lurah, complaint, attachment=item) is not None


def test_api_unit_list_pages_the_newest_first(login, personas, complaint) -> None:
    client = login(personas.user("lurah"))
    url = f"/api/complaints/units/{personas.kelurahan.pk}"
    assert [c["tracking_code"] for c in client.get(url, {"limit": 1}).json()] == [
        complaint.tracking_code
    ]
    assert client.get(url, {"limit": 1, "offset": 1}).json() == []
    assert client.get(url, {"limit": 501}).status_code == 422
