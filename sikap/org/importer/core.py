"""Validating rows against the rules and the database, and writing a valid plan."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sikap.accounts.models import User
from sikap.lib.formatting import tanggal
from sikap.lib.nip import NipError, NipKind, normalise_nip, parse_nip
from sikap.org import rules, services
from sikap.org.importer.reading import (
    COLUMNS,
    JENIS_JABATAN,
    JENJANG,
    NO,
    PHONE_PATTERN,
    SCIENTIFIC_PATTERN,
    YES,
    Problem,
    Sheet,
    cell_text,
    parse_date,
)
from sikap.org.models import (
    PPPK_KINDS,
    Assignment,
    AssignmentKind,
    Contract,
    Employee,
    JenisAsn,
    JenisJabatan,
    Position,
    Unit,
    path_within,
)


@dataclass
class NewPosition:
    unit: Unit
    name: str
    jenis: str
    jenjang: str
    eselon: str
    rows: list[RowPlan] = field(default_factory=list)
    instance: Position | None = None


@dataclass
class RowPlan:
    row: int
    nip: str
    values: dict[str, Any]
    unit: Unit
    position: Position | None
    new_position: NewPosition | None
    atasan_nip: str
    tmt: dt.date | None
    existing: Employee | None = None
    changed: list[str] = field(default_factory=list)
    transfer: bool = False
    # The perjanjian kerja (start, end) of a PPPK or PPPK Paruh Waktu, when not yet recorded.
    contract: tuple[dt.date, dt.date] | None = None

    @property
    def position_key(self) -> tuple[Any, ...]:
        if self.position is not None:
            return ("p", self.position.pk)
        assert self.new_position is not None
        return ("n", self.new_position.unit.pk, self.new_position.name.lower())


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    positions_created: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "positions_created": self.positions_created,
        }


@dataclass
class Plan:
    rows: list[RowPlan]
    problems: list[Problem]
    new_positions: list[NewPosition]
    total_rows: int

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def counts(self) -> Counts:
        """What applying the plan creates and changes."""
        counts = Counts(positions_created=len(self.new_positions))
        for row in self.rows:
            if row.existing is None:
                counts.created += 1
            elif row.changed or row.transfer or row.contract:
                counts.updated += 1
            else:
                counts.unchanged += 1
        return counts


EMPLOYEE_FIELDS = (
    "name",
    "front_title",
    "back_title",
    "jenis_asn",
    "golongan",
    "birth_date",
    "gender",
    "email",
    "phone",
    "is_active",
)


Bad = Callable[[str, str], None]  # records a problem in a column of the current row


def _chunks(items: list[str], size: int = 900) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Importer:
    """Validates and applies an employee file for an actor limited to some unit subtrees."""

    def __init__(self, *, by: User | None, allowed_paths: list[str] | None, today: dt.date) -> None:
        # ``allowed_paths`` None means every unit (superadmin, or the command without a scope).
        self.by = by
        self.allowed_paths = allowed_paths
        self.today = today

    # -- prefetch --

    def _in_scope(self, unit: Unit) -> bool:
        if self.allowed_paths is None:
            return True
        return path_within(unit.path, self.allowed_paths)

    def _load_units(self) -> None:
        units = list(Unit.objects.filter(is_active=True))
        self.units_by_id = {u.pk: u for u in units}
        self.units_by_bps = {u.bps_code: u for u in units if u.bps_code}
        self.units_by_name: dict[str, list[tuple[list[str], Unit]]] = defaultdict(list)
        for unit in units:
            chain = [
                self.units_by_id[i].name.lower() for i in unit.ancestor_ids if i in self.units_by_id
            ]
            self.units_by_name[unit.name.lower()].append((chain, unit))

    def _find_unit(self, name: str, code: str) -> tuple[Unit | None, str, str]:
        """The unit for a row, or None with the column and the message of the problem."""
        if code:
            unit = self.units_by_bps.get(code)
            if unit is None and code.isascii() and code.isdigit():
                unit = self.units_by_id.get(int(code))
            if unit is None:
                return None, "KODE_UNIT", _("no unit has the code '%(code)s'") % {"code": code}
            if not self._in_scope(unit):
                return (
                    None,
                    "KODE_UNIT",
                    _("unit %(unit)s is outside your authority") % {"unit": unit.name},
                )
            return unit, "", ""
        if not name:
            return None, "UNIT", _("required (the unit's name or KODE_UNIT)")
        parts = [p.strip().lower() for p in re.split(r"[/>]", name) if p.strip()]
        if not parts:  # only separators, such as "/" or ">>"
            return (
                None,
                "UNIT",
                _("unit '%(name)s' not found: write the unit's name") % {"name": name},
            )
        candidates = [
            unit
            for chain, unit in self.units_by_name.get(parts[-1], [])
            if chain[-len(parts) :] == parts
        ]
        if not candidates:
            return None, "UNIT", _("unit '%(name)s' not found") % {"name": name}
        inside = [u for u in candidates if self._in_scope(u)]
        if not inside:
            return None, "UNIT", _("unit '%(name)s' is outside your authority") % {"name": name}
        if len(inside) > 1:
            return (
                None,
                "UNIT",
                _(
                    "the unit name '%(name)s' is used by %(count)s units; write its parent unit "
                    "too (for example 'Kelurahan Plaju Ulu / %(example)s') or use KODE_UNIT"
                )
                % {"name": name, "count": len(inside), "example": inside[0].name},
            )
        return inside[0], "", ""

    def _load(self, nips: set[str]) -> None:
        self._load_units()
        positions = list(Position.objects.filter(is_active=True))
        self.positions_by_id = {p.pk: p for p in positions}
        self.positions_by_key: dict[tuple[int, str], Position] = {}
        for position in sorted(positions, key=lambda p: p.pk):
            self.positions_by_key.setdefault((position.unit_id, position.name.lower()), position)
        # Who holds which position now (for supervisor loops through existing data).
        self.holders: dict[int, list[str]] = defaultdict(list)
        self.position_of_nip: dict[str, int | None] = {}
        for nip, position_id in (
            Employee.objects.filter(is_active=True)
            .exclude(nip="")
            .order_by("name", "pk")
            .values_list("nip", "position_id")
        ):
            self.position_of_nip[nip] = position_id
            if position_id is not None:
                self.holders[position_id].append(nip)
        self.existing: dict[str, Employee] = {}
        for chunk in _chunks(sorted(nips)):
            for employee in Employee.objects.filter(nip__in=chunk).select_related("unit"):
                self.existing[employee.nip] = employee
        self.current_start: dict[int, dt.date] = {}
        ids = [e.pk for e in self.existing.values()]
        for start in range(0, len(ids), 900):
            for employee_id, start_date in Assignment.objects.filter(
                employee_id__in=ids[start : start + 900],
                kind=AssignmentKind.DEFINITIF,
                end_date__isnull=True,
            ).values_list("employee_id", "start_date"):
                previous = self.current_start.get(employee_id)
                if previous is None or start_date > previous:
                    self.current_start[employee_id] = start_date
        self.contracts: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for start in range(0, len(ids), 900):
            for employee_id, first, last in Contract.objects.filter(
                employee_id__in=ids[start : start + 900]
            ).values_list("employee_id", "start_date", "end_date"):
                self.contracts[employee_id].append((first, last))

    # -- one row --

    def _row(self, number: int, raw: dict[str, Any], problems: list[Problem]) -> RowPlan | None:
        """One row checked column group by column group; None when it has a problem."""
        count = len(problems)

        def bad(column: str, message: str) -> None:
            problems.append(Problem(number, column, message))

        values: dict[str, Any] = {}
        jenis_asn, nip = self._identity(raw, values, bad)
        self._names(raw, values, bad)
        self._golongan(raw, values, bad, jenis_asn)
        self._contact(raw, values, bad)
        tmt = self._tmt(raw, values, bad)
        contract = self._contract(raw, bad, jenis_asn)
        jenis_jab, jenjang, eselon = self._position_kind(raw, bad)
        unit, position_name = self._placement(raw, bad)
        atasan = self._atasan(raw, bad, nip)
        existing = self._existing(nip, bad)
        if contract is not None and existing is not None:
            contract = self._new_contract(existing, contract, bad)
        if len(problems) > count or unit is None or jenis_jab is None:
            return None
        plan = self._plan(
            number,
            nip,
            values,
            unit,
            (position_name, jenis_jab, jenjang, eselon),
            atasan,
            tmt,
            existing,
        )
        plan.contract = contract
        if plan.transfer and existing is not None:
            start = tmt or self.today
            current = self.current_start.get(existing.pk)
            if current is not None and start <= current:
                bad(
                    "TMT_JABATAN",
                    _("a transfer must start after %(date)s (the start of the current post)")
                    % {"date": tanggal(current)}
                    if tmt
                    else _("a transfer needs a TMT_JABATAN after %(date)s")
                    % {"date": tanggal(current)},
                )
                return None
        return plan

    def _identity(
        self, raw: dict[str, Any], values: dict[str, Any], bad: Bad
    ) -> tuple[str | None, str]:
        """JENIS_PEGAWAI and NIP (birth date and gender come from the NIP)."""
        jenis_raw = cell_text(raw.get("JENIS_PEGAWAI")).upper()
        jenis_asn = {
            "PNS": JenisAsn.PNS,
            "CPNS": JenisAsn.PNS,
            "PPPK": JenisAsn.PPPK,
            "PPPK PARUH WAKTU": JenisAsn.PPPK_PW,
            "PPPK_PW": JenisAsn.PPPK_PW,
        }.get(jenis_raw)
        if jenis_asn is None:
            bad(
                "JENIS_PEGAWAI",
                _("must be PNS, PPPK or PPPK Paruh Waktu, not '%(value)s'") % {"value": jenis_raw}
                if jenis_raw
                else _("required (PNS or PPPK)"),
            )
        values["jenis_asn"] = jenis_asn

        nip_raw = cell_text(raw.get("NIP"))
        nip = normalise_nip(nip_raw.lstrip("'"))
        if not nip:
            bad("NIP", _("required"))
        elif SCIENTIFIC_PATTERN.match(nip_raw) or isinstance(raw.get("NIP"), float):
            bad(
                "NIP",
                _("the NIP is stored as a number (%(value)s); store the NIP column as text")
                % {"value": nip_raw},
            )
        elif jenis_asn is not None:
            kind = NipKind.PPPK if jenis_asn in PPPK_KINDS else NipKind.PNS
            try:
                parsed = parse_nip(nip, kind, today=self.today)
            except NipError as exc:
                bad("NIP", f"{str(exc)[:1].upper()}{str(exc)[1:]}")
            else:
                values["birth_date"] = parsed.birth_date
                values["gender"] = parsed.gender.value
        return jenis_asn, nip

    def _names(self, raw: dict[str, Any], values: dict[str, Any], bad: Bad) -> None:
        """NAMA, GELAR_DEPAN and GELAR_BELAKANG."""
        name = cell_text(raw.get("NAMA"))
        if not name:
            bad("NAMA", _("required"))
        elif len(name) > 150:
            bad("NAMA", _("at most %(limit)s characters") % {"limit": 150})
        values["name"] = name
        for column, key, limit in (
            ("GELAR_DEPAN", "front_title", 40),
            ("GELAR_BELAKANG", "back_title", 60),
        ):
            text = cell_text(raw.get(column))
            if len(text) > limit:
                bad(column, _("at most %(limit)s characters") % {"limit": limit})
            values[key] = text

    def _golongan(
        self, raw: dict[str, Any], values: dict[str, Any], bad: Bad, jenis_asn: str | None
    ) -> None:
        """GOLONGAN, checked against the kind of employee (PNS or PPPK)."""
        golongan = cell_text(raw.get("GOLONGAN"))
        if jenis_asn is not None:
            try:
                values["golongan"] = rules.normalise_golongan(
                    golongan, pppk=jenis_asn in PPPK_KINDS
                )
            except ValueError as exc:
                bad("GOLONGAN", f"{str(exc)[:1].upper()}{str(exc)[1:]}")

    def _contact(self, raw: dict[str, Any], values: dict[str, Any], bad: Bad) -> None:
        """EMAIL, TELEPON and AKTIF."""
        email = cell_text(raw.get("EMAIL"))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                bad("EMAIL", _("the e-mail address '%(value)s' is not valid") % {"value": email})
        values["email"] = email
        phone = cell_text(raw.get("TELEPON"))
        if phone and not PHONE_PATTERN.match(phone):
            bad(
                "TELEPON",
                _("the phone number '%(value)s' is not valid (only digits, spaces, + and -)")
                % {"value": phone},
            )
        values["phone"] = phone

        active = cell_text(raw.get("AKTIF")).upper()
        if active and active not in YES | NO:
            bad("AKTIF", _("must be Y or N, not '%(value)s'") % {"value": active})
        values["is_active"] = active not in NO

    def _tmt(self, raw: dict[str, Any], values: dict[str, Any], bad: Bad) -> dt.date | None:
        """TMT_JABATAN, after the birth date read from the NIP."""
        if not cell_text(raw.get("TMT_JABATAN")):
            return None
        try:
            tmt = parse_date(raw.get("TMT_JABATAN"))
        except ValueError as exc:
            bad("TMT_JABATAN", str(exc))
            return None
        birth = values.get("birth_date")
        if birth is not None and tmt <= birth:
            bad("TMT_JABATAN", _("the post starts before the birth date"))
        return tmt

    def _contract(
        self, raw: dict[str, Any], bad: Bad, jenis_asn: str | None
    ) -> tuple[dt.date, dt.date] | None:
        """MULAI_ and AKHIR_PERJANJIAN_KERJA: both or neither, only for PPPK (§8.1)."""
        columns = ("MULAI_PERJANJIAN_KERJA", "AKHIR_PERJANJIAN_KERJA")
        filled = [c for c in columns if cell_text(raw.get(c))]
        if not filled:
            return None
        if jenis_asn is not None and jenis_asn not in PPPK_KINDS:
            for column in filled:
                bad(column, _("a perjanjian kerja is only for PPPK and PPPK Paruh Waktu"))
            return None
        dates: list[dt.date] = []
        for column in columns:
            if column not in filled:
                other = columns[1 - columns.index(column)]
                bad(column, _("required when %(other)s is filled in") % {"other": other})
                continue
            try:
                dates.append(parse_date(raw.get(column)))
            except ValueError as exc:
                bad(column, str(exc))
        if len(dates) < 2:
            return None
        start, end = dates
        if end <= start:
            bad(
                "AKHIR_PERJANJIAN_KERJA",
                _("the perjanjian kerja must end after it starts (%(start)s)")
                % {"start": f"{start:%d-%m-%Y}"},
            )
            return None
        return start, end

    def _new_contract(
        self, employee: Employee, contract: tuple[dt.date, dt.date], bad: Bad
    ) -> tuple[dt.date, dt.date] | None:
        """The row's term unless already recorded; a term overlapping another is refused."""
        start, end = contract
        for first, last in self.contracts.get(employee.pk, []):
            if (first, last) == (start, end):
                return None
            if first <= end and last >= start:
                bad(
                    "MULAI_PERJANJIAN_KERJA",
                    _("this perjanjian kerja overlaps the perjanjian kerja %(first)s s.d. %(last)s")
                    % {"first": f"{first:%d-%m-%Y}", "last": f"{last:%d-%m-%Y}"},
                )
                return None
        return contract

    def _position_kind(self, raw: dict[str, Any], bad: Bad) -> tuple[str | None, str, str]:
        """JENIS_JABATAN, JENJANG and ESELON, checked against each other."""
        jenis_jab_raw = cell_text(raw.get("JENIS_JABATAN")).upper()
        jenis_jab = JENIS_JABATAN.get(jenis_jab_raw)
        if jenis_jab is None:
            bad(
                "JENIS_JABATAN",
                _(
                    "jenis jabatan '%(value)s' is unknown (JPT, ADMINISTRATOR, PENGAWAS, "
                    "PELAKSANA or FUNGSIONAL)"
                )
                % {"value": jenis_jab_raw}
                if jenis_jab_raw
                else _("required"),
            )
        jenjang_raw = cell_text(raw.get("JENJANG")).upper()
        jenjang = ""
        if jenjang_raw:
            jenjang = JENJANG.get(jenjang_raw, "")
            if not jenjang:
                bad("JENJANG", _("jenjang '%(value)s' is unknown") % {"value": jenjang_raw})
            elif jenis_jab is not None and jenis_jab != JenisJabatan.FUNGSIONAL:
                bad("JENJANG", _("a jenjang is only for a jabatan fungsional"))
        eselon_raw = cell_text(raw.get("ESELON")).upper().replace(" ", "")
        eselon = "NON"
        if eselon_raw and eselon_raw not in ("NON", "-", "NONESELON"):
            match = {e.upper(): e for e in rules.ESELON}.get(eselon_raw)
            if match is None:
                bad(
                    "ESELON",
                    _("eselon '%(value)s' is unknown (for example III.a, IV.b)")
                    % {"value": eselon_raw},
                )
            elif jenis_jab is not None and match not in rules.eselon_for_jenis(jenis_jab):
                bad(
                    "ESELON",
                    _("eselon %(eselon)s does not match the jenis jabatan %(jenis)s")
                    % {"eselon": match, "jenis": jenis_jab},
                )
            else:
                eselon = match
        return jenis_jab, jenjang, eselon

    def _placement(self, raw: dict[str, Any], bad: Bad) -> tuple[Unit | None, str]:
        """UNIT or KODE_UNIT (within the actor's reach) and JABATAN."""
        unit, column, message = self._find_unit(
            cell_text(raw.get("UNIT")), cell_text(raw.get("KODE_UNIT"))
        )
        if unit is None:
            bad(column, message)
        position_name = re.sub(r"\s+", " ", cell_text(raw.get("JABATAN")))
        if not position_name:
            bad("JABATAN", _("required"))
        elif len(position_name) > 200:
            bad("JABATAN", _("at most %(limit)s characters") % {"limit": 200})
        return unit, position_name

    def _atasan(self, raw: dict[str, Any], bad: Bad, nip: str) -> str:
        """ATASAN_NIP: 18 digits and not the employee themself."""
        atasan_raw = cell_text(raw.get("ATASAN_NIP"))
        atasan = normalise_nip(atasan_raw.lstrip("'"))
        if atasan and (not atasan.isdigit() or len(atasan) != 18):
            bad(
                "ATASAN_NIP",
                _("the supervisor's NIP '%(value)s' must be 18 digits") % {"value": atasan_raw},
            )
        elif atasan and atasan == nip:
            bad("ATASAN_NIP", _("an employee cannot be their own supervisor"))
        return atasan

    def _existing(self, nip: str, bad: Bad) -> Employee | None:
        """The employee already registered with the NIP, who must be within the actor's reach."""
        existing = self.existing.get(nip)
        if existing is not None and existing.unit is not None and not self._in_scope(existing.unit):
            bad(
                "NIP",
                _("the employee with this NIP is registered in %(unit)s, outside your authority")
                % {"unit": existing.unit.name},
            )
        return existing

    def _plan(
        self,
        number: int,
        nip: str,
        values: dict[str, Any],
        unit: Unit,
        kind: tuple[str, str, str, str],
        atasan: str,
        tmt: dt.date | None,
        existing: Employee | None,
    ) -> RowPlan:
        """The plan of a valid row: the position to use or create, and what changes."""
        position_name, jenis_jab, jenjang, eselon = kind
        position_key = (unit.pk, position_name.lower())
        position = self.positions_by_key.get(position_key)
        new_position = None
        if position is None:
            new_position = self.new_positions.get(position_key)
            if new_position is None:
                new_position = NewPosition(unit, position_name, jenis_jab, jenjang, eselon)
                self.new_positions[position_key] = new_position
        plan = RowPlan(
            row=number,
            nip=nip,
            values=values,
            unit=unit,
            position=position,
            new_position=new_position,
            atasan_nip=atasan,
            tmt=tmt,
            existing=existing,
        )
        if new_position is not None:
            new_position.rows.append(plan)
        if existing is not None:
            plan.changed = [f for f in EMPLOYEE_FIELDS if getattr(existing, f) != values[f]]
            plan.transfer = position is None or existing.position_id != position.pk
        return plan

    # -- the whole file --

    def validate(self, sheet: Sheet, *, progress: Callable[[int], None] | None = None) -> Plan:
        """Check every row; nothing is written. The plan lists every problem with its row."""
        problems: list[Problem] = []
        nips = {normalise_nip(cell_text(r.get("NIP")).lstrip("'")) for _, r in sheet.rows}
        nips |= {normalise_nip(cell_text(r.get("ATASAN_NIP")).lstrip("'")) for _, r in sheet.rows}
        nips.discard("")
        self._load(nips)
        self.new_positions: dict[tuple[int, str], NewPosition] = {}
        plans: list[RowPlan] = []
        first_row_of: dict[str, int] = {}
        # Rows with other errors still get their atasan checked: every problem at once.
        failed_atasan: list[tuple[int, str]] = []
        for index, (number, raw) in enumerate(sheet.rows, start=1):
            plan = self._row(number, raw, problems)
            nip = normalise_nip(cell_text(raw.get("NIP")).lstrip("'"))
            if plan is None:
                atasan = normalise_nip(cell_text(raw.get("ATASAN_NIP")).lstrip("'"))
                if atasan.isdigit() and len(atasan) == 18 and atasan != nip:
                    failed_atasan.append((number, atasan))
            if nip:
                if nip in first_row_of:
                    problems.append(
                        Problem(
                            number,
                            "NIP",
                            _("NIP %(nip)s is already in row %(row)s")
                            % {"nip": nip, "row": first_row_of[nip]},
                        )
                    )
                    plan = None
                else:
                    first_row_of[nip] = number
            if plan is not None:
                plans.append(plan)
            if progress is not None and index % 500 == 0:
                progress(index)
        if not sheet.rows:
            problems.append(Problem(2, "", _("the file holds no employee data")))
        by_nip = {p.nip: p for p in plans}
        for plan in plans:
            known = plan.atasan_nip in by_nip or plan.atasan_nip in self.position_of_nip
            if plan.atasan_nip and not known:
                message = _no_supervisor(plan.atasan_nip)
                problems.append(Problem(plan.row, "ATASAN_NIP", message))
        for number, atasan in failed_atasan:
            if atasan not in first_row_of and atasan not in self.position_of_nip:
                message = _no_supervisor(atasan)
                problems.append(Problem(number, "ATASAN_NIP", message))
        problems.extend(self._loops(plans, by_nip))
        if progress is not None:
            progress(len(sheet.rows))
        problems.sort(key=lambda p: (p.row, COLUMNS.index(p.column) if p.column in COLUMNS else 99))
        new_positions = [] if problems else list(self.new_positions.values())
        return Plan(plans, problems, new_positions, total_rows=len(sheet.rows))

    def _loops(self, plans: list[RowPlan], by_nip: dict[str, RowPlan]) -> list[Problem]:
        """Supervisor loops (A → B → A) in the file, alone or together with existing data."""
        # Where everybody sits after the import, and which position each one reports to.
        position_of: dict[str, tuple[Any, ...] | None] = {
            nip: ("p", pid) if pid is not None else None
            for nip, pid in self.position_of_nip.items()
        }
        holders: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        for plan in plans:
            position_of[plan.nip] = plan.position_key
        for holder, held in position_of.items():
            if held is not None:
                holders[held].append(holder)

        def reports_to(key: tuple[Any, ...]) -> tuple[Any, ...] | None:
            if key[0] == "p":
                parent = self.positions_by_id[key[1]].reports_to_id
                return ("p", parent) if parent in self.positions_by_id else None
            new = self.new_positions[(key[1], key[2])]
            for row in new.rows:
                boss = position_of.get(row.atasan_nip) if row.atasan_nip else None
                if boss is not None and boss != key:
                    return boss
            return None

        def supervisor(nip: str) -> str | None:
            plan = by_nip.get(nip)
            if plan is not None and plan.atasan_nip:
                return plan.atasan_nip
            key = position_of.get(nip)
            seen: set[tuple[Any, ...]] = set()
            while key is not None and key not in seen:
                seen.add(key)
                key = reports_to(key)
                if key is None:
                    return None
                others = [h for h in holders.get(key, []) if h != nip]
                if others:
                    return others[0]
            return None

        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        problems: list[Problem] = []
        for plan in plans:
            path: list[str] = []
            current: str | None = plan.nip
            while current is not None and state.get(current) is None:
                state[current] = 1
                path.append(current)
                current = supervisor(current)
            if current is not None and state.get(current) == 1:
                cycle = path[path.index(current) :]
                text = " → ".join([*cycle, cycle[0]])
                for member in cycle:
                    row = by_nip.get(member)
                    if row is not None:
                        problems.append(
                            Problem(
                                row.row,
                                "ATASAN_NIP",
                                _("the supervisor links form a loop: %(loop)s") % {"loop": text},
                            )
                        )
            for visited in path:
                state[visited] = 2
        return problems

    # -- writing --

    def _create_position(self, new: NewPosition, stack: set[int]) -> Position:
        if new.instance is not None:
            return new.instance
        stack.add(id(new))
        reports_to: Position | None = None
        for row in new.rows:
            if not row.atasan_nip:
                continue
            boss_plan = self.by_nip.get(row.atasan_nip)
            if boss_plan is not None:
                if boss_plan.new_position is new:
                    continue
                if boss_plan.new_position is not None:
                    if id(boss_plan.new_position) in stack:
                        continue
                    reports_to = self._create_position(boss_plan.new_position, stack)
                else:
                    reports_to = boss_plan.position
            else:
                pid = self.position_of_nip.get(row.atasan_nip)
                reports_to = self.positions_by_id.get(pid) if pid is not None else None
            if reports_to is not None:
                break
        new.instance = services.create_position(
            by=self.by,
            unit=new.unit,
            name=new.name,
            jenis=new.jenis,
            jenjang=new.jenjang,
            eselon=new.eselon,
            reports_to=reports_to,
        )
        stack.discard(id(new))
        return new.instance

    @transaction.atomic
    def apply(self, plan: Plan) -> Counts:
        """Write a valid plan: new positions, new employees, changes and transfers, with history."""
        if not plan.is_valid:
            raise ValueError("an invalid plan cannot be applied")
        counts = plan.counts
        self.by_nip = {p.nip: p for p in plan.rows}
        for new in plan.new_positions:
            self._create_position(new, set())

        def target(row: RowPlan) -> Position:
            if row.position is not None:
                return row.position
            assert row.new_position is not None and row.new_position.instance is not None
            return row.new_position.instance

        creates = [row for row in plan.rows if row.existing is None]
        employees = []
        for row in creates:
            position = target(row)
            employees.append(
                Employee(
                    nip=row.nip,
                    position=position,
                    unit=position.unit,
                    **{f: row.values[f] for f in EMPLOYEE_FIELDS},
                )
            )
        if employees:
            created = bulk_create_with_history(
                employees, Employee, batch_size=500, default_user=self.by
            )
            if any(e.pk is None for e in created):  # backends that cannot return ids
                ids = dict(
                    Employee.objects.filter(nip__in=[e.nip for e in employees]).values_list(
                        "nip", "pk"
                    )
                )
                for employee in created:
                    employee.pk = ids[employee.nip]
            assignments = [
                Assignment(
                    employee=employee,
                    position=employee.position,
                    unit=employee.unit,
                    start_date=row.tmt or self.today,
                )
                for row, employee in zip(creates, created, strict=True)
            ]
            bulk_create_with_history(assignments, Assignment, batch_size=500, default_user=self.by)

        changed = [row for row in plan.rows if row.existing is not None and row.changed]
        if changed:
            fields: set[str] = set()
            for row in changed:
                assert row.existing is not None
                for name in row.changed:
                    setattr(row.existing, name, row.values[name])
                fields.update(row.changed)
            bulk_update_with_history(
                [row.existing for row in changed if row.existing is not None],
                Employee,
                sorted(fields),
                batch_size=500,
                default_user=self.by,
            )
        for row in plan.rows:
            if row.existing is not None and row.transfer:
                services.transfer_employee(
                    employee=row.existing,
                    position=target(row),
                    start_date=row.tmt or self.today,
                    by=self.by,
                    note="Impor berkas pegawai",
                )
        new_ones = [row.nip for row in creates if row.contract is not None]
        employee_of = (
            {e.nip: e for e in Employee.objects.filter(nip__in=new_ones)} if new_ones else {}
        )
        for row in plan.rows:
            if row.contract is not None:
                services.add_contract(
                    employee=row.existing or employee_of[row.nip],
                    start_date=row.contract[0],
                    end_date=row.contract[1],
                    by=self.by,
                )
        return counts


# --- jobs --------------------------------------------------------------------------------------


def _no_supervisor(nip: str) -> str:
    return _("no supervisor with NIP %(nip)s in the file or in the data") % {"nip": nip}
