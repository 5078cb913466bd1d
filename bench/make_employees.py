"""Write a synthetic, valid employee file of N rows for the demo units of Kecamatan Plaju.

    DEBUG=1 .venv/bin/python bench/make_employees.py 10000 var/pegawai-10000.csv   (or .xlsx)

The demo data must be loaded first (``manage.py load_demo``). Every row is valid: NIPs follow the
rules of domain.md §6.4, units are named by BPS code or "parent / child" name, one row in twenty is
a coordinator in a new position under the unit's head, and the others report to a coordinator.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import sys
from pathlib import Path
from typing import Any

HEADER = [
    "NIP",
    "NAMA",
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "JENIS_PEGAWAI",
    "GOLONGAN",
    "JABATAN",
    "JENIS_JABATAN",
    "JENJANG",
    "ESELON",
    "UNIT",
    "KODE_UNIT",
    "ATASAN_NIP",
    "EMAIL",
    "TELEPON",
    "TMT_JABATAN",
    "AKTIF",
]
FIRST = [
    "Ahmad",
    "Budi",
    "Siti",
    "Dewi",
    "Rizki",
    "Nurul",
    "Fajar",
    "Indah",
    "Agus",
    "Rina",
    "Hendra",
    "Maya",
    "Yusuf",
    "Ratna",
    "Dimas",
    "Wulan",
    "Ilham",
    "Citra",
    "Bayu",
    "Intan",
]
LAST = [
    "Saputra",
    "Pratama",
    "Wijaya",
    "Hidayat",
    "Lestari",
    "Susanti",
    "Nugroho",
    "Harahap",
    "Siregar",
    "Ramadhan",
    "Maulana",
    "Anggraini",
    "Fauzi",
    "Hakim",
    "Safitri",
    "Kusuma",
]
STAFF = [
    ("Pengadministrasi Umum", "PELAKSANA", ""),
    ("Pengolah Data", "PELAKSANA", ""),
    ("Pengelola Layanan Operasional", "PELAKSANA", ""),
    ("Analis Kebijakan", "FUNGSIONAL", "Ahli Pertama"),
    ("Arsiparis", "FUNGSIONAL", "Terampil"),
    ("Pranata Komputer", "FUNGSIONAL", "Ahli Muda"),
]
GOLONGAN = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "32", "33"]
PPPK_GOLONGAN = ["V", "VII", "IX", "X", "XI"]


def _setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _unit_label(unit: Any, units: dict[int, Any]) -> tuple[str, str]:
    """(UNIT, KODE_UNIT) for a unit: its BPS code when it has one, else "parent / name"."""
    if unit.bps_code:
        return "", unit.bps_code
    parent = units.get(unit.parent_id)
    return (f"{parent.name} / {unit.name}" if parent else unit.name), ""


def employee_rows(n: int, *, seed: int = 7, bps: str = "1671031") -> list[dict[str, Any]]:
    """N valid rows for the units below the unit with the given BPS code (Kecamatan Plaju)."""
    from sikap.org.models import Employee, Position, Unit

    root = Unit.objects.get(bps_code=bps)
    units = {u.pk: u for u in Unit.objects.filter(path__startswith=root.path, is_active=True)}
    all_units = {u.pk: u for u in Unit.objects.all()}
    heads: dict[int, str] = {}
    for position in Position.objects.filter(unit__in=list(units)).order_by("eselon", "pk"):
        holder = Employee.objects.filter(position=position, is_active=True).exclude(nip="").first()
        if holder is not None:
            heads.setdefault(position.unit_id, holder.nip)
    rng = random.Random(seed)
    used = set(Employee.objects.values_list("nip", flat=True))
    rows: list[dict[str, Any]] = []
    unit_list = sorted(units.values(), key=lambda u: u.pk)
    coordinator: dict[int, str] = {}
    for index in range(n):
        unit = unit_list[index % len(unit_list)]
        pppk = rng.random() < 0.2
        female = rng.random() < 0.5
        while True:
            birth = dt.date(rng.randint(1966, 2000), rng.randint(1, 12), rng.randint(1, 28))
            tmt_year = min(birth.year + rng.randint(20, 30), 2025)
            gender = "2" if female else "1"
            seq = rng.randint(1, 999)
            if pppk:
                nip = f"{birth:%Y%m%d}{tmt_year}2{rng.randint(1, 3)}{gender}{seq:03d}"
            else:
                nip = f"{birth:%Y%m%d}{tmt_year}{rng.randint(1, 12):02d}{gender}{seq:03d}"
            if nip not in used:
                used.add(nip)
                break
        label, code = _unit_label(unit, all_units)
        first = rng.choice(FIRST)
        if (index // len(unit_list)) % 20 == 0:
            name, jenis, jenjang, atasan = (
                "Koordinator Pelaksana",
                "PELAKSANA",
                "",
                heads.get(unit.pk, ""),
            )
            coordinator[unit.pk] = nip
        else:
            name, jenis, jenjang = rng.choice(STAFF)
            atasan = coordinator.get(unit.pk, "")
        rows.append(
            {
                "NIP": nip,
                "NAMA": f"{first} {rng.choice(LAST)}",
                "GELAR_DEPAN": "",
                "GELAR_BELAKANG": rng.choice(["", "", "S.E.", "S.Kom.", "A.Md."]),
                "JENIS_PEGAWAI": "PPPK" if pppk else "PNS",
                "GOLONGAN": rng.choice(PPPK_GOLONGAN if pppk else GOLONGAN),
                "JABATAN": name,
                "JENIS_JABATAN": jenis,
                "JENJANG": jenjang,
                "ESELON": "",
                "UNIT": label,
                "KODE_UNIT": code,
                "ATASAN_NIP": atasan,
                "EMAIL": f"pegawai{index}@contoh.go.id",
                "TELEPON": f"0812{rng.randint(10**7, 10**8 - 1)}",
                "TMT_JABATAN": f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2020, 2025)}",
                "AKTIF": "Y",
            }
        )
    return rows


def write(rows: list[dict[str, Any]], path: Path) -> None:
    """Write rows as CSV (semicolon, as Indonesian Excel saves it) or XLSX by the file suffix."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Pegawai")
        sheet.append(HEADER)
        for row in rows:
            sheet.append([row[c] for c in HEADER])
        workbook.save(path)
        return
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, HEADER, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: make_employees.py N FILE.csv|FILE.xlsx")
    _setup()
    rows = employee_rows(int(sys.argv[1]))
    write(rows, Path(sys.argv[2]))
    print(f"{len(rows)} rows written to {sys.argv[2]}")


if __name__ == "__main__":
    main()
