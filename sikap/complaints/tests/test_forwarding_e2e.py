"""Browser journey 2 of issue 13: "no wrong door" (PermenPAN-RB 5/2025, domain.md §8.3).

An anonymous citizen files at the wrong kelurahan; its lurah forwards the report to the right one
within the verification deadline; the citizen's tracking page shows the forwarding; the right
kelurahan forwards it to an outside instansi with the reference that instansi gave, and the
tracking page shows both.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from conftest import screenshot
from sikap.complaints.models import Complaint
from sikap.complaints.tests.test_e2e import DESKTOP, sign_in
from sikap.org.models import UnitKind
from sikap.org.testing import make_employee, make_personas, make_position, make_unit

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 780}


def _right_kelurahan(personas):
    talang = make_unit(
        "Kelurahan Talang Bubuk", UnitKind.KELURAHAN, personas.kecamatan, bps_code="1671031004"
    )
    head = make_position(
        talang,
        "Lurah Talang Bubuk",
        jenis="PENGAWAS",
        eselon="IV.a",
        reports_to=personas.camat.position,
        is_unit_head=True,
    )
    make_employee(head, "Yusuf Maulana", username="lurah_tb", golongan="IV/a")
    return talang


def test_an_anonymous_report_at_the_wrong_kelurahan_is_forwarded_and_tracked(live_page):
    cache.clear()
    personas = make_personas()
    talang = _right_kelurahan(personas)
    page = live_page
    page.set_viewport_size(PHONE)
    # The citizen files at Plaju Ulu about a pipe in Talang Bubuk, without any identity.
    page.goto(page.base_url + reverse("complaints:public_form"))
    page.select_option("#id_unit", label="Kelurahan Plaju Ulu")
    page.fill("#id_subject", "Pipa air bocor di Jalan Talang Bubuk")
    page.fill("#id_text", "Pipa air bersih bocor di depan SD Talang Bubuk sejak tiga hari.")
    page.check("#id_is_anonymous")
    page.locator("button[type=submit]", has_text="Kirim").click()
    page.wait_for_url("**/pengaduan/lacak/*/")
    code = page.locator("#tracking-code").inner_text().strip()
    complaint = Complaint.objects.get()
    assert complaint.is_anonymous and complaint.reporter_name == "" == complaint.reporter_phone
    assert complaint.unit == personas.kelurahan
    status_url = page.url
    with translation.override("id"):
        due = date_format(complaint.due_on, "j F Y")
    assert due in page.locator("dl").inner_text()
    due_before = (complaint.verification_due, complaint.due_on)

    # The lurah of Plaju Ulu forwards it to Talang Bubuk on the same day.
    sign_in(page, "lurah")
    page.goto(page.base_url + reverse("complaints:detail", args=[complaint.pk]))
    assert "Anonim" in page.locator("#reporter").inner_text()
    page.select_option("#id_forward-unit", label="Kelurahan Talang Bubuk")
    page.fill("#id_forward-note", "Lokasi berada di wilayah Kelurahan Talang Bubuk.")
    screenshot(page, "pppk-forward-detail-phone")
    page.locator("#action-forward button[type=submit]").click()
    page.wait_for_url(page.base_url + reverse("complaints:inbox"))
    assert code not in page.content()  # no longer Plaju Ulu's report
    complaint.refresh_from_db()
    assert complaint.unit == talang
    # The clock moves with the report: the deadlines stay those of the registration.
    assert (complaint.verification_due, complaint.due_on) == due_before
    assert timezone.localdate() <= complaint.verification_due

    # The citizen's tracking page shows the new office and the forwarding step.
    page.context.clear_cookies()
    page.goto(status_url)
    office = page.locator("dt", has_text="Kantor").locator("xpath=following-sibling::dd[1]")
    assert office.inner_text() == "Kelurahan Talang Bubuk"
    steps = page.locator(".timeline").inner_text()
    assert "Kelurahan Plaju Ulu" in steps and "Kelurahan Talang Bubuk" in steps
    assert "Lokasi berada di wilayah Kelurahan Talang Bubuk." in steps
    assert due in page.locator("dl").inner_text()
    screenshot(page, "pppk-forward-tracking-phone")

    # The lurah of Talang Bubuk sees it; the pipe is PDAM's: an outside forwarding.
    sign_in(page, "lurah_tb")
    page.goto(page.base_url + reverse("complaints:inbox"))
    page.locator("a", has_text=code).click()
    page.fill("#id_forward_out-instansi", "PDAM Tirta Musi Palembang")
    page.fill("#id_forward_out-reference", "PDAM/ADU/2026/0113")
    page.fill("#id_forward_out-note", "Perbaikan pipa adalah wewenang PDAM.")
    page.locator("#action-forward_out button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    complaint.refresh_from_db()
    assert (complaint.forwarded_to_name, complaint.forwarded_reference) == (
        "PDAM Tirta Musi Palembang",
        "PDAM/ADU/2026/0113",
    )
    page.set_viewport_size(DESKTOP)
    screenshot(page, "pppk-forward-out-detail-desktop")

    # The citizen still follows the report: the instansi and its reference are on the page.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(status_url)
    outside = page.locator("#forwarded-out").inner_text()
    assert "PDAM Tirta Musi Palembang" in outside and "PDAM/ADU/2026/0113" in outside
    assert "Kelurahan Talang Bubuk" in page.locator(".timeline").inner_text()
    screenshot(page, "pppk-forward-out-tracking-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "pppk-forward-out-tracking-desktop")
