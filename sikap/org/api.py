"""JSON API of the organisation: the signed-in user's profile, an employee, a unit's people."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from sikap.accounts.http import AuthedRequest
from sikap.lib.apitypes import DEFAULT_LIMIT, LimitQuery, ObjectId, OffsetQuery
from sikap.org import access
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee
from sikap.org.scope import get_scope

router = Router(tags=["organisasi"])


class PersonOut(Schema):
    id: int
    nip: str
    nama: str
    jabatan: str | None
    unit: str | None


class EmployeeOut(PersonOut):
    jenis_asn: str
    golongan: str
    pangkat_golongan: str
    aktif: bool
    pejabat_penilai: PersonOut | None
    atasan_pejabat_penilai: PersonOut | None


class MeOut(Schema):
    username: str
    peran: list[str]
    pegawai: EmployeeOut | None


def _person(employee: Employee | None) -> PersonOut | None:
    if employee is None:
        return None
    return PersonOut(
        id=employee.pk,
        nip=employee.nip,
        nama=employee.display_name,
        jabatan=str(employee.position) if employee.position_id else None,
        unit=str(employee.unit) if employee.unit_id else None,
    )


def _employee(employee: Employee, chart: OrgChart) -> EmployeeOut:
    chain = chart.chain_of(employee)
    base = _person(employee)
    assert base is not None
    return EmployeeOut(
        **base.dict(),
        jenis_asn=employee.jenis_asn,
        golongan=employee.golongan,
        pangkat_golongan=employee.golongan_display,
        aktif=employee.is_active,
        pejabat_penilai=_person(chain.penilai.employee if chain.penilai else None),
        atasan_pejabat_penilai=_person(chain.atasan.employee if chain.atasan else None),
    )


def _today() -> dt.date:
    return timezone.localdate()


@router.get("/me", response=MeOut, summary="The signed-in user, roles and supervisor chain")
def me(request: AuthedRequest) -> MeOut:
    scope = get_scope(request.user)
    employee = scope.employee
    return MeOut(
        username=request.user.get_username(),
        peran=sorted(role.value for role in scope.roles),
        pegawai=_employee(employee, get_scope(request.user).chart) if employee else None,
    )


@router.get(
    "/employees/{employee_id}", response=EmployeeOut, summary="One employee (404 if not visible)"
)
def employee_detail(request: AuthedRequest, employee_id: ObjectId) -> EmployeeOut:
    employee = access.get_employee_for_user(request.user, employee_id)
    return _employee(employee, get_scope(request.user).chart)


@router.get(
    "/units/{unit_id}/employees",
    response=list[PersonOut],
    summary="Active people of a unit subtree",
)
def unit_employees(
    request: AuthedRequest,
    unit_id: ObjectId,
    limit: LimitQuery = DEFAULT_LIMIT,
    offset: OffsetQuery = 0,
) -> list[PersonOut]:
    """By name, ``limit`` (at most 500) from ``offset``."""
    unit = access.get_unit_for_user(request.user, unit_id)
    people = (
        Employee.objects.in_subtree(unit)
        .filter(is_active=True)
        .select_related("position", "unit")
        .order_by("name", "pk")
    )[offset : offset + limit]
    return [p for p in (_person(e) for e in people) if p is not None]
