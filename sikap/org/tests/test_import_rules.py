"""The employee importer: validation with row numbers, all-or-nothing, idempotent re-import."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from sikap.org.importer import FileProblem, Importer, detect_kind, parse_date, read_sheet
from sikap.org.models import Assignment, Employee, Position

DOCS = Path(__file__).resolve().parents[3] / "docs"
TODAY = dt.date(2026, 11, 27)
HEADER = [
    "NIP",
    "NAMA",
    "JENIS_PEGAWAI",
    "GOLONGAN",
    "JABATAN",
    "JENIS_JABATAN",
    "KODE_UNIT",
    "ATASAN_NIP",
    "EMAIL",
    "TMT_JABATAN",
]
A = "199003212015032001"
B = "198502202009012003"


def row(nip: str, **values: str) -> list[str]:
    base = {
        "NIP": nip,
        "NAMA": "Pegawai Uji",
        "JENIS_PEGAWAI": "PNS",
        "GOLONGAN": "III/a",
        "JABATAN": "Pengadministrasi Umum",
        "JENIS_JABATAN": "PELAKSANA",
        "KODE_UNIT": "1671031006",
        "ATASAN_NIP": "",
        "EMAIL": "",
        "TMT_JABATAN": "02-01-2024",
    }
    base.update(values)
    return [base[c] for c in HEADER]


def csv_bytes(rows: list[list[str]], sep: str = ";", header: list[str] = HEADER) -> bytes:
    lines = [sep.join(header), *(sep.join(r) for r in rows)]
    return ("\n".join(lines) + "\n").encode()


def validate(data: bytes, kind: str = "csv", paths: list[str] | None = None):
    importer = Importer(by=None, allowed_paths=paths, today=TODAY)
    return importer, importer.validate(read_sheet(data, kind))


def snapshot() -> tuple[int, ...]:
    return (
        Employee.objects.count(),
        Position.objects.count(),
        Assignment.objects.count(),
        Employee.history.count(),
        Position.history.count(),
        Assignment.history.count(),
    )


BAD_ROWS = [
    row("19790512200501100"),  # 2: 17 digits
    row("197905122005131003"),  # 3: TMT month 13
    row("197902302005011003"),  # 4: 30 February
    row("197905122005013003"),  # 5: gender digit 3
    row("197905121975011003"),  # 6: TMT before birth
    row("19790512200501100A"),  # 7: letters
    row("198807142010011002"),  # 8: valid
    row("198807142010011002"),  # 9: duplicate of row 8
    row("198807142010011003", GOLONGAN="V/a"),  # 10: unknown golongan
    row("198807142010011004", KODE_UNIT="9999999999"),  # 11: unknown unit
    row(A, ATASAN_NIP=B),  # 12: loop A -> B -> A
    row(B, ATASAN_NIP=A),  # 13
    row("198807142010011005", EMAIL="bukan-email"),  # 14
    row("198807142010011006", TMT_JABATAN="31-02-2024"),  # 15
    row("198807142010011007", JENIS_JABATAN="DIREKTUR"),  # 16
    row("198807142010011008", JENIS_PEGAWAI="PPPK", GOLONGAN="IX"),  # 17: not an NI PPPK
]


def test_it_reports_every_bad_row_with_its_number_and_writes_nothing(personas):
    before = snapshot()
    importer, plan = validate(csv_bytes(BAD_ROWS))
    lines = [str(p) for p in plan.problems]
    expected = [
        "Baris 2, kolom NIP: NIP harus 18 digit, bukan 17 digit",
        "Baris 3, kolom NIP: Bulan TMT 13 tidak valid (harus 01–12)",
        "Baris 4, kolom NIP: Tanggal lahir 30-02-1979 tidak valid",
        "Baris 5, kolom NIP: Digit jenis kelamin harus 1 (pria) atau 2 (wanita), bukan 3",
        "Baris 6, kolom NIP: TMT 1975 tidak boleh sebelum atau sama dengan tahun lahir",
        "Baris 7, kolom NIP: NIP hanya boleh berisi angka",
        "Baris 9, kolom NIP: NIP 198807142010011002 sudah ada di baris 8",
        "Baris 10, kolom GOLONGAN: Golongan PNS 'V/a' tidak dikenal (harus I/a–IV/e)",
        "Baris 11, kolom KODE_UNIT: unit dengan kode '9999999999' tidak ditemukan",
        f"Baris 12, kolom ATASAN_NIP: hubungan atasan membentuk lingkaran: {A} → {B} → {A}",
        f"Baris 13, kolom ATASAN_NIP: hubungan atasan membentuk lingkaran: {A} → {B} → {A}",
        "Baris 14, kolom EMAIL: alamat e-mail 'bukan-email' tidak valid",
        "Baris 15, kolom TMT_JABATAN: tanggal '31-02-2024' tidak valid (gunakan HH-BB-TTTT, "
        "misalnya 02-01-2024)",
        "Baris 16, kolom JENIS_JABATAN: jenis jabatan 'DIREKTUR' tidak dikenal (JPT, "
        "ADMINISTRATOR, PENGAWAS, PELAKSANA atau FUNGSIONAL)",
        "Baris 17, kolom NIP: Digit ke-13 NI PPPK harus 2 (penanda PPPK)",
    ]
    assert lines == expected
    assert not plan.is_valid
    with pytest.raises(ValueError):
        importer.apply(plan)
    assert snapshot() == before


def test_a_supervisor_loop_through_existing_positions_is_found(personas):
    # The Kasi (penilai) already supervises the pegawai through the position tree.
    _, plan = validate(
        csv_bytes(
            [
                row(
                    personas.penilai.nip,
                    NAMA="Agus Setiawan",
                    JABATAN="Kepala Seksi Pemerintahan",
                    JENIS_JABATAN="PENGAWAS",
                    KODE_UNIT=str(personas.seksi.pk),
                    ATASAN_NIP=personas.pegawai.nip,
                    GOLONGAN="III/c",
                ),
            ]
        )
    )
    assert [p.column for p in plan.problems] == ["ATASAN_NIP"]
    assert "lingkaran" in plan.problems[0].message
    assert f"{personas.penilai.nip} → {personas.pegawai.nip}" in plan.problems[0].message


def test_missing_columns_and_self_supervision_are_reported(personas):
    with pytest.raises(FileProblem, match="kolom wajib tidak ada: GOLONGAN"):
        read_sheet(csv_bytes([], header=[c for c in HEADER if c != "GOLONGAN"]), "csv")
    _, plan = validate(csv_bytes([row(A, ATASAN_NIP=A), row(B, ATASAN_NIP="198001012000011999")]))
    assert [str(p) for p in plan.problems] == [
        "Baris 2, kolom ATASAN_NIP: pegawai tidak dapat menjadi atasan dirinya sendiri",
        "Baris 3, kolom ATASAN_NIP: atasan dengan NIP 198001012000011999 tidak ada di berkas "
        "maupun data",
    ]


def test_the_same_file_imported_twice_changes_nothing_the_second_time(personas):
    data = (DOCS / "contoh-import-pegawai.csv").read_bytes()
    importer, plan = validate(data)
    assert plan.problems == []
    counts = importer.apply(plan)
    assert counts.as_dict() == {"created": 6, "updated": 0, "unchanged": 0, "positions_created": 5}
    sri = Employee.objects.select_related("position__reports_to").get(nip=A)
    assert (sri.golongan, sri.gender, sri.birth_date) == ("III/b", "P", dt.date(1990, 3, 21))
    assert sri.position.unit == personas.seksi and sri.position.jenjang == "PT"
    assert sri.position.reports_to.name == "Koordinator Pelayanan Kelurahan"
    assert not Employee.objects.get(nip="196812151990031004").is_active
    after_first = snapshot()
    importer, plan = validate(data)
    counts = importer.apply(plan)
    assert counts.as_dict() == {"created": 0, "updated": 0, "unchanged": 6, "positions_created": 0}
    assert snapshot() == after_first


def test_a_changed_row_updates_and_transfers_the_employee_with_history(personas):
    pegawai = personas.pegawai
    data = csv_bytes(
        [
            row(
                pegawai.nip,
                NAMA="Dewi Lestari",
                GOLONGAN="II/d",
                JABATAN="Pengadministrasi Pemerintahan",
                KODE_UNIT=str(personas.seksi.pk),
            ),
            row(
                personas.peer.nip,
                NAMA="Rudi Hartono",
                JENIS_PEGAWAI="PPPK",
                GOLONGAN="IX",
                JABATAN="Pengolah Data",
                KODE_UNIT=str(personas.seksi.pk),
                TMT_JABATAN="01-06-2026",
            ),
        ]
    )
    history_before = Employee.history.count()
    importer, plan = validate(data)
    assert plan.problems == []
    counts = importer.apply(plan)
    assert counts.as_dict() == {"created": 0, "updated": 2, "unchanged": 0, "positions_created": 1}
    pegawai.refresh_from_db()
    assert pegawai.golongan == "II/d" and pegawai.email == ""
    peer = Employee.objects.get(pk=personas.peer.pk)
    assert peer.position.name == "Pengolah Data"
    assert list(peer.assignments.values_list("start_date", "end_date")) == [
        (dt.date(2026, 6, 1), None),
        (dt.date(2024, 1, 2), dt.date(2026, 5, 31)),
    ]
    assert Employee.history.count() > history_before
    # A transfer that would start before the current post is refused.
    _, plan = validate(
        csv_bytes(
            [
                row(
                    personas.peer.nip,
                    NAMA="Rudi Hartono",
                    JENIS_PEGAWAI="PPPK",
                    GOLONGAN="IX",
                    JABATAN="Pengadministrasi Pemerintahan",
                    KODE_UNIT=str(personas.seksi.pk),
                    TMT_JABATAN="01-01-2025",
                )
            ]
        )
    )
    assert [p.column for p in plan.problems] == ["TMT_JABATAN"]


def test_an_hr_admin_cannot_import_into_units_outside_their_scope(personas):
    other = [personas.other_kecamatan.path]
    _, plan = validate((DOCS / "contoh-import-pegawai.csv").read_bytes(), paths=other)
    assert len(plan.problems) == 6
    assert str(plan.problems[0]) == (
        "Baris 2, kolom KODE_UNIT: unit Kelurahan Plaju Ulu di luar wewenang Anda"
    )
    assert "Baris 3, kolom UNIT: unit 'Kelurahan Plaju Ulu / Seksi Pemerintahan' di luar" in str(
        plan.problems[1]
    )
    # Nor move an employee registered in another kecamatan.
    _, plan = validate(
        csv_bytes([row(personas.outsider.nip, NAMA="Fajar Nugroho")]),
        paths=[personas.kecamatan.path],
    )
    assert "di luar wewenang Anda" in str(plan.problems[0])


def test_xlsx_and_both_csv_separators_are_read_the_same(personas):
    comma = (DOCS / "contoh-import-pegawai.csv").read_bytes()
    semicolon = comma.decode().replace(",", ";").encode("utf-8-sig")
    xlsx = (DOCS / "contoh-import-pegawai.xlsx").read_bytes()
    sheets = [read_sheet(comma, "csv"), read_sheet(semicolon, "csv"), read_sheet(xlsx, "xlsx")]
    assert [len(s.rows) for s in sheets] == [6, 6, 6]
    assert sheets[0].rows[1][1]["NIP"] == sheets[1].rows[1][1]["NIP"] == A
    assert str(sheets[2].rows[1][1]["NIP"]) == A
    assert detect_kind(io.BytesIO(xlsx)) == "xlsx"
    assert detect_kind(io.BytesIO(semicolon)) == "csv"
    _, plan = validate(xlsx, "xlsx")
    assert plan.problems == [] and plan.counts.created == 6


def test_xlsx_cells_with_dates_numbers_and_aliases(personas):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "nip baru",
            "Nama",
            "jenis asn",
            "Gol",
            "nama jabatan",
            "jenis jabatan",
            "kode unor",
            "TMT",
            "aktif",
            "hp",
        ]
    )
    sheet.append(
        [
            A,
            "Sri",
            "PNS",
            32,
            "Staf",
            "JFU",
            1671031006,
            dt.datetime(2024, 1, 2),
            "ya",
            "0812 3456 789",
        ]
    )
    sheet.append(
        [
            1.98502202009012e17,
            "Melati",
            "PNS",
            "III/d",
            "Staf",
            "PELAKSANA",
            1671031006,
            "2024-01-02",
            "x",
            "abc",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    _, plan = validate(buffer.getvalue(), "xlsx")
    assert [str(p) for p in plan.problems] == [
        "Baris 3, kolom NIP: NIP tersimpan sebagai angka (198502202009012000); simpan kolom NIP "
        "sebagai teks",
        "Baris 3, kolom TELEPON: nomor telepon 'abc' tidak valid (hanya angka, spasi, + dan -)",
        "Baris 3, kolom AKTIF: harus Y atau N, bukan 'X'",
    ]
    assert plan.rows[0].values["golongan"] == "III/b"
    assert plan.rows[0].tmt == dt.date(2024, 1, 2)


def test_unit_names_must_be_unambiguous_and_files_must_be_spreadsheets(personas, tmp_path):
    from sikap.org.testing import make_unit

    make_unit("Seksi Pemerintahan", parent=personas.kecamatan)
    _, plan = validate(
        csv_bytes([row(A, KODE_UNIT="")], header=HEADER)
        .replace(b"KODE_UNIT", b"UNIT")
        .replace(b";1671031006", b";")
        .replace(b";;", b";Seksi Pemerintahan;", 1)
    )
    assert any("dipakai oleh 2 unit" in p.message for p in plan.problems)
    with pytest.raises(Exception, match="bukan CSV atau XLSX"):
        detect_kind(io.BytesIO(b"%PDF-1.4\x00\x01binary"))
    with pytest.raises(Exception, match="bukan CSV atau XLSX"):
        detect_kind(io.BytesIO(b"%PDF-1.7\n%text-only pdf header\n"))
    assert parse_date("02/01/2024") == dt.date(2024, 1, 2)


def test_the_command_dry_run_reports_problems_and_counts(personas, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(BAD_ROWS[:3]))
    with pytest.raises(CommandError) as error:
        call_command("import_employees", str(bad), "--dry-run")
    assert error.value.returncode == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:3] == [
        "Baris 2, kolom NIP: NIP harus 18 digit, bukan 17 digit",
        "Baris 3, kolom NIP: Bulan TMT 13 tidak valid (harus 01–12)",
        "Baris 4, kolom NIP: Tanggal lahir 30-02-1979 tidak valid",
    ]
    before = snapshot()
    example = str(DOCS / "contoh-import-pegawai.xlsx")
    call_command("import_employees", example, "--dry-run", "--unit-scope", "1671031")
    out = capsys.readouterr().out
    assert "Pegawai baru akan dibuat: 6" in out and "tidak ada data yang diubah" in out
    assert snapshot() == before
    call_command("import_employees", example)
    assert "Pegawai baru telah dibuat: 6" in capsys.readouterr().out
    with pytest.raises(CommandError, match="tidak valid: 12 masalah"):
        call_command("import_employees", example, "--unit-scope", str(personas.other_kecamatan.pk))
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_employees", example, "--unit-scope", "0000")


def test_position_columns_names_and_supervisors_are_checked(personas):
    long_name = "N" * 151
    _, plan = validate(
        csv_bytes(
            [
                row(A, JENIS_PEGAWAI="ASN"),
                row(B, NAMA=long_name),
                row("198807142010011002", ATASAN_NIP="12345"),
                row("198807142010011003", JENIS_JABATAN="PELAKSANA", KODE_UNIT=""),
            ]
        )
    )
    assert [str(p) for p in plan.problems] == [
        "Baris 2, kolom JENIS_PEGAWAI: harus PNS, PPPK atau PPPK Paruh Waktu, bukan 'ASN'",
        "Baris 3, kolom NAMA: paling banyak 150 karakter",
        "Baris 4, kolom ATASAN_NIP: NIP atasan '12345' harus 18 angka",
        "Baris 5, kolom UNIT: wajib diisi (nama unit atau KODE_UNIT)",
    ]
    header = [*HEADER, "JENJANG", "ESELON"]
    _, plan = validate(
        csv_bytes(
            [
                [*row(A, JENIS_JABATAN="FUNGSIONAL"), "Ahli Sakti", ""],
                [*row(B), "Ahli Muda", ""],
                [*row("198807142010011002", JENIS_JABATAN="PENGAWAS"), "", "III.a"],
                [*row("198807142010011003"), "", "VI.z"],
                [*row("198807142010011004", JENIS_JABATAN="JFT"), "ahli muda", "non"],
            ],
            header=header,
        )
    )
    assert [str(p) for p in plan.problems] == [
        "Baris 2, kolom JENJANG: jenjang 'AHLI SAKTI' tidak dikenal",
        "Baris 3, kolom JENJANG: jenjang hanya untuk jabatan fungsional",
        "Baris 4, kolom ESELON: eselon III.a tidak sesuai dengan jenis jabatan PENGAWAS",
        "Baris 5, kolom ESELON: eselon 'VI.Z' tidak dikenal (misalnya III.a, IV.b)",
    ]
    assert plan.rows[0].new_position.jenjang == "MU"


def test_new_positions_report_to_the_position_of_the_atasan(personas):
    # C reports to B (new position), B to the existing Kasi; positions are created in order.
    c = "198807142010011002"
    importer, plan = validate(
        csv_bytes(
            [
                row(c, JABATAN="Staf Data", ATASAN_NIP=B, KODE_UNIT=str(personas.seksi.pk)),
                row(
                    B,
                    JABATAN="Koordinator Data",
                    ATASAN_NIP=personas.penilai.nip,
                    KODE_UNIT=str(personas.seksi.pk),
                ),
                row(A, JABATAN="Koordinator Data", ATASAN_NIP=c, KODE_UNIT=str(personas.seksi.pk)),
            ]
        )
    )
    assert plan.problems == []
    importer.apply(plan)
    staff = Position.objects.get(name="Staf Data")
    assert staff.reports_to.name == "Koordinator Data"
    assert staff.reports_to.reports_to == personas.penilai.position


def test_odd_files_are_refused_or_read(personas):
    with pytest.raises(FileProblem, match="lebih dari sekali"):
        read_sheet(b"NIP;NIP\n1;2\n", "csv")
    with pytest.raises(FileProblem, match="kosong"):
        read_sheet(b"", "csv")
    with pytest.raises(FileProblem, match="rusak"):
        read_sheet(b"PK\x03\x04broken", "xlsx")
    _, plan = validate(csv_bytes([]))
    assert [str(p) for p in plan.problems] == ["Baris 2: berkas tidak berisi data pegawai"]
    windows = csv_bytes([row(A, NAMA="Sri Wahyuni Ç")]).decode().encode("cp1252")
    assert read_sheet(windows, "csv").rows[0][1]["NAMA"] == "Sri Wahyuni Ç"
    assert detect_kind(io.BytesIO(windows)) == "csv"


def test_validation_needs_the_same_queries_for_5_and_50_rows(personas, django_assert_num_queries):
    def rows(n: int) -> bytes:
        return csv_bytes(
            [
                row(
                    f"1988071420100110{i:02d}",
                    KODE_UNIT=str(personas.seksi.pk),
                    JABATAN=f"Staf {i % 3}",
                )
                for i in range(1, n + 1)
            ]
        )

    small, large = read_sheet(rows(5), "csv"), read_sheet(rows(50), "csv")
    with django_assert_num_queries(4):
        Importer(by=None, allowed_paths=None, today=TODAY).validate(small)
    with django_assert_num_queries(4):
        Importer(by=None, allowed_paths=None, today=TODAY).validate(large)


def test_a_job_whose_file_is_gone_fails_cleanly(personas):
    from sikap.org.importer import run_job
    from sikap.org.models import ImportJob, ImportStatus

    job = ImportJob.objects.create(original_name="x.csv", file_kind="csv", file="imports/none.csv")
    run_job(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "tidak ada data yang diubah" in job.message
    job = ImportJob.objects.create(original_name="x.csv", file_kind="csv")
    job.file.save("x.csv", io.BytesIO(b"NAMA\nA\n"))
    run_job(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "kolom wajib tidak ada" in job.message


@pytest.mark.parametrize("unit", ["/", ">>", " / > ", ">"])
def test_a_unit_written_only_with_separators_is_a_row_error(personas, unit):
    header = [("UNIT" if c == "KODE_UNIT" else c) for c in HEADER]
    _, plan = validate(csv_bytes([row(A, KODE_UNIT=unit)], header=header))
    [problem] = [p for p in plan.problems if p.column == "UNIT"]
    assert problem.row == 2


def test_an_xlsx_past_the_row_limit_is_refused_without_reading_it_all(personas, monkeypatch):
    from sikap.lib import xlsx

    monkeypatch.setattr(xlsx, "MAX_IMPORT_ROWS", 50)
    workbook = Workbook()
    workbook.active.append(HEADER)
    for _ in range(60):
        workbook.active.append(row(A))
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(FileProblem, match="50"):
        read_sheet(buffer.getvalue(), "xlsx")


def test_an_xlsx_that_unpacks_too_large_is_refused(personas):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (12 * 1024 * 1024))
    with pytest.raises(FileProblem):
        read_sheet(buffer.getvalue(), "xlsx")


def test_a_csv_with_nul_bytes_or_cr_only_lines_gets_a_message(personas):
    with pytest.raises(FileProblem):
        read_sheet(b"%PDF-1.4\x00\x01" + b"NIP;NAMA\n", "csv")
    sheet = read_sheet(csv_bytes([row(A)]).replace(b"\n", b"\r"), "csv")
    assert [number for number, _ in sheet.rows] == [2]


def test_a_row_with_other_errors_still_reports_an_unknown_atasan(personas):
    _, plan = validate(csv_bytes([row(A, GOLONGAN="", ATASAN_NIP="198001012000011999")]))
    columns = [p.column for p in plan.problems]
    assert "GOLONGAN" in columns and "ATASAN_NIP" in columns
