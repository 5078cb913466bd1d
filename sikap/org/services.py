"""Every change to units, positions and employees; each writes its audit record through history."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Final, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.lib.audit import stamp
from sikap.lib.nip import NipError, NipKind, parse_nip
from sikap.org import rules
from sikap.org.models import (
    PPPK_KINDS,
    Assignment,
    AssignmentKind,
    Contract,
    Employee,
    JenisAsn,
    Position,
    SupervisorOverride,
    Unit,
)


class _Unchanged(enum.Enum):
    """The type of ``UNCHANGED``: an update argument left out keeps the stored value."""

    UNCHANGED = enum.auto()


UNCHANGED: Final = _Unchanged.UNCHANGED
Unchanged = Literal[_Unchanged.UNCHANGED]


@transaction.atomic
def create_unit(
    *,
    name: str,
    kind: str,
    parent: Unit | None,
    by: User | None,
    bps_code: str = "",
    address: str = "",
) -> Unit:
    """Create a unit under a parent and give it its path."""
    unit = Unit(name=name, kind=kind, parent=parent, bps_code=bps_code, address=address)
    stamp(unit, by)
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    # The path is derived data: set it without a second history record.
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    return unit


@transaction.atomic
def update_unit(
    *,
    unit: Unit,
    by: User | None,
    name: str | Unchanged = UNCHANGED,
    kind: str | Unchanged = UNCHANGED,
    parent: Unit | Unchanged | None = UNCHANGED,
    bps_code: str | Unchanged = UNCHANGED,
    address: str | Unchanged = UNCHANGED,
    is_active: bool | Unchanged = UNCHANGED,
) -> Unit:
    """Change a unit; moving it under another parent moves its whole subtree."""
    new_parent = unit.parent if parent is UNCHANGED else parent
    if name is not UNCHANGED:
        unit.name = name
    if kind is not UNCHANGED:
        unit.kind = kind
    if bps_code is not UNCHANGED:
        unit.bps_code = bps_code
    if address is not UNCHANGED:
        unit.address = address
    if is_active is not UNCHANGED:
        unit.is_active = is_active
    if new_parent != unit.parent:
        if new_parent is not None and new_parent.path.startswith(unit.path):
            raise ValidationError(
                _("A unit cannot be moved under one of its own sub-units."), code="cycle"
            )
        old_path = unit.path
        new_path = f"{new_parent.path if new_parent else '/'}{unit.pk}/"
        depth_delta = (new_parent.depth + 1 if new_parent else 0) - unit.depth
        Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
            depth=F("depth") + depth_delta,
        )
        unit.parent = new_parent
        unit.path = new_path
        unit.depth += depth_delta
    stamp(unit, by)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def create_position(
    *,
    by: User | None,
    unit: Unit,
    name: str,
    jenis: str,
    jenjang: str = "",
    eselon: str = "NON",
    reports_to: Position | None = None,
    is_unit_head: bool = False,
    is_active: bool = True,
) -> Position:
    """Create a jabatan."""
    position = Position(
        unit=unit,
        name=name,
        jenis=jenis,
        jenjang=jenjang,
        eselon=eselon,
        reports_to=reports_to,
        is_unit_head=is_unit_head,
        is_active=is_active,
    )
    position.full_clean()
    stamp(position, by)
    position.save()
    return position


def validate_identity(
    *, nip: str, jenis_asn: str, golongan: str, today: dt.date | None = None
) -> tuple[str, dict[str, Any]]:
    """Check NIP and golongan for the jenis ASN; return the golongan code and derived fields."""
    errors: dict[str, ValidationError] = {}
    derived: dict[str, Any] = {}
    code = ""
    if jenis_asn == JenisAsn.NON_ASN:
        return golongan, derived
    kind = NipKind.PPPK if jenis_asn in PPPK_KINDS else NipKind.PNS
    try:
        parsed = parse_nip(nip, kind, today=today)
        derived = {
            "nip": parsed.nip,
            "birth_date": parsed.birth_date,
            "gender": parsed.gender.value,
        }
    except NipError as exc:
        errors["nip"] = ValidationError(
            _("Invalid NIP: %(problem)s."), code="invalid_nip", params={"problem": exc}
        )
    try:
        code = rules.normalise_golongan(golongan, pppk=kind is NipKind.PPPK)
    except ValueError as exc:
        errors["golongan"] = ValidationError(
            _("Invalid golongan: %(problem)s."), code="invalid_golongan", params={"problem": exc}
        )
    if errors:
        raise ValidationError(errors)
    return code, derived


@transaction.atomic
def create_employee(
    *,
    by: User | None,
    nip: str,
    name: str,
    jenis_asn: str,
    golongan: str,
    position: Position | None,
    start_date: dt.date,
    user: User | None = None,
    front_title: str = "",
    back_title: str = "",
    email: str = "",
    phone: str = "",
    is_active: bool = True,
) -> Employee:
    """Register an employee in a position and open their riwayat jabatan."""
    code, derived = validate_identity(nip=nip, jenis_asn=jenis_asn, golongan=golongan)
    if derived and Employee.objects.filter(nip=derived["nip"]).exists():
        raise ValidationError(
            {
                "nip": ValidationError(
                    _("NIP %(nip)s is already registered."),
                    code="nip_exists",
                    params={"nip": derived["nip"]},
                )
            }
        )
    employee = Employee(
        nip=derived.get("nip", ""),
        name=name,
        jenis_asn=jenis_asn,
        golongan=code,
        birth_date=derived.get("birth_date"),
        gender=derived.get("gender", ""),
        position=position,
        unit=position.unit if position else None,
        user=user,
        front_title=front_title,
        back_title=back_title,
        email=email,
        phone=phone,
        is_active=is_active,
    )
    stamp(employee, by)
    employee.save()
    if position is not None:
        assignment = Assignment(
            employee=employee, position=position, unit=position.unit, start_date=start_date
        )
        stamp(assignment, by)
        assignment.save()
    return employee


@transaction.atomic
def update_employee(
    *,
    employee: Employee,
    by: User | None,
    user: User | Unchanged | None = UNCHANGED,
    nip: str | Unchanged = UNCHANGED,
    name: str | Unchanged = UNCHANGED,
    front_title: str | Unchanged = UNCHANGED,
    back_title: str | Unchanged = UNCHANGED,
    jenis_asn: str | Unchanged = UNCHANGED,
    golongan: str | Unchanged = UNCHANGED,
    email: str | Unchanged = UNCHANGED,
    phone: str | Unchanged = UNCHANGED,
    is_active: bool | Unchanged = UNCHANGED,
) -> Employee:
    """Change an employee's personal data (not the position: that is a transfer)."""
    jenis = employee.jenis_asn if jenis_asn is UNCHANGED else jenis_asn
    code, derived = validate_identity(
        nip=employee.nip if nip is UNCHANGED else nip,
        jenis_asn=jenis,
        golongan=employee.golongan if golongan is UNCHANGED else golongan,
    )
    if derived and Employee.objects.filter(nip=derived["nip"]).exclude(pk=employee.pk).exists():
        raise ValidationError(
            {
                "nip": ValidationError(
                    _("NIP %(nip)s is already registered."),
                    code="nip_exists",
                    params={"nip": derived["nip"]},
                )
            }
        )
    changes: dict[str, Any] = {
        "user": user,
        "nip": nip,
        "name": name,
        "front_title": front_title,
        "back_title": back_title,
        "jenis_asn": jenis_asn,
        "email": email,
        "phone": phone,
        "is_active": is_active,
    }
    changes = {field: value for field, value in changes.items() if value is not UNCHANGED}
    changes.update(derived)
    changes["golongan"] = code
    for field, value in changes.items():
        setattr(employee, field, value)
    stamp(employee, by)
    employee.save()
    return employee


