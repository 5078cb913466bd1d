"""JSON API: the jenisDiklat reference, my JP of a year, and the JP recap for readers."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from sikap.accounts.http import AuthedRequest
from sikap.development import access, rules, selectors
from sikap.lib.apitypes import DEFAULT_LIMIT, LimitQuery, ObjectId, OffsetQuery, YearQuery
from sikap.org.scope import get_scope

router = Router(tags=["development"])


class JenisDiklatOut(Schema):
    id: int
    name: str
    classical: bool


class JpOut(Schema):
    employee_id: ObjectId
    nip: str
    name: str
    year: int
    jp: int
    target: int | None
    below_target: bool


class GapOut(Schema):
    competency: str
    kind: str
    required: int
    current: int | None
    gap: int


class MineOut(JpOut):
    gaps: list[GapOut]


@router.get("/jenis-diklat", response=list[JenisDiklatOut])
def jenis_diklat(request: HttpRequest) -> list[JenisDiklatOut]:
    """The SIASN jenisDiklat reference (ids 1–25) with the klasikal/nonklasikal split."""
    return [
        JenisDiklatOut(id=k, name=v, classical=rules.is_classical(k))
        for k, v in rules.JENIS_DIKLAT.items()
    ]


def _jp_out(row: selectors.JpRow, year: int) -> dict[str, object]:
    return {
        "employee_id": row.employee.pk,
        "nip": row.employee.nip,
        "name": row.employee.display_name,
        "year": year,
        "jp": row.jp,
        "target": row.target,
        "below_target": row.below,
    }


@router.get("/me", response=MineOut)
def me(request: AuthedRequest, year: YearQuery = None) -> dict[str, object]:
    """My JP of the year against the target, and my competency gaps."""
    scope = get_scope(request.user)
    if scope.employee is None:
        raise Http404
    year = year or timezone.localdate().year
    row = selectors.jp_rows([scope.employee], year)[0]
    gaps = [
        {
            "competency": g.competency,
            "kind": g.kind,
            "required": g.required,
            "current": g.current,
            "gap": g.gap,
        }
        for g in selectors.gap_rows(scope.employee)
    ]
    return {**_jp_out(row, year), "gaps": gaps}


@router.get("/recap", response=list[JpOut])
def recap(
    request: AuthedRequest,
    year: YearQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    offset: OffsetQuery = 0,
) -> list[dict[str, object]]:
    """JP per employee in the units the user reads (unit heads, HR, auditors), by unit and
    name, ``limit`` (at most 500) from ``offset``."""
    scope = access.require_reader(request.user)
    year = year or timezone.localdate().year
    employees = list(
        access.employees_read(scope)
        .exclude(jenis_asn="NON_ASN")
        .order_by("unit__path", "name", "pk")[offset : offset + limit]
    )
    return [_jp_out(r, year) for r in selectors.jp_rows(employees, year)]
