"""Demo data of Kecamatan Plaju: its 7 real kelurahan, a plausible structure and ~120 fictitious people.

Everything is generated from a fixed seed, so two runs on two machines give the same office.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from sikap.accounts.models import Role, RoleAssignment, User
from sikap.org import services
from sikap.org.models import (
    AssignmentKind,
    Employee,
    JenisAsn,
    Position,
    Unit,
    UnitKind,
)

KECAMATAN_BPS = "1671031"
KELURAHAN = [
    ("1671031001", "Plaju Darat"),
    ("1671031002", "Talang Putri"),
    ("1671031003", "Komperta"),
    ("1671031004", "Plaju Ilir"),
    ("1671031005", "Talang Bubuk"),
    ("1671031006", "Plaju Ulu"),
    ("1671031007", "Bagus Kuning"),
]
KELURAHAN_ADDRESSES = {
    "Plaju Ulu": "Jl. D.I. Panjaitan No. 39, Palembang",
    "Talang Bubuk": "Jl. Perguruan No. 555 RT 07, Palembang",
}

MALE = [
    "Ahmad",
    "Budi",
    "Rizki",
    "Andi",
    "Hendra",
    "Agus",
    "Fajar",
    "Dedi",
    "Irwan",
    "Yusuf",
    "Rahmat",
    "Taufik",
    "Hadi",
    "Eko",
    "Arif",
    "Dimas",
    "Joko",
    "Firman",
    "Syahrul",
    "Iqbal",
    "Wahyu",
    "Zulkifli",
    "Herman",
    "Ilham",
    "Bayu",
    "Rudi",
    "Sofyan",
    "Nanda",
    "Gilang",
    "Ferry",
]
FEMALE = [
    "Siti",
    "Dewi",
    "Rina",
    "Nurul",
    "Fitri",
    "Yuni",
    "Indah",
    "Ayu",
    "Lestari",
    "Maya",
    "Ratna",
    "Wulan",
    "Nia",
    "Desi",
    "Putri",
    "Sri",
    "Eka",
    "Intan",
    "Dian",
    "Mega",
    "Novita",
    "Rahma",
    "Anisa",
    "Lina",
    "Citra",
    "Yulia",
    "Tuti",
    "Herlina",
    "Vera",
    "Melati",
]
SURNAMES = [
    "Saputra",
    "Pratama",
    "Wijaya",
    "Hidayat",
    "Kurniawan",
    "Setiawan",
    "Lestari",
    "Susanti",
    "Rahmawati",
    "Permata",
    "Nugroho",
    "Santoso",
    "Harahap",
    "Siregar",
    "Hasibuan",
    "Ramadhan",
    "Syahputra",
    "Maulana",
    "Anggraini",
    "Oktaviani",
    "Fauzi",
    "Hakim",
    "Zulkarnain",
    "Safitri",
    "Marlina",
    "Ariani",
    "Gunawan",
    "Firdaus",
    "Yulianti",
    "Kusuma",
]
DEGREES_STAFF = ["", "", "A.Md.", "S.E.", "S.Kom.", "S.Sos.", "S.H.", "S.AP."]
DEGREES_LEAD = [
    "S.Sos., M.Si.",
    "S.STP., M.Si.",
    "S.E., M.M.",
    "S.H., M.H.",
    "S.IP., M.Si.",
    "S.STP.",
]

# (username, description) of the demo logins, in the order the README lists them.
DEMO_LOGINS = [
    ("admin", "Superadmin"),
    ("kepegawaian", "Admin Kepegawaian Kecamatan Plaju"),
    ("auditor", "Auditor (Inspektorat Kota Palembang), read-only"),
    ("camat", "Camat Plaju (Pimpinan Unit)"),
    ("lurah", "Lurah Plaju Ulu (Pimpinan Unit)"),
    ("penilai", "Kepala Seksi Pemerintahan Kelurahan Plaju Ulu (Pejabat Penilai)"),
    ("pegawai", "Pelaksana at Kelurahan Plaju Ulu (Pegawai)"),
    ("pppk", "PPPK at Kecamatan Plaju (Pegawai)"),
    ("kepegawaian.su2", "Admin Kepegawaian of another kecamatan (Seberang Ulu II)"),
]


@dataclass
class Builder:
    rng: random.Random
    today: dt.date
    password_hash: str
    used_nips: set[str] = field(default_factory=set)
    used_names: set[str] = field(default_factory=set)
    sequence: int = 0
    # A separate stream, so that sign-in history does not change the generated people.
    login_rng: random.Random = field(default_factory=lambda: random.Random(7))

    def last_login(self, *, persona: bool) -> dt.datetime | None:
        """Most people signed in recently, some drifted away, a few never started."""
        draw = self.login_rng.random()
        if not persona and draw < 0.08:
            return None
        days = (
            self.login_rng.uniform(35, 90)
            if (not persona and draw < 0.18)
            else self.login_rng.uniform(0, 20)
        )
        return timezone.now() - dt.timedelta(days=days)

    def person_name(self, female: bool) -> str:
        while True:
            first = self.rng.choice(FEMALE if female else MALE)
            name = f"{first} {self.rng.choice(SURNAMES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def nip(self, *, pppk: bool, female: bool, senior: bool) -> str:
        while True:
            year = self.rng.randint(1968, 1980) if senior else self.rng.randint(1975, 1998)
            birth = dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
            tmt_year = min(self.today.year - 1, year + self.rng.randint(22, 30))
            gender = "2" if female else "1"
            if pppk:
                tmt_year = self.rng.choice([2022, 2023, 2024])
                value = f"{birth:%Y%m%d}{tmt_year}2{self.rng.randint(1, 2)}{gender}"
            else:
                value = f"{birth:%Y%m%d}{tmt_year}{self.rng.randint(1, 12):02d}{gender}"
            value += f"{self.rng.randint(1, 12):03d}"
            if value not in self.used_nips:
                self.used_nips.add(value)
                return value

    def employee(
        self,
        position: Position,
        *,
        golongan: str,
        pppk: bool = False,
        senior: bool = False,
        username: str | None = None,
        female: bool | None = None,
    ) -> Employee:
        female = self.rng.random() < 0.5 if female is None else female
        nip = self.nip(pppk=pppk, female=female, senior=senior)
        degrees = DEGREES_LEAD if senior else DEGREES_STAFF
        name = self.person_name(female)
        user = User.objects.create(
            username=username or nip,
            password=self.password_hash,
            email=f"{(username or name).lower().replace(' ', '.')}@plaju.example.id",
            last_login=self.last_login(persona=username is not None),
        )
        self.sequence += 1
        return services.create_employee(
            by=None,
            nip=nip,
            name=name,
            jenis_asn=JenisAsn.PPPK if pppk else JenisAsn.PNS,
            golongan=golongan,
            position=position,
            start_date=dt.date(self.today.year - 2, 1, 2),
            back_title=self.rng.choice(degrees),
            user=user,
            email=user.email,
            phone=f"08{self.rng.randint(11, 13)}{self.rng.randint(10000000, 99999999)}",
        )


def _position(
    unit: Unit,
    name: str,
    jenis: str,
    reports_to: Position | None,
    *,
    eselon: str = "NON",
    jenjang: str = "",
    is_unit_head: bool = False,
) -> Position:
    return services.create_position(
        by=None,
        unit=unit,
        name=name,
        jenis=jenis,
        reports_to=reports_to,
        eselon=eselon,
        jenjang=jenjang,
        is_unit_head=is_unit_head,
    )


def _staff_golongan(rng: random.Random, pppk: bool) -> str:
    if pppk:
        return rng.choice(["V", "VII", "IX"])
    return rng.choice(["II/a", "II/b", "II/c", "II/d", "III/a", "III/a", "III/b", "III/b", "III/c"])


def load(*, today: dt.date) -> bool:
    """Create the demo organisation once; return False when it is already there."""
    if Unit.objects.filter(bps_code=KECAMATAN_BPS).exists():
        return False
    rng = random.Random(2026)
    b = Builder(rng=rng, today=today, password_hash=make_password(settings.SIKAP_DEMO_PASSWORD))

    kota = services.create_unit(
        name="Pemerintah Kota Palembang",
        kind=UnitKind.PEMKOT,
        parent=None,
        by=None,
        bps_code="1671",
    )
    walikota_pos = _position(kota, "Wali Kota Palembang", "PEJABAT_NEGARA", None)
    sekda_pos = _position(
        kota, "Sekretaris Daerah Kota Palembang", "JPT", walikota_pos, eselon="II.a"
    )
    services.create_employee(
        by=None,
        nip="",
        name="Wali Kota Palembang (fiktif)",
        jenis_asn=JenisAsn.NON_ASN,
        golongan="",
        position=walikota_pos,
        start_date=dt.date(today.year - 2, 2, 20),
    )
    b.employee(sekda_pos, golongan="IV/d", senior=True)

    kec = services.create_unit(
        name="Kecamatan Plaju",
        kind=UnitKind.KECAMATAN,
        parent=kota,
        by=None,
        bps_code=KECAMATAN_BPS,
        address="Jl. D.I. Panjaitan, Plaju, Palembang",
    )
    camat_pos = _position(
        kec, "Camat Plaju", "ADMINISTRATOR", sekda_pos, eselon="III.a", is_unit_head=True
    )
    sekcam_pos = _position(kec, "Sekretaris Camat", "ADMINISTRATOR", camat_pos, eselon="III.b")
    b.employee(camat_pos, golongan="IV/b", senior=True, username="camat", female=False)
    b.employee(sekcam_pos, golongan="IV/a", senior=True)

    sekretariat = services.create_unit(
        name="Sekretariat Kecamatan Plaju", kind=UnitKind.SEKRETARIAT, parent=kec, by=None
    )
    subbags = [
        (
            "Subbagian Umum dan Kepegawaian",
            [
                "Pengelola Layanan Kepegawaian",
                "Pengadministrasi Umum",
                "Pengemudi",
                "Arsiparis Terampil",
            ],
        ),
        (
            "Subbagian Perencanaan dan Keuangan",
            ["Bendahara", "Penyusun Program Anggaran dan Pelaporan", "Pengadministrasi Keuangan"],
        ),
    ]
    hr_employee: Employee | None = None
    pppk_done = False
    for unit_name, staff in subbags:
        unit = services.create_unit(
            name=unit_name, kind=UnitKind.SUBBAGIAN, parent=sekretariat, by=None
        )
        head = _position(unit, f"Kepala {unit_name}", "PENGAWAS", sekcam_pos, eselon="IV.b")
        b.employee(head, golongan=rng.choice(["III/c", "III/d"]), senior=True)
        for staff_name in staff:
            fungsional = staff_name.startswith("Arsiparis")
            pos = _position(
                unit,
                staff_name,
                "FUNGSIONAL" if fungsional else "PELAKSANA",
                head,
                jenjang="TR" if fungsional else "",
            )
            is_hr = staff_name == "Pengelola Layanan Kepegawaian"
            pppk = not is_hr and not pppk_done and staff_name == "Pengadministrasi Umum"
            emp = b.employee(
                pos,
                golongan=_staff_golongan(rng, pppk),
                pppk=pppk,
                username="kepegawaian" if is_hr else ("pppk" if pppk else None),
            )
            pppk_done = pppk_done or pppk
            if is_hr:
                hr_employee = emp
    seksi_kec = [
        (
            "Seksi Pemerintahan",
            [
                "Pengolah Data Kependudukan",
                "Analis Kebijakan Ahli Pertama",
                "Pengadministrasi Pemerintahan",
            ],
        ),
        (
            "Seksi Ketenteraman dan Ketertiban Umum",
            ["Pengelola Ketenteraman dan Ketertiban", "Pengadministrasi Umum", "Pengemudi"],
        ),
        (
            "Seksi Pemberdayaan Masyarakat dan Kelurahan",
            [
                "Pengelola Pemberdayaan Masyarakat",
                "Pranata Komputer Ahli Pertama",
                "Pengadministrasi Umum",
            ],
        ),
        (
            "Seksi Kesejahteraan Sosial",
            ["Pengelola Data Kesejahteraan Sosial", "Pengadministrasi Umum", "Penyuluh Sosial"],
        ),
        (
            "Seksi Pelayanan Umum",
            [
                "Pengelola Layanan Administrasi",
                "Petugas Pelayanan Terpadu",
                "Pengadministrasi Umum",
            ],
        ),
    ]
    for unit_name, staff in seksi_kec:
        unit = services.create_unit(name=unit_name, kind=UnitKind.SEKSI, parent=kec, by=None)
        head = _position(unit, f"Kepala {unit_name}", "PENGAWAS", camat_pos, eselon="IV.a")
        b.employee(head, golongan=rng.choice(["III/c", "III/d"]), senior=True)
        for staff_name in staff:
            fungsional = "Ahli" in staff_name
            pos = _position(
                unit,
                staff_name,
                "FUNGSIONAL" if fungsional else "PELAKSANA",
                head,
                jenjang="PT" if fungsional else "",
            )
            pppk = rng.random() < 0.25
            b.employee(pos, golongan=_staff_golongan(rng, pppk), pppk=pppk)

    kelurahan_seksi = [
        ("Seksi Pemerintahan", ["Pengadministrasi Pemerintahan", "Pengolah Data Kependudukan"]),
        ("Seksi Ketenteraman dan Ketertiban Umum", ["Pengelola Ketenteraman dan Ketertiban"]),
        (
            "Seksi Pemberdayaan Masyarakat",
            ["Pengelola Pemberdayaan Masyarakat", "Pengadministrasi Umum"],
        ),
        (
            "Seksi Kesejahteraan Sosial",
            ["Pengelola Data Kesejahteraan Sosial", "Petugas Pelayanan"],
        ),
    ]
    for bps, name in KELURAHAN:
        kel = services.create_unit(
            name=f"Kelurahan {name}",
            kind=UnitKind.KELURAHAN,
            parent=kec,
            by=None,
            bps_code=bps,
            address=KELURAHAN_ADDRESSES.get(name, f"Kelurahan {name}, Plaju, Palembang"),
        )
        demo_kel = name == "Plaju Ulu"
        lurah_pos = _position(
            kel, f"Lurah {name}", "PENGAWAS", camat_pos, eselon="IV.a", is_unit_head=True
        )
        seklur_pos = _position(kel, "Sekretaris Lurah", "PENGAWAS", lurah_pos, eselon="IV.b")
        b.employee(
            lurah_pos,
            golongan=rng.choice(["III/d", "IV/a"]),
            senior=True,
            username="lurah" if demo_kel else None,
        )
        b.employee(seklur_pos, golongan=rng.choice(["III/c", "III/d"]), senior=True)
        for index, (seksi_name, staff) in enumerate(kelurahan_seksi):
            unit = services.create_unit(name=seksi_name, kind=UnitKind.SEKSI, parent=kel, by=None)
            head = _position(unit, f"Kepala {seksi_name}", "PENGAWAS", lurah_pos, eselon="IV.b")
            b.employee(
                head,
                golongan=rng.choice(["III/b", "III/c"]),
                senior=True,
                username="penilai" if demo_kel and index == 0 else None,
            )
            for staff_index, staff_name in enumerate(staff):
                pos = _position(unit, staff_name, "PELAKSANA", head)
                persona = demo_kel and index == 0 and staff_index == 0
                pppk = not persona and rng.random() < 0.25
                b.employee(
                    pos,
                    golongan=_staff_golongan(rng, pppk),
                    pppk=pppk,
                    username="pegawai" if persona else None,
                )
        # One staff member in the sekretariat of the kelurahan, reporting to the sekretaris lurah.
        pos = _position(kel, "Pengadministrasi Umum Kelurahan", "PELAKSANA", seklur_pos)
        b.employee(pos, golongan=_staff_golongan(rng, False))

    # A Plt.: the Sekretaris Camat acts for the Kasi Pelayanan Umum while that post is vacant.
    kasi_pu = Position.objects.get(unit__parent=kec, name="Kepala Seksi Pelayanan Umum")
    holder = kasi_pu.holders.first()
    assert holder is not None
    holder.is_active = False
    holder.save(update_fields=["is_active"])
    services.assign_acting(
        employee=Employee.objects.get(position=sekcam_pos),
        position=kasi_pu,
        kind=AssignmentKind.PLT,
        start_date=dt.date(today.year, 1, 2),
        end_date=dt.date(today.year, 12, 31),
        by=None,
        decree_number="800/123/KEC.PLJ/" + str(today.year),
    )

    # A neighbouring kecamatan, so that its admin can be seen not to see Plaju.
    su2 = services.create_unit(
        name="Kecamatan Seberang Ulu II",
        kind=UnitKind.KECAMATAN,
        parent=kota,
        by=None,
        bps_code="1671030",
    )
    su2_camat = _position(
        su2, "Camat Seberang Ulu II", "ADMINISTRATOR", sekda_pos, eselon="III.a", is_unit_head=True
    )
    b.employee(su2_camat, golongan="IV/a", senior=True)
    su2_staff = _position(su2, "Pengelola Layanan Kepegawaian", "PELAKSANA", su2_camat)
    su2_hr = b.employee(su2_staff, golongan="III/a", username="kepegawaian.su2")
    b.employee(_position(su2, "Pengadministrasi Umum", "PELAKSANA", su2_camat), golongan="II/c")

    assert hr_employee is not None and hr_employee.user is not None and su2_hr.user is not None
    RoleAssignment.objects.create(user=hr_employee.user, role=Role.ADMIN_KEPEGAWAIAN, unit=kec)
    RoleAssignment.objects.create(user=su2_hr.user, role=Role.ADMIN_KEPEGAWAIAN, unit=su2)
    auditor = User.objects.create(
        username="auditor", password=b.password_hash, first_name="Auditor", last_name="Inspektorat"
    )
    RoleAssignment.objects.create(user=auditor, role=Role.AUDITOR, unit=kec)
    User.objects.create(
        username="admin",
        password=b.password_hash,
        is_superuser=True,
        is_staff=True,
        email="admin@plaju.example.id",
    )
    return True