@transaction.atomic
def transfer_employee(
    *,
    employee: Employee,
    position: Position,
    start_date: dt.date,
    by: User | None,
    decree_number: str = "",
    note: str = "",
) -> Assignment:
    """Mutasi/promosi: close the current post the day before and open the new one."""
    if employee.position_id == position.pk:
        raise ValidationError(
            {
                "position": ValidationError(
                    _("The employee already holds this position."), code="same_position"
                )
            }
        )
    current = (
        employee.assignments.filter(kind=AssignmentKind.DEFINITIF, end_date__isnull=True)
        .order_by("-start_date")
        .first()
    )
    if current is not None:
        if start_date <= current.start_date:
            raise ValidationError(
                {
                    "start_date": ValidationError(
                        _("The start date must be after the start of the previous position."),
                        code="start_before_previous",
                    )
                }
            )
        current.end_date = start_date - dt.timedelta(days=1)
        stamp(current, by)
        current.save(update_fields=["end_date"])
    assignment = Assignment(
        employee=employee,
        position=position,
        unit=position.unit,
        start_date=start_date,
        decree_number=decree_number,
        note=note,
    )
    stamp(assignment, by)
    assignment.save()
    employee.position = position
    employee.unit = position.unit
    stamp(employee, by)
    employee.save(update_fields=["position", "unit"])
    return assignment


