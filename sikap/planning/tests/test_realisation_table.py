"""Issue 10 item 13: the realisation page is one table per period, saved in one go."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.lib.samplefiles import pdf_bytes
from sikap.planning.models import Category, Evidence, Indicator, Realisation
from sikap.planning.services import plans, records
from sikap.planning.testing import DAY, make_plan

PDF = pdf_bytes()


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2026-02-10 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def plan(personas, chain):
    """Approved, with a TAMBAHAN RHK made before two UTAMA ones (three indicators)."""
    draft = make_plan(personas.pegawai, texts=(), approve=False)
    extra = plans.add_work_result(
        plan=draft,
        by=None,
        text="Membantu kegiatan posyandu",
        category=Category.TAMBAHAN,
        today=DAY,
    )
    plans.add_indicator(
        work_result=extra,
        by=None,
        aspect="kuantitas",
        text="Jumlah kegiatan dibantu",
        target_value=Decimal(4),
        target_unit="Kegiatan",
    )
    for text in ("Laporan kependudukan", "Laporan pemerintahan"):
        result = plans.add_work_result(
            plan=draft,
            by=None,
            text=text,
            category=Category.UTAMA,
            intervenes=chain.kasi_rhk,
            today=DAY,
        )
        plans.add_indicator(
            work_result=result,
            by=None,
            aspect="kuantitas",
            text=f"Jumlah {text}",
            target_value=Decimal(12),
            target_unit="Dokumen",
        )
    plans.submit_plan(plan=draft, by=None, today=DAY)
    return plans.approve_plan(plan=draft, by=None)


def _indicators(plan):
    """The indicators in the order the table shows them: UTAMA first."""
    return sorted(
        Indicator.objects.filter(work_result__plan=plan).select_related("work_result"),
        key=lambda i: (i.work_result.category != Category.UTAMA, i.work_result.order, i.pk),
    )


def _data(plan, period, rows):
    data = {
        "periode": str(period.pk),
        "r-TOTAL_FORMS": str(len(rows)),
        "r-INITIAL_FORMS": str(len(rows)),
        "r-MIN_NUM_FORMS": "0",
        "r-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"r-{index}-{key}": value for key, value in row.items()})
    return data


def _url(plan):
    return reverse("planning:realisation", args=[plan.pk])


def test_the_table_lists_utama_first_and_saves_every_row_at_once(personas, plan, login):
    period = plan.appraisal_year.periods.get(number=1)
    first, second, extra = _indicators(plan)
    assert extra.work_result.category == Category.TAMBAHAN
    client = login(personas.user("pegawai"))
    page = client.get(_url(plan), {"periode": period.pk}).text
    assert page.index("Jumlah Laporan kependudukan") < page.index("Jumlah kegiatan dibantu")
    assert page.count('type="submit">Simpan realisasi') == 1
    response = client.post(
        _url(plan),
        _data(
            plan,
            period,
            [
                {"value": "3", "note": "Januari", "file": SimpleUploadedFile("laporan.pdf", PDF)},
                {"value": "2", "link": "https://drive.example.id/foto"},
                {"value": "", "note": ""},
            ],
        ),
        follow=True,
    )
    assert "2 baris berubah" in response.text
    saved = {r.indicator_id: r for r in Realisation.objects.filter(period=period)}
    assert set(saved) == {first.pk, second.pk}
    assert (saved[first.pk].value, saved[first.pk].note) == (Decimal(3), "Januari")
    assert saved[first.pk].evidence.get().original_name == "laporan.pdf"
    assert saved[second.pk].evidence.get().link == "https://drive.example.id/foto"


def test_an_error_names_the_row_and_field_and_nothing_is_saved(personas, plan, login):
    period = plan.appraisal_year.periods.get(number=1)
    client = login(personas.user("pegawai"))
    bad_number = client.post(
        _url(plan), _data(plan, period, [{"value": "3"}, {"value": "-1"}, {"value": "1"}])
    )
    assert bad_number.status_code == 400
    assert "Tidak ada yang disimpan" in bad_number.text
    assert "Baris 2 (Jumlah Laporan pemerintahan) · Realisasi (angka)" in bad_number.text
    assert 'value="3"' in bad_number.text  # what was typed stays in the table
    bad_file = client.post(
        _url(plan),
        _data(
            plan,
            period,
            [
                {"value": "3", "file": SimpleUploadedFile("laporan.pdf", PDF)},
                {"value": "1"},
                {"value": "1", "file": SimpleUploadedFile("x.pdf", b"MZ" * 50)},
            ],
        ),
    )
    assert bad_file.status_code == 400
    assert "Baris 3 (Jumlah kegiatan dibantu) · Berkas bukti dukung" in bad_file.text
    assert not Realisation.objects.exists() and not Evidence.objects.exists()
    assert not [f for f in Path(settings.MEDIA_ROOT).rglob("*") if f.is_file()]  # row 1's file too
    empty_with_file = client.post(
        _url(plan),
        _data(plan, period, [{"link": "https://x.example.id"}, {}, {}]),
    )
    assert "Baris 1" in empty_with_file.text and "Isi nilai" in empty_with_file.text
    assert not Realisation.objects.exists()


def test_an_unchanged_resubmit_changes_nothing(personas, plan, login):
    period = plan.appraisal_year.periods.get(number=1)
    client = login(personas.user("pegawai"))
    rows = [{"value": "3", "note": "Januari"}, {"value": "2.50"}, {"value": ""}]
    client.post(_url(plan), _data(plan, period, rows))
    history = Realisation.history.count()
    again = client.post(
        _url(plan),
        _data(plan, period, [{"value": "3.00", "note": "Januari"}, {"value": "2.5"}, {}]),
        follow=True,
    )
    assert "Tidak ada perubahan" in again.text
    assert Realisation.history.count() == history
    assert Realisation.objects.count() == 2


def test_a_bukti_dukung_given_before_can_be_chosen_again(
    personas, plan, login, django_capture_on_commit_callbacks
):
    period = plan.appraisal_year.periods.get(number=1)
    first, second, _extra = _indicators(plan)
    real = records.record_realisation(indicator=first, period=period, by=None, value=Decimal(1))
    given = records.add_evidence(
        realisation=real, by=None, upload=SimpleUploadedFile("sk.pdf", PDF), filename="sk.pdf"
    )
    client = login(personas.user("pegawai"))
    page = client.get(_url(plan), {"periode": period.pk}).text
    assert page.count(f'<option value="{given.pk}">sk.pdf') == 2  # not offered on its own row
    client.post(
        _url(plan),
        _data(plan, period, [{"value": "1"}, {"value": "4", "existing": str(given.pk)}, {}]),
    )
    copy = Evidence.objects.get(realisation__indicator=second)
    assert copy.file.name == given.file.name and copy.original_name == "sk.pdf"
    name = copy.file.name
    with django_capture_on_commit_callbacks(execute=True):
        records.remove_evidence(evidence=given, by=None)
    assert default_storage.exists(name)  # still used by the second row
    with django_capture_on_commit_callbacks(execute=True):
        records.remove_evidence(evidence=copy, by=None)
    assert not default_storage.exists(name)


def test_someone_elses_bukti_dukung_cannot_be_reused(personas, plan, chain):
    period = plan.appraisal_year.periods.get(number=1)
    kasi = chain.kasi_plan.work_results.get().indicators.get()
    theirs = records.add_evidence(
        realisation=records.record_realisation(
            indicator=kasi, period=period, by=None, value=Decimal(1)
        ),
        by=None,
        link="https://kasi.example.id",
    )
    first = _indicators(plan)[0]
    with pytest.raises(records.RowError) as info:
        records.save_realisations(
            plan=plan,
            period=period,
            by=None,
            rows=[records.RealisationRow(indicator=first, value=Decimal(1), reuse=theirs)],
        )
    assert info.value.row == 0
    assert info.value.error_dict["existing"][0].code == "evidence_not_yours"
    with pytest.raises(ValidationError) as outside:
        records.save_realisations(
            plan=plan,
            period=period,
            by=None,
            rows=[records.RealisationRow(indicator=kasi, value=Decimal(1))],
        )
    assert outside.value.code == "not_in_plan"
    assert not Realisation.objects.filter(indicator=first).exists()


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [
        ("pegawai", 200, 302),
        ("penilai", 200, 403),
        ("lurah", 200, 403),
        ("hr", 200, 403),
        ("auditor", 200, 403),
        ("other_hr", 404, 404),
        ("outsider", 404, 404),
        ("peer", 404, 404),
    ],
)
def test_who_sees_and_who_saves_the_table(personas, plan, login, who, get, post):
    period = plan.appraisal_year.periods.get(number=1)
    client = login(personas.user(who))
    page = client.get(_url(plan), {"periode": period.pk})
    assert page.status_code == get
    if get == 200:
        assert ('name="r-0-value"' in page.text) == (who == "pegawai")
    response = client.post(_url(plan), _data(plan, period, [{"value": "1"}, {}, {}]))
    assert response.status_code == post
    assert Realisation.objects.exists() == (who == "pegawai")
    assert client.put(_url(plan)).status_code in (405, 404)


def test_a_post_for_a_period_not_shown_or_a_stale_table_saves_nothing(personas, plan, login):
    period = plan.appraisal_year.periods.get(number=1)
    client = login(personas.user("pegawai"))
    wrong = _data(plan, period, [{"value": "1"}, {}, {}]) | {"periode": "999999"}
    assert client.post(_url(plan), wrong).status_code == 404
    stale = client.post(_url(plan), _data(plan, period, [{"value": "1"}, {}]), follow=True)
    assert "SKP berubah" in stale.text
    assert not Realisation.objects.exists()


def test_a_closed_period_is_read_only_and_refuses_the_table(personas, plan, login):
    period = plan.appraisal_year.periods.get(number=1)
    first = _indicators(plan)[0]
    records.record_realisation(indicator=first, period=period, by=None, value=Decimal(7))
    with time_machine.travel("2026-04-20 09:00 +07:00", tick=False):
        client = login(personas.user("pegawai"))
        page = client.get(_url(plan), {"periode": period.pk})
        assert 'name="r-0-value"' not in page.text and "Simpan realisasi" not in page.text
        assert "7 Dokumen" in page.text
        response = client.post(
            _url(plan), _data(plan, period, [{"value": "9"}, {}, {}]), follow=True
        )
    assert "sudah lewat" in response.text
    assert Realisation.objects.get().value == Decimal(7)


def test_the_table_costs_the_same_queries_for_more_indicators(
    personas, plan, login, django_assert_max_num_queries
):
    period = plan.appraisal_year.periods.get(number=1)
    client = login(personas.user("pegawai"))
    first = _indicators(plan)[0]
    real = records.record_realisation(indicator=first, period=period, by=None, value=Decimal(1))
    records.add_evidence(realisation=real, by=None, link="https://e.id/first")
    with django_assert_max_num_queries(40) as small:
        client.get(_url(plan), {"periode": period.pk})
    for indicator in _indicators(plan)[1:]:
        real = records.record_realisation(
            indicator=indicator, period=period, by=None, value=Decimal(1)
        )
        records.add_evidence(realisation=real, by=None, link=f"https://e.id/{indicator.pk}")
    extra = Indicator.objects.filter(work_result__plan=plan).first()
    for n in range(6):
        Indicator.objects.create(
            work_result=extra.work_result,
            aspect="kualitas",
            text=f"Mutu {n}",
            target_value=Decimal(100),
            target_unit="%",
            order=n + 2,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(_url(plan), {"periode": period.pk})
    assert page.text.count('name="r-8-value"') == 1
