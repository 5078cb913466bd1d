"""Units, positions, employees, users and riwayat jabatan of the synthetic city (or province)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password

from bench.synthetic import places
from bench.synthetic.writer import Writer
from sikap.accounts.models import Role, RoleAssignment, User
from sikap.org.demo import DEGREES_LEAD, DEGREES_STAFF, FEMALE, MALE, SURNAMES
from sikap.org.models import Assignment, Employee, Position, Unit, UnitKind

CITY_HR_USERNAME = "kepegawaian.kota"
PNS_STAFF_GOLONGAN = (
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/a",
    "III/b",
    "III/b",
    "III/c",
    "III/d",
)
PPPK_GOLONGAN = ("V", "VII", "IX", "IX", "X")
MIDDLE = ("", "", "", "Nur", "Dwi", "Tri", "Eka", "Putra", "Putri", "Indra", "Sari", "Adi")


@dataclass(frozen=True)
class Scale:
    """How big each part of the generated data is."""

    name: str
    regions: int  # 1 = Palembang only; more = further kabupaten/kota of the same shape
    kecamatan: int  # how many of Palembang's 18 kecamatan (Plaju and Seberang Ulu II first)
    kelurahan: int  # at most this many kelurahan per kecamatan
    subbagian_staff: int
    kecamatan_seksi_staff: int
    kelurahan_office_staff: int
    kelurahan_seksi_staff: int
    opd: int
    opd_seksi_staff: int
    service_records: int  # over three years, the whole instance
    response_rate: float
    complaints: int
    trainings: int


SCALES = {
    "tiny": Scale("tiny", 1, 2, 3, 2, 3, 1, 3, 1, 3, 8_000, 0.7, 300, 12),
    "city": Scale("city", 1, 18, 11, 15, 20, 13, 19, 8, 45, 1_400_000, 0.7, 100_000, 2_000),
    "province": Scale(
        "province", 10, 18, 11, 15, 20, 13, 19, 8, 45, 14_000_000, 0.7, 1_000_000, 20_000
    ),
}


@dataclass
class OrgBuilder:
    writer: Writer
    scale: Scale
    rng: random.Random
    today: dt.date
    password: str = ""
    units: list[tuple[Any, ...]] = field(default_factory=list)
    positions: list[tuple[Any, ...]] = field(default_factory=list)
    employees: list[tuple[Any, ...]] = field(default_factory=list)
    users: list[tuple[Any, ...]] = field(default_factory=list)
    assignments: list[tuple[Any, ...]] = field(default_factory=list)
    used_nips: set[str] = field(default_factory=set)
    paths: dict[int, tuple[str, int]] = field(default_factory=dict)

    # ------------------------------------------------------------------ rows

    def unit(
        self, name: str, kind: str, parent: int | None, bps: str = "", address: str = ""
    ) -> int:
        pk = self.writer.next_id(Unit)
        parent_path, parent_depth = self.paths[parent] if parent else ("/", -1)
        path, depth = f"{parent_path}{pk}/", parent_depth + 1
        self.paths[pk] = (path, depth)
        self.units.append((pk, name, kind, parent, bps, address, path, depth))
        return pk

    def position(
        self,
        unit: int,
        name: str,
        jenis: str,
        reports_to: int | None,
        *,
        eselon: str = "NON",
        jenjang: str = "",
        head: bool = False,
    ) -> int:
        pk = self.writer.next_id(Position)
        self.positions.append((pk, name, unit, jenis, jenjang, eselon, reports_to, head))
        return pk

    def nip(self, *, pppk: bool, female: bool, senior: bool) -> tuple[str, dt.date]:
        rng = self.rng
        while True:
            year = rng.randint(1967, 1981) if senior else rng.randint(1970, 2000)
            birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            gender = "2" if female else "1"
            if pppk:
                value = (
                    f"{birth:%Y%m%d}{rng.choice((2022, 2023, 2024))}2{rng.randint(1, 2)}{gender}"
                )
            else:
                tmt = min(self.today.year - 1, year + rng.randint(21, 30))
                value = f"{birth:%Y%m%d}{tmt}{rng.randint(1, 12):02d}{gender}"
            value += f"{rng.randint(1, 999):03d}"
            if value not in self.used_nips:
                self.used_nips.add(value)
                return value, birth

    def person(
        self,
        position: int,
        unit: int,
        *,
        senior: bool = False,
        golongan: str | None = None,
        pppk: bool | None = None,
        username: str | None = None,
    ) -> int:
        rng = self.rng
        female = rng.random() < 0.5
        pppk = (not senior and rng.random() < 0.2) if pppk is None else pppk
        nip, birth = self.nip(pppk=pppk, female=female, senior=senior)
        first = rng.choice(FEMALE if female else MALE)
        middle = rng.choice(MIDDLE)
        name = " ".join(part for part in (first, middle, rng.choice(SURNAMES)) if part)
        if golongan is None:
            golongan = rng.choice(PPPK_GOLONGAN if pppk else PNS_STAFF_GOLONGAN)
        user = self.writer.next_id(User)
        email = f"{username or nip}@palembang.example.id"
        draw = rng.random()
        last_login = None
        if username or draw > 0.1:
            days = rng.uniform(35, 90) if draw < 0.2 and not username else rng.uniform(0, 20)
            last_login = self.writer.now - dt.timedelta(days=days)
        self.users.append((user, self.password, last_login, username or nip, email))
        pk = self.writer.next_id(Employee)
        self.employees.append(
            (
                pk,
                user,
                nip,
                name,
                rng.choice(DEGREES_LEAD if senior else DEGREES_STAFF),
                "PPPK" if pppk else "PNS",
                golongan,
                birth,
                "P" if female else "L",
                position,
                unit,
                email,
                f"08{rng.randint(11, 13)}{rng.randint(10_000_000, 99_999_999)}",
            )
        )
        start = dt.date(
            rng.randint(self.today.year - 8, self.today.year - 1), rng.randint(1, 12), 1
        )
        self.assignments.append((self.writer.next_id(Assignment), pk, position, unit, start))
        return pk

    def fill(self, unit: int, unit_name: str, head: int, count: int) -> None:
        """Staff positions under a head, with ``count`` holders spread over them."""
        if count <= 0:
            return
        specs = places.staff_positions(unit_name)
        ids = [
            self.position(unit, name, jenis, head, jenjang=jenjang)
            for name, jenis, jenjang in specs
        ]
        for n in range(count):
            self.person(ids[n % len(ids)] if n < len(ids) else self.rng.choice(ids), unit)

    # ------------------------------------------------------------------ structure

    def kecamatan(
        self,
        root: int,
        sekda: int,
        code: str,
        name: str,
        kelurahan: tuple[str, ...],
        existing: dict[str, Any] | None,
    ) -> None:
        s = self.scale
        if existing is None:
            kec = self.unit(
                f"Kecamatan {name}",
                UnitKind.KECAMATAN,
                root,
                code,
                f"Kantor Camat {name}, Palembang",
            )
            camat = self.position(
                kec, f"Camat {name}", "ADMINISTRATOR", sekda, eselon="III.a", head=True
            )
            self.person(
                camat, kec, senior=True, golongan=self.rng.choice(("IV/a", "IV/b")), pppk=False
            )
        else:
            kec, camat = existing["unit"], existing["camat"]
        known: dict[str, Any] = existing.get("children", {}) if existing else {}
        if "Sekretariat" in known:
            sekcam = known["Sekretariat"]["sekcam"]
            for sub in places.SUBBAGIAN:
                leaf = known["Sekretariat"]["leaves"][sub]
                self.fill(
                    leaf["unit"], sub, leaf["head"], max(0, s.subbagian_staff - leaf["staff"])
                )
        else:
            sekcam = self.position(kec, "Sekretaris Camat", "ADMINISTRATOR", camat, eselon="III.b")
            self.person(sekcam, kec, senior=True, golongan="IV/a", pppk=False)
            sekretariat = self.unit(f"Sekretariat Kecamatan {name}", UnitKind.SEKRETARIAT, kec)
            for sub in places.SUBBAGIAN:
                unit = self.unit(sub, UnitKind.SUBBAGIAN, sekretariat)
                head = self.position(unit, f"Kepala {sub}", "PENGAWAS", sekcam, eselon="IV.b")
                self.person(
                    head,
                    unit,
                    senior=True,
                    golongan=self.rng.choice(("III/c", "III/d")),
                    pppk=False,
                )
                self.fill(unit, sub, head, s.subbagian_staff)
        for seksi in places.KECAMATAN_SEKSI:
            leaf = known.get(seksi)
            if leaf is None:
                unit = self.unit(seksi, UnitKind.SEKSI, kec)
                head = self.position(unit, f"Kepala {seksi}", "PENGAWAS", camat, eselon="IV.a")
                self.person(
                    head,
                    unit,
                    senior=True,
                    golongan=self.rng.choice(("III/c", "III/d")),
                    pppk=False,
                )
                self.fill(unit, seksi, head, s.kecamatan_seksi_staff)
            else:
                self.fill(
                    leaf["unit"],
                    seksi,
                    leaf["head"],
                    max(0, s.kecamatan_seksi_staff - leaf["staff"]),
                )
        for number, kel_name in enumerate(kelurahan, start=1):
            kel_code = f"{code}{number:03d}" if len(code) == 7 else ""
            found = known.get(f"Kelurahan {kel_name}")
            if found is None and number > s.kelurahan:
                continue  # the tiny scale keeps a few new kelurahan, but grows every existing one
            if found is None:
                kel = self.unit(
                    f"Kelurahan {kel_name}",
                    UnitKind.KELURAHAN,
                    kec,
                    kel_code,
                    f"Kantor Lurah {kel_name}, {name}",
                )
                lurah = self.position(
                    kel, f"Lurah {kel_name}", "PENGAWAS", camat, eselon="IV.a", head=True
                )
                self.person(
                    lurah, kel, senior=True, golongan=self.rng.choice(("III/d", "IV/a")), pppk=False
                )
                seklur = self.position(kel, "Sekretaris Lurah", "PENGAWAS", lurah, eselon="IV.b")
                self.person(
                    seklur,
                    kel,
                    senior=True,
                    golongan=self.rng.choice(("III/c", "III/d")),
                    pppk=False,
                )
                self.fill(kel, "Sekretariat Kelurahan Umum", seklur, s.kelurahan_office_staff)
                for seksi in places.KELURAHAN_SEKSI:
                    unit = self.unit(seksi, UnitKind.SEKSI, kel)
                    head = self.position(unit, f"Kepala {seksi}", "PENGAWAS", lurah, eselon="IV.b")
                    self.person(
                        head,
                        unit,
                        senior=True,
                        golongan=self.rng.choice(("III/b", "III/c")),
                        pppk=False,
                    )
                    self.fill(unit, seksi, head, s.kelurahan_seksi_staff)
            else:
                office = found["office"]
                self.fill(
                    found["unit"],
                    "Sekretariat Kelurahan Umum",
                    office["head"],
                    max(0, s.kelurahan_office_staff - office["staff"]),
                )
                for seksi, leaf in found["leaves"].items():
                    self.fill(
                        leaf["unit"],
                        seksi,
                        leaf["head"],
                        max(0, s.kelurahan_seksi_staff - leaf["staff"]),
                    )

    def opd(self, root: int, sekda: int, region: str, count: int, *, hr: bool) -> None:
        s = self.scale
        for index, (name, bidang) in enumerate(places.OPD[:count]):
            unit = self.unit(f"{name} {region}", UnitKind.LAINNYA, root)
            kepala = self.position(unit, f"Kepala {name}", "JPT", sekda, eselon="II.b")
            self.person(kepala, unit, senior=True, golongan="IV/c", pppk=False)
            sekretaris = self.position(
                unit, f"Sekretaris {name}", "ADMINISTRATOR", kepala, eselon="III.a"
            )
            self.person(sekretaris, unit, senior=True, golongan="IV/b", pppk=False)
            if hr and index == 0:
                analyst = self.position(
                    unit,
                    "Analis Sumber Daya Manusia Aparatur",
                    "FUNGSIONAL",
                    sekretaris,
                    jenjang="MU",
                )
                self.person(analyst, unit, golongan="III/c", pppk=False, username=CITY_HR_USERNAME)
            for bidang_name in bidang:
                bid = self.unit(bidang_name, UnitKind.LAINNYA, unit)
                kabid = self.position(
                    bid, f"Kepala {bidang_name}", "ADMINISTRATOR", kepala, eselon="III.b"
                )
                self.person(kabid, bid, senior=True, golongan="IV/a", pppk=False)
                for seksi_number in (1, 2):
                    seksi_name = f"Seksi {bidang_name.removeprefix('Bidang ')} {'I' * seksi_number}"
                    seksi = self.unit(seksi_name, UnitKind.SEKSI, bid)
                    kasi = self.position(
                        seksi, f"Kepala {seksi_name}", "PENGAWAS", kabid, eselon="IV.a"
                    )
                    self.person(kasi, seksi, senior=True, golongan="III/d", pppk=False)
                    self.fill(seksi, seksi_name, kasi, s.opd_seksi_staff)

    def region(self, number: int, code: str, name: str) -> None:
        """A further kabupaten/kota of the province, shaped like Palembang."""
        root = self.unit(f"Pemerintah {name}", UnitKind.PEMKOT, None, code)
        head = self.position(
            root,
            f"{'Bupati' if 'Kabupaten' in name else 'Wali Kota'} {name.split(' ', 1)[1]}",
            "PEJABAT_NEGARA",
            None,
        )
        sekda = self.position(root, f"Sekretaris Daerah {name}", "JPT", head, eselon="II.a")
        self.person(sekda, root, senior=True, golongan="IV/d", pppk=False)
        short = name.split(" ", 1)[1]
        for index, (_code, _name, kelurahan) in enumerate(places.PALEMBANG[: self.scale.kecamatan]):
            kel_names = tuple(f"{short} {k}" for k in kelurahan)
            self.kecamatan(
                root, sekda, f"{code}{index + 1:03d}", f"{short} {index + 1}", kel_names, None
            )
        self.opd(root, sekda, name, self.scale.opd, hr=False)

    # ------------------------------------------------------------------ write

    def write(self) -> None:
        w = self.writer
        w.progress.step("units, positions, employees, users")
        n = w.insert(
            Unit,
            ("id", "name", "kind", "parent_id", "bps_code", "address", "path", "depth"),
            self.units,
            is_active=True,
        )
        n += w.insert(
            Position,
            (
                "id",
                "name",
                "unit_id",
                "jenis",
                "jenjang",
                "eselon",
                "reports_to_id",
                "is_unit_head",
            ),
            self.positions,
            is_active=True,
        )
        n += w.insert(
            User,
            ("id", "password", "last_login", "username", "email"),
            self.users,
            is_superuser=False,
            is_staff=False,
            is_active=True,
            first_name="",
            last_name="",
            date_joined=w.now,
        )
        n += w.insert(
            Employee,
            (
                "id",
                "user_id",
                "nip",
                "name",
                "back_title",
                "jenis_asn",
                "golongan",
                "birth_date",
                "gender",
                "position_id",
                "unit_id",
                "email",
                "phone",
            ),
            self.employees,
            front_title="",
            is_active=True,
        )
        n += w.insert(
            Assignment,
            ("id", "employee_id", "position_id", "unit_id", "start_date"),
            self.assignments,
            kind="DEFINITIF",
            end_date=None,
            decree_number="",
            note="",
        )
        w.progress.done(n)


def _existing_kecamatan(bps: str) -> dict[str, Any] | None:
    """The demo's units of a kecamatan, with head positions and headcounts, to grow rather than copy."""
    kec = Unit.objects.filter(bps_code=bps).first()
    if kec is None:
        return None
    units = {u.pk: u for u in Unit.objects.filter(path__startswith=kec.path)}
    heads: dict[int, int] = {}
    staff: dict[int, int] = {}
    camat = None
    for position in Position.objects.filter(unit__in=list(units), is_active=True).order_by("pk"):
        if position.is_unit_head and position.unit_id == kec.pk:
            camat = position.pk
        if position.name.startswith(("Kepala ", "Sekretaris Lurah", "Sekretaris Camat")):
            key = (
                position.unit_id
                if not position.name.startswith("Sekretaris")
                else -position.unit_id
            )
            heads.setdefault(key, position.pk)
    for unit_id, is_head in Employee.objects.filter(
        unit__in=list(units), is_active=True
    ).values_list("unit_id", "position__is_unit_head"):
        staff[unit_id] = staff.get(unit_id, 0) + (0 if is_head else 1)
    children: dict[str, Any] = {}
    sekcam = heads.get(-kec.pk)
    for unit in units.values():
        if unit.parent_id == kec.pk and unit.kind == UnitKind.SEKSI and unit.pk in heads:
            children[unit.name] = {
                "unit": unit.pk,
                "head": heads[unit.pk],
                "staff": staff.get(unit.pk, 0) - 1,
            }
        elif unit.parent_id == kec.pk and unit.kind == UnitKind.SEKRETARIAT and sekcam:
            leaves = {
                u.name: {"unit": u.pk, "head": heads[u.pk], "staff": staff.get(u.pk, 0) - 1}
                for u in units.values()
                if u.parent_id == unit.pk and u.pk in heads
            }
            if set(leaves) >= set(places.SUBBAGIAN):
                children["Sekretariat"] = {"sekcam": sekcam, "leaves": leaves}
        elif unit.parent_id == kec.pk and unit.kind == UnitKind.KELURAHAN and -unit.pk in heads:
            leaves = {
                u.name: {"unit": u.pk, "head": heads[u.pk], "staff": staff.get(u.pk, 0) - 1}
                for u in units.values()
                if u.parent_id == unit.pk and u.pk in heads
            }
            office_staff = staff.get(unit.pk, 0) - 1  # minus the sekretaris lurah
            children[unit.name] = {
                "unit": unit.pk,
                "leaves": leaves,
                "office": {"head": heads[-unit.pk], "staff": office_staff},
            }
    if camat is None:
        return None
    return {"unit": kec.pk, "camat": camat, "children": children}


