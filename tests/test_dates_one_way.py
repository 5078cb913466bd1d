"""Dates are written one way, "16 Desember 2026", on pages and in PDFs (form inputs stay ISO)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from sikap.lib.formatting import long_date, tanggal
from sikap.planning.testing import make_plan

DAY = dt.date(2026, 12, 16)
ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted([*ROOT.glob("templates/**/*.html"), *ROOT.glob("sikap/*/templates/**/*.html")])
DATE_FILTER = re.compile(r"""\|date:["']([^"']*)["']""")


@pytest.mark.parametrize(
    ("language", "expected"), [("id", "16 Desember 2026"), ("en", "16 December 2026")]
)
def test_a_date_without_a_format_is_written_in_full(language, expected):
    with translation.override(language):
        assert Template("{{ day }}").render(Context({"day": DAY})) == expected
        assert long_date(DAY) == expected
        moment = timezone.make_aware(dt.datetime(2026, 12, 16, 9, 5))
        assert Template("{{ moment }}").render(Context({"moment": moment})) == f"{expected} 09:05"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_abbreviates_a_month_or_writes_digits(template):
    for fmt in DATE_FILTER.findall(template.read_text()):
        if fmt == "Y-m-d":  # the value of a date input or a hidden field: ISO on purpose
            continue
        # M / b / D abbreviate ("Des", "Rab"); d, m and n write the day or month as digits.
        assert not re.search(r"[MbDdmnNy/]", fmt), f"{template.name}: |date:{fmt!r}"


def test_the_skp_page_and_its_pdf_write_the_approval_day_in_full(personas, login):
    plan = make_plan(personas.pegawai, penilai=personas.penilai)
    today = tanggal(timezone.localdate(plan.approved_at))
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", today)
    client = login(personas.user("pegawai"))
    page = client.get(reverse("planning:plan", args=[plan.pk]))
    assert f"Disetujui pada {today}" in page.text
    pdf = client.get(reverse("planning:pdf", args=[plan.pk]))
    data = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert today in text
    assert not re.search(r"\b\d{2}[-/]\d{2}[-/]\d{4}\b", text)
