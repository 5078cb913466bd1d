"""Plain factories and the shared personas for tests of every app (fixed values, no randomness)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.contrib.auth.hashers import make_password

from sikap.accounts.models import Role, RoleAssignment, User
from sikap.org import services
from sikap.org.models import Employee, JenisAsn, Position, Unit, UnitKind

PASSWORD = "rahasia-Plaju-2026"  # noqa: S105
_nip_counter = itertools.count(1)


@lru_cache(maxsize=1)
def password_hash() -> str:
    return make_password(PASSWORD)


def make_nip(*, female: bool = False, pppk: bool = False, birth_year: int = 1985) -> str:
    """A valid, unique NIP (PNS) or NI PPPK."""
    n = next(_nip_counter)
    birth = dt.date(birth_year, 1 + n % 12, 1 + n % 28)
    gender = "2" if female else "1"
    if pppk:
        return f"{birth:%Y%m%d}202321{gender}{n % 1000:03d}"
    return f"{birth:%Y%m%d}2010{1 + n % 12:02d}{gender}{n % 1000:03d}"


def make_user(username: str, **fields: Any) -> User:
    return User.objects.create(username=username, password=password_hash(), **fields)


def make_unit(
    name: str, kind: str = UnitKind.SEKSI, parent: Unit | None = None, **fields: Any
) -> Unit:
    return services.create_unit(name=name, kind=kind, parent=parent, by=None, **fields)


def make_position(
    unit: Unit,
    name: str,
    *,
    jenis: str = "PELAKSANA",
    reports_to: Position | None = None,
    **fields: Any,
) -> Position:
    return services.create_position(
        by=None, unit=unit, name=name, jenis=jenis, reports_to=reports_to, **fields
    )


def make_employee(
    position: Position | None,
    name: str,
    *,
    username: str | None = None,
    pppk: bool = False,
    golongan: str | None = None,
    **fields: Any,
) -> Employee:
    nip = make_nip(pppk=pppk)
    user = make_user(username or nip, email=f"{username or nip}@example.id")
    return services.create_employee(
        by=None,
        nip=nip,
        name=name,
        jenis_asn=JenisAsn.PPPK if pppk else JenisAsn.PNS,
        golongan=golongan or ("IX" if pppk else "III/a"),
        position=position,
        start_date=dt.date(2024, 1, 2),
        user=user,
        email=f"{(username or nip)}@example.id",
        **fields,
    )


@dataclass
class Personas:
    kota: Unit
    kecamatan: Unit
    kelurahan: Unit
    seksi: Unit
    other_kecamatan: Unit
    camat: Employee
    lurah: Employee
    penilai: Employee
    pegawai: Employee
    peer: Employee
    hr: Employee
    outsider: Employee
    auditor: User
    superadmin: User
    other_hr: User
    city_hr: User

    def user(self, name: str) -> User:
        value = getattr(self, name)
        return value if isinstance(value, User) else value.user


PERSONA_NAMES = (
    "pegawai",
    "peer",
    "penilai",
    "lurah",
    "camat",
    "hr",
    "auditor",
    "superadmin",
    "other_hr",
    "city_hr",
    "outsider",
)


def make_personas() -> Personas:
    """A small office: Kecamatan Plaju with Kelurahan Plaju Ulu and one seksi, and a neighbour."""
    kota = make_unit("Pemerintah Kota Palembang", UnitKind.PEMKOT, bps_code="1671")
    kec = make_unit("Kecamatan Plaju", UnitKind.KECAMATAN, kota, bps_code="1671031")
    kel = make_unit("Kelurahan Plaju Ulu", UnitKind.KELURAHAN, kec, bps_code="1671031006")
    seksi = make_unit("Seksi Pemerintahan", UnitKind.SEKSI, kel)
    sekretariat = make_unit("Sekretariat Kecamatan Plaju", UnitKind.SEKRETARIAT, kec)
    camat_pos = make_position(
        kec, "Camat Plaju", jenis="ADMINISTRATOR", eselon="III.a", is_unit_head=True
    )
    lurah_pos = make_position(
        kel,
        "Lurah Plaju Ulu",
        jenis="PENGAWAS",
        eselon="IV.a",
        reports_to=camat_pos,
        is_unit_head=True,
    )
    kasi_pos = make_position(
        seksi, "Kepala Seksi Pemerintahan", jenis="PENGAWAS", eselon="IV.b", reports_to=lurah_pos
    )
    staff_pos = make_position(seksi, "Pengadministrasi Pemerintahan", reports_to=kasi_pos)
    hr_pos = make_position(sekretariat, "Pengelola Layanan Kepegawaian", reports_to=camat_pos)
    other = make_unit("Kecamatan Seberang Ulu II", UnitKind.KECAMATAN, kota, bps_code="1671030")
    other_pos = make_position(other, "Pengadministrasi Umum")
    camat = make_employee(
        camat_pos, "Hendra Wijaya", username="camat", golongan="IV/b", back_title="S.STP., M.Si."
    )
    lurah = make_employee(
        lurah_pos, "Siti Rahmawati", username="lurah", golongan="IV/a", back_title="S.Sos."
    )
    penilai = make_employee(
        kasi_pos, "Agus Setiawan", username="penilai", golongan="III/c", back_title="S.IP."
    )
    pegawai = make_employee(staff_pos, "Dewi Lestari", username="pegawai", golongan="II/c")
    peer = make_employee(staff_pos, "Rudi Hartono", username="peer", pppk=True)
    hr = make_employee(hr_pos, "Nurul Hidayah", username="hr", golongan="III/b")
    outsider = make_employee(other_pos, "Fajar Nugroho", username="outsider")
    other_hr_emp = make_employee(other_pos, "Yuni Safitri", username="other_hr")
    auditor = make_user("auditor")
    superadmin = make_user("superadmin", is_superuser=True, is_staff=True)
    # The city's HR (BKPSDM): Admin Kepegawaian of the root unit, owner of the instance settings.
    city_hr = make_user("city_hr")
    assert hr.user is not None and other_hr_emp.user is not None
    RoleAssignment.objects.create(user=hr.user, role=Role.ADMIN_KEPEGAWAIAN, unit=kec)
    RoleAssignment.objects.create(user=auditor, role=Role.AUDITOR, unit=kec)
    RoleAssignment.objects.create(user=other_hr_emp.user, role=Role.ADMIN_KEPEGAWAIAN, unit=other)
    RoleAssignment.objects.create(user=city_hr, role=Role.ADMIN_KEPEGAWAIAN, unit=kota)
    return Personas(
        kota=kota,
        kecamatan=kec,
        kelurahan=kel,
        seksi=seksi,
        other_kecamatan=other,
        camat=camat,
        lurah=lurah,
        penilai=penilai,
        pegawai=pegawai,
        peer=peer,
        hr=hr,
        outsider=outsider,
        auditor=auditor,
        superadmin=superadmin,
        other_hr=other_hr_emp.user,
        city_hr=city_hr,
    )