def build(writer: Writer, scale: Scale, rng: random.Random, today: dt.date) -> None:
    """Grow the demo into the city (and the province): structure, people, logins and HR roles."""
    root = Unit.objects.get(bps_code="1671", parent__isnull=True)
    sekda = Position.objects.get(unit=root, jenis="JPT")
    builder = OrgBuilder(writer=writer, scale=scale, rng=rng, today=today)
    builder.password = make_password(settings.SIKAP_DEMO_PASSWORD)
    builder.used_nips = set(Employee.objects.exclude(nip="").values_list("nip", flat=True))
    builder.paths = {u.pk: (u.path, u.depth) for u in Unit.objects.all()}
    order = sorted(places.PALEMBANG, key=lambda k: (k[0] not in ("1671031", "1671030"), k[0]))
    for code, name, kelurahan in order[: scale.kecamatan]:
        builder.kecamatan(root.pk, sekda.pk, code, name, kelurahan, _existing_kecamatan(code))
    builder.opd(root.pk, sekda.pk, "Kota Palembang", scale.opd, hr=True)
    for number, (code, name) in enumerate(places.PROVINCE_REGIONS[: scale.regions - 1], start=2):
        builder.region(number, code, name)
    builder.write()
    hr = User.objects.get(username=CITY_HR_USERNAME)
    RoleAssignment.objects.create(user=hr, role=Role.ADMIN_KEPEGAWAIAN, unit=root)
