"""The employee import records the perjanjian kerja of PPPK and PPPK Paruh Waktu (§8.1)."""

from __future__ import annotations

import datetime as dt

import pytest

from sikap.org import services
from sikap.org.models import Contract, Employee, JenisAsn
from sikap.org.tests.test_import_rules import HEADER, csv_bytes, row, validate

pytestmark = pytest.mark.django_db

CONTRACT_HEADER = [*HEADER, "MULAI_PERJANJIAN_KERJA", "AKHIR_PERJANJIAN_KERJA"]
NEW_PW = "199804122025211006"  # a NI PPPK: digit 13 is 2


def with_contract(nip: str, start: str, end: str, **values: str) -> list[str]:
    return [*row(nip, **values), start, end]


def _peer_row(personas, start: str, end: str) -> list[str]:
    return with_contract(
        personas.peer.nip,
        start,
        end,
        NAMA="Rudi Hartono",
        JENIS_PEGAWAI="PPPK",
        GOLONGAN="IX",
        JABATAN="Pengadministrasi Pemerintahan",
        KODE_UNIT=str(personas.seksi.pk),
    )


def test_a_new_pppk_paruh_waktu_is_imported_with_the_contract_and_a_second_import_changes_nothing(
    personas,
):
    data = csv_bytes(
        [
            with_contract(
                NEW_PW,
                "01-01-2026",
                "31-12-2026",
                JENIS_PEGAWAI="PPPK Paruh Waktu",
                GOLONGAN="V",
                NAMA="Lina Marlina",
            )
        ],
        header=CONTRACT_HEADER,
    )
    importer, plan = validate(data)
    assert plan.problems == []
    assert importer.apply(plan).created == 1
    employee = Employee.objects.get(nip=NEW_PW)
    assert employee.jenis_asn == JenisAsn.PPPK_PW
    contract = employee.contracts.get()
    assert (contract.start_date, contract.end_date) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert contract.history.count() == 1
    importer, plan = validate(data)
    assert importer.apply(plan).as_dict()["unchanged"] == 1
    assert Contract.objects.count() == 1 and Contract.history.count() == 1


def test_an_existing_pppk_gets_the_new_term_and_counts_as_updated(personas):
    services.add_contract(
        employee=personas.peer,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
        by=None,
    )
    importer, plan = validate(
        csv_bytes([_peer_row(personas, "2026-01-01", "2026-12-31")], header=CONTRACT_HEADER)
    )
    assert plan.problems == [] and plan.counts.updated == 1
    importer.apply(plan)
    assert list(personas.peer.contracts.values_list("end_date", flat=True)) == [
        dt.date(2026, 12, 31),
        dt.date(2025, 12, 31),
    ]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (
            "01-01-2026",
            "",
            [
                "Baris 2, kolom AKHIR_PERJANJIAN_KERJA: wajib diisi bila "
                "MULAI_PERJANJIAN_KERJA diisi"
            ],
        ),
        (
            "",
            "31-12-2026",
            [
                "Baris 2, kolom MULAI_PERJANJIAN_KERJA: wajib diisi bila "
                "AKHIR_PERJANJIAN_KERJA diisi"
            ],
        ),
        (
            "31-13-2026",
            "31-12-2026",
            [
                "Baris 2, kolom MULAI_PERJANJIAN_KERJA: tanggal "
                "'31-13-2026' tidak valid (gunakan HH-BB-TTTT, misalnya "
                "02-01-2024)"
            ],
        ),
        (
            "31-12-2026",
            "01-01-2026",
            [
                "Baris 2, kolom AKHIR_PERJANJIAN_KERJA: akhir perjanjian "
                "kerja harus sesudah mulainya (31-12-2026)"
            ],
        ),
        (
            "01-06-2025",
            "31-05-2026",
            [
                "Baris 2, kolom MULAI_PERJANJIAN_KERJA: perjanjian kerja "
                "ini bertumpang tindih dengan perjanjian kerja 01-01-2025 "
                "s.d. 31-12-2025"
            ],
        ),
    ],
)
def test_contract_problems_are_reported_by_row_and_column_in_indonesian(
    personas, start, end, expected
):
    services.add_contract(
        employee=personas.peer,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
        by=None,
    )
    _, plan = validate(csv_bytes([_peer_row(personas, start, end)], header=CONTRACT_HEADER))
    assert [str(p) for p in plan.problems] == expected


def test_a_pns_row_may_not_carry_a_contract(personas):
    _, plan = validate(
        csv_bytes(
            [with_contract("198807142010011002", "01-01-2026", "31-12-2026")],
            header=CONTRACT_HEADER,
        )
    )
    assert [str(p) for p in plan.problems] == [
        f"Baris 2, kolom {c}: perjanjian kerja hanya untuk PPPK dan PPPK Paruh Waktu"
        for c in ("MULAI_PERJANJIAN_KERJA", "AKHIR_PERJANJIAN_KERJA")
    ]
    assert not Contract.objects.exists()


def test_siasn_spellings_of_the_contract_columns_are_read(personas):
    header = [*HEADER, "TMT Awal Kontrak", "tmt-akhir-kontrak"]
    importer, plan = validate(
        csv_bytes([_peer_row(personas, "01-01-2026", "30-06-2026")], header=header)
    )
    assert plan.problems == []
    importer.apply(plan)
    assert personas.peer.contracts.get().end_date == dt.date(2026, 6, 30)


def test_the_sample_file_records_the_contract_of_its_pppk(personas):
    from sikap.org.tests.test_import_rules import DOCS

    importer, plan = validate((DOCS / "contoh-import-pegawai.csv").read_bytes())
    importer.apply(plan)
    contract = Contract.objects.get(employee__nip="199511032023212004")
    assert contract.end_date == dt.date(2026, 12, 31)