@transaction.atomic
def assign_acting(
    *,
    employee: Employee,
    position: Position,
    kind: str,
    start_date: dt.date,
    end_date: dt.date,
    by: User | None,
    decree_number: str = "",
) -> Assignment:
    """Record a Plt. or Plh. assignment to a position for a date range."""
    if kind not in (AssignmentKind.PLT, AssignmentKind.PLH):
        raise ValidationError(
            {
                "kind": ValidationError(
                    _("The kind of assignment must be Plt. or Plh."), code="invalid_kind"
                )
            }
        )
    if end_date < start_date:
        raise ValidationError(
            {
                "end_date": ValidationError(
                    _("The end date must be after the start date."), code="end_before_start"
                )
            }
        )
    assignment = Assignment(
        employee=employee,
        position=position,
        unit=position.unit,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        decree_number=decree_number,
    )
    stamp(assignment, by)
    assignment.save()
    return assignment


@transaction.atomic
def set_supervisor_override(
    *,
    employee: Employee,
    penilai: Employee,
    start_date: dt.date,
    end_date: dt.date,
    reason: str,
    by: User | None,
    atasan: Employee | None = None,
) -> SupervisorOverride:
    """Name a pejabat penilai (and atasan) for an employee over a period, replacing the default."""
    if penilai.pk == employee.pk:
        raise ValidationError(
            {
                "penilai": ValidationError(
                    _("An employee cannot be their own penilai."), code="self_penilai"
                )
            }
        )
    if end_date < start_date:
        raise ValidationError(
            {
                "end_date": ValidationError(
                    _("The end date must be after the start date."), code="end_before_start"
                )
            }
        )
    overlapping = employee.supervisor_overrides.filter(
        start_date__lte=end_date, end_date__gte=start_date
    )
    if overlapping.exists():
        raise ValidationError(
            {
                "start_date": ValidationError(
                    _("This period overlaps another designation."), code="overlap"
                )
            }
        )
    override = SupervisorOverride(
        employee=employee,
        penilai=penilai,
        atasan=atasan,
        start_date=start_date,
        end_date=end_date,
        reason=reason,
    )
    stamp(override, by)
    override.save()
    return override


@transaction.atomic
def add_contract(
    *, employee: Employee, start_date: dt.date, end_date: dt.date, by: User | None, number: str = ""
) -> Contract:
    """Record a perjanjian kerja of a PPPK or PPPK Paruh Waktu; terms may not overlap."""
    if employee.jenis_asn not in PPPK_KINDS:
        raise ValidationError(
            _("Only a PPPK or PPPK Paruh Waktu has a perjanjian kerja."), code="not_pppk"
        )
    if end_date <= start_date:
        raise ValidationError(
            {
                "end_date": ValidationError(
                    _("The contract end must be after its start."), code="end_before_start"
                )
            }
        )
    overlap = Contract.objects.filter(
        employee=employee, start_date__lte=end_date, end_date__gte=start_date
    ).exists()
    if overlap:
        raise ValidationError(
            {
                "start_date": ValidationError(
                    _("This term overlaps another perjanjian kerja of the employee."),
                    code="overlap",
                )
            }
        )
    contract = Contract(employee=employee, start_date=start_date, end_date=end_date, number=number)
    stamp(contract, by)
    contract.full_clean()
    contract.save()
    return contract
