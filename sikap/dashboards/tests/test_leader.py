"""The leader's figures on the home page and in the monthly PDF: scope, figures, access, cost."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.complaints.testing import make_complaint
from sikap.dashboards import leader
from sikap.org.testing import make_employee
from sikap.surveys.testing import make_response

pytestmark = pytest.mark.django_db
HOME = reverse("accounts:home")
PDF = reverse("dashboards:monthly_pdf")
NOW = dt.datetime(2026, 5, 10, 9, 0, tzinfo=dt.UTC)


def _figure(glance, key):
    return next(f for f in glance.figures if f.key == key)


@time_machine.travel(NOW)
def test_the_camat_home_opens_with_the_figures_of_the_kecamatan(personas, login):
    make_response(personas.kelurahan, [4, 4, 4, 4, 2, 4, 4, 4, 4])
    body = login(personas.user("camat")).get(HOME).content.decode()
    assert 'id="glance"' in body
    assert "Indeks Kepuasan Masyarakat" in body or "IKM" in body
    assert reverse("surveys:report", args=[personas.kecamatan.pk]) in body
    assert "chart.umd.min.js" in body and "glance.js" in body
    assert "<table" in body  # the figures read without JavaScript


@time_machine.travel(NOW)
def test_the_lowest_unsur_and_trend_are_from_the_leaders_subtree(personas):
    make_response(personas.kelurahan, [4, 4, 4, 4, 2, 4, 4, 4, 4])
    glance = leader.build(personas.kelurahan, today=dt.date(2026, 5, 10))
    ikm = _figure(glance, "ikm")
    assert "U5" in ikm.note
    assert [label for label, _v in ikm.rows] == ["Triwulan I 2026", "Triwulan II 2026"]
    assert ikm.rows[0][1] is None and ikm.rows[1][1] is not None


@time_machine.travel(NOW)
def test_complaints_overdue_are_counted_in_the_subtree_only(personas):
    make_complaint(personas.kelurahan, on=dt.date(2026, 3, 2))
    glance = leader.build(personas.kelurahan, today=dt.date(2026, 5, 10))
    rows = dict(_figure(glance, "complaints").rows)
    assert sum(v or 0 for v in rows.values()) == 1
    other = leader.build(personas.other_kecamatan, today=dt.date(2026, 5, 10))
    assert sum(v or 0 for _l, v in _figure(other, "complaints").rows) == 0


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("camat", True),
        ("lurah", True),
        ("pegawai", False),
        ("penilai", False),
        ("hr", False),
        ("other_hr", False),
        ("auditor", False),
    ],
)
def test_only_unit_heads_get_the_figures_on_their_home(personas, login, persona, shown):
    body = login(personas.user(persona)).get(HOME).content.decode()
    assert ('id="glance"' in body) is shown


def test_the_lurah_sees_the_kelurahan_not_the_kecamatan(personas, login):
    body = login(personas.user("lurah")).get(HOME).content.decode()
    assert f"?unit={personas.kelurahan.pk}" in body
    assert f"?unit={personas.kecamatan.pk}" not in body


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("camat", 200),
        ("lurah", 200),
        ("hr", 200),
        ("auditor", 200),
        ("other_hr", 200),
        ("pegawai", 403),
        ("penilai", 403),
        ("outsider", 403),
    ],
)
def test_who_may_download_the_monthly_pdf(personas, login, persona, expected):
    response = login(personas.user(persona)).get(PDF)
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"


def test_the_pdf_of_another_kecamatan_is_404_and_anonymous_goes_to_login(personas, login):
    from django.test import Client

    assert Client().get(PDF).status_code == 302
    assert login(personas.other_hr).get(PDF, {"unit": personas.kecamatan.pk}).status_code == 404
    assert login(personas.user("camat")).post(PDF).status_code == 405


@time_machine.travel(NOW)
def test_the_pdf_is_one_page_with_the_figures(personas, login):
    import io

    from pypdf import PdfReader

    make_response(personas.kelurahan, 3)
    data = login(personas.user("camat")).get(PDF).content
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Pengaduan" in text and "Keterlibatan" in text


def test_the_home_of_the_camat_costs_the_same_with_more_people(personas, login):
    client = login(personas.user("camat"))
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for i in range(30):
        make_employee(personas.pegawai.position, f"Staf Baru {i}")
        make_response(personas.kelurahan, 3)
    with CaptureQueriesContext(connection) as many:
        assert client.get(HOME).status_code == 200
    assert len(many) == len(few)


def test_repeated_to_dos_of_several_units_become_one_line():
    from sikap.accounts.attention import AttentionItem, group

    same = [
        AttentionItem(
            title="Follow-up plan missing",
            detail=f"Kelurahan {i}",
            url=f"/u/{i}/",
            group_title="Follow-up plan missing in %(count)s units",
            group_url="/list/",
        )
        for i in range(8)
    ]
    alone = AttentionItem(title="Complaints overdue", count=2)
    result = group([alone, *same])
    assert len(result) == 2
    merged = result[1]
    assert (merged.title, merged.count, merged.url) == (
        "Follow-up plan missing in 8 units",
        8,
        "/list/",
    )
    assert merged.detail == "Kelurahan 0; Kelurahan 1; Kelurahan 2; …"
    assert group(same[:1]) == same[:1]  # a single unit keeps its own line and link


def test_the_camat_home_shows_the_missing_follow_up_plans_as_one_line(personas, login):
    from sikap.org.models import UnitKind
    from sikap.org.testing import make_unit

    second = make_unit("Kelurahan Talang Putri", UnitKind.KELURAHAN, personas.kecamatan)
    with time_machine.travel(dt.datetime(2025, 10, 10, 9, 0, tzinfo=dt.UTC)):
        make_response(personas.kelurahan, 3)
        make_response(second, 3)
    with time_machine.travel(NOW):
        body = login(personas.user("camat")).get(HOME).content.decode()
    assert (
        body.count("Follow-up plan missing in 2 units")
        + body.count("Rencana tindak lanjut belum ada di 2 unit")
        == 1
    )
    assert reverse("surveys:reports") in body


def test_the_glance_is_kept_for_minutes_and_says_when(personas, login, settings):
    settings.SNAPSHOT_SECONDS = 600
    client = login(personas.user("camat"))
    with time_machine.travel(dt.datetime(2026, 5, 10, 2, 15, tzinfo=dt.UTC)):
        first = client.get(HOME).text
        assert "Angka per 09.15." in first  # WIB
        with CaptureQueriesContext(connection) as kept:
            client.get(HOME)
        settings.SNAPSHOT_SECONDS = 0
        with CaptureQueriesContext(connection) as counted:
            assert "Angka per" in client.get(HOME).text
    assert len(kept) < len(counted)


def _never_signed_in(glance: leader.Glance) -> int | float | None:
    figure = next(f for f in glance.figures if f.key == "engagement")
    return figure.rows[-1][1]


def test_a_glance_is_kept_per_language(personas, settings):
    from django.utils import translation

    settings.SNAPSHOT_SECONDS = 600
    indonesian = leader.snapshot(personas.kecamatan)
    with translation.override("en"):
        english = leader.snapshot(personas.kecamatan)
    titles = {f.key: f.title for f in english.figures}
    assert titles["engagement"] == "Engagement"
    assert {f.key: f.title for f in indonesian.figures}["engagement"] == "Keterlibatan"


def test_the_snapshot_keeps_its_count_and_the_monthly_pdf_counts_afresh(personas, settings):
    settings.SNAPSHOT_SECONDS = 600
    before = _never_signed_in(leader.snapshot(personas.kecamatan))
    make_employee(personas.pegawai.position, "Staf Baru Setelah Snapshot")
    assert _never_signed_in(leader.snapshot(personas.kecamatan)) == before
    assert _never_signed_in(leader.build(personas.kecamatan)) == before + 1
    assert _never_signed_in(leader.snapshot(personas.kecamatan, refresh=True)) == before + 1
