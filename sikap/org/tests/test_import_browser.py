"""Browser journey: HR uploads an invalid file, reads the problems, then imports a valid file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from conftest import screenshot
from sikap.org.models import Employee
from sikap.org.testing import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)
DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_hr_sees_the_error_rows_then_imports_a_valid_file(live_page):
    make_personas()
    page = live_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("#id_username", "hr")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + reverse("accounts:home"))
    page.goto(page.base_url + reverse("org:import"))
    screenshot(page, "org-import-phone")
    valid = (DOCS / "contoh-import-pegawai.csv").read_bytes()
    invalid = valid.replace(b"199003212015032001", b"19900321201503200").replace(b",32,", b",99,")
    page.set_input_files(
        "#id_file", files=[{"name": "pegawai.csv", "mimeType": "text/csv", "buffer": invalid}]
    )
    page.click("button[value=import]")
    page.wait_for_selector("table.table-stack")
    text = page.locator("#import-progress").inner_text()
    assert "NIP harus 18 digit, bukan 17 digit" in text
    assert "Golongan PNS '99' tidak dikenal" in text
    screenshot(page, "org-import-errors-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    screenshot(page, "org-import-errors-desktop")
    assert not Employee.objects.filter(nip="198807142010011002").exists()

    page.goto(page.base_url + reverse("org:import"))
    page.set_input_files(
        "#id_file", files=[{"name": "pegawai.csv", "mimeType": "text/csv", "buffer": valid}]
    )
    page.click("button[value=validate]")
    page.wait_for_selector("dl.import-counts")
    screenshot(page, "org-import-validated-desktop")
    page.click("button[value=import]")
    page.wait_for_selector("dl.import-counts")
    assert "6" in page.locator("dl.import-counts dd").first.inner_text()
    assert Employee.objects.filter(nip="198807142010011002").exists()
    screenshot(page, "org-import-done-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "org-import-done-phone")
