"""The leader's figures as of a chosen month, the pooled curve, and the summed semester."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from sikap.complaints.models import Complaint
from sikap.complaints.testing import make_complaint
from sikap.dashboards import leader
from sikap.planning.testing import make_year
from sikap.surveys.testing import make_response

pytestmark = pytest.mark.django_db
PDF = reverse("dashboards:monthly_pdf")
TODAY = dt.date(2026, 5, 10)
NOW = dt.datetime(2026, 5, 10, 9, 0, tzinfo=dt.UTC)


def _figure(glance, key):
    return next(f for f in glance.figures if f.key == key)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", TODAY),
        ("2026-05", TODAY),
        ("2026-04", dt.date(2026, 4, 30)),
        ("2026-02", dt.date(2026, 2, 28)),
        ("2025-12", dt.date(2025, 12, 31)),
        ("2024-02", dt.date(2024, 2, 29)),
    ],
)
def test_a_month_is_counted_to_its_last_day_or_today(raw, expected):
    assert leader.month_as_of(raw, TODAY) == expected


@pytest.mark.parametrize("raw", ["2026-06", "2027-01"])
def test_a_month_not_yet_begun_is_refused(raw):
    with pytest.raises(ValueError, match=raw):
        leader.month_as_of(raw, TODAY)


@pytest.mark.parametrize("raw", ["2026-13", "2026-00", "2026-5", "26-05", "Mei 2026", "2026-05-01"])
def test_a_malformed_month_is_refused_with_an_example(raw):
    with pytest.raises(ValueError, match="2026-11"):
        leader.month_as_of(raw, TODAY)


@time_machine.travel(NOW)
def test_the_pdf_of_a_past_month_says_its_last_day(personas, login):
    import io

    from pypdf import PdfReader

    response = login(personas.user("camat")).get(PDF, {"month": "2026-03"})
    assert response.status_code == 200
    assert "ringkasan-2026-03-" in response["Content-Disposition"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "31 Maret 2026" in text


@time_machine.travel(NOW)
def test_a_bad_month_gets_a_page_that_says_what_is_wrong(personas, login):
    response = login(personas.user("camat")).get(PDF, {"month": "2026-13"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "2026-13" in body and "2026-11" in body
    assert reverse("accounts:home") in body


@time_machine.travel(NOW)
def test_the_home_offers_the_month_of_the_summary(personas, login):
    body = login(personas.user("camat")).get(reverse("accounts:home")).content.decode()
    assert 'type="month"' in body and 'value="2026-05"' in body and 'max="2026-05"' in body
    assert f'name="unit" value="{personas.kecamatan.pk}"' in body


def test_a_complaint_resolved_later_was_open_at_the_end_of_an_earlier_month(personas):
    complaint = make_complaint(personas.kelurahan, on=dt.date(2026, 3, 2))
    Complaint.objects.filter(pk=complaint.pk).update(
        status="CLOSED", resolved_on=dt.date(2026, 4, 20), resolved_on_time=True
    )
    march = dict(
        _figure(leader.build(personas.kecamatan, today=dt.date(2026, 3, 31)), "complaints").rows
    )
    may = dict(_figure(leader.build(personas.kecamatan, today=TODAY), "complaints").rows)
    assert sum(march.values()) == 1 and list(march.values())[:2] == [0, 0]
    assert list(may.values()) == [1, 0, 0, 0]


def test_a_complaint_registered_after_the_month_is_not_counted(personas):
    make_complaint(personas.kelurahan, on=dt.date(2026, 4, 6))
    rows = _figure(leader.build(personas.kecamatan, today=dt.date(2026, 3, 31)), "complaints").rows
    assert sum(v or 0 for _label, v in rows) == 0


def test_answers_after_the_day_counted_to_are_left_out_and_the_semester_sums_its_quarters(
    personas,
):
    at = dt.datetime(2026, 2, 10, 9, tzinfo=dt.UTC)
    make_response(personas.kelurahan, 4, when=at)
    make_response(personas.kelurahan, 2, when=dt.datetime(2026, 4, 8, 9, tzinfo=dt.UTC))
    make_response(personas.kelurahan, 1, when=dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC))
    ikm = _figure(leader.build(personas.kecamatan, today=TODAY), "ikm")
    assert ikm.rows[0][1] == 100.0 and ikm.rows[1][1] == 50.0
    assert " 2 " in ikm.note.replace(";", " ")  # two respondents in the semester so far
    assert ikm.headline.startswith("75,00")


def test_the_predikat_figure_is_the_curve_the_unit_belongs_to(personas):
    year = make_year(2026)
    glance = leader.build(personas.kelurahan, today=TODAY)
    figure = _figure(glance, "predicate")
    q1 = year.periods.get(number=1)
    # Plaju Ulu has fewer ASN than the pooling threshold: its people count in the kecamatan's curve.
    assert figure.url == reverse("evaluation:calibration", args=[personas.kecamatan.pk, q1.pk])
    assert personas.kecamatan.name in figure.note
    assert personas.kelurahan.name in figure.note  # named as pooled
    assert "6" in figure.headline  # camat, lurah, penilai, pegawai, peer, hr
