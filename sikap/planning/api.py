"""JSON API of the SKP: an employee's plan with its RHK, links and indicators."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from sikap.accounts.http import AuthedRequest
from sikap.lib.apitypes import ObjectId, YearQuery
from sikap.planning import access
from sikap.planning.models import Plan

router = Router(tags=["skp"])


class IndicatorOut(Schema):
    id: int
    aspek: str
    indikator: str
    target_nilai: Decimal | None
    target_satuan: str
    target_uraian: str
    target: str


class WorkResultOut(Schema):
    id: int
    kategori: str
    rencana_hasil_kerja: str
    rhk_pimpinan_diintervensi_id: int | None
    rhk_pimpinan_diintervensi: str | None
    sasaran_organisasi: str | None
    penugasan_dari: str
    indikator: list[IndicatorOut]


class PersonOut(Schema):
    nama: str
    nip: str
    pangkat_golongan: str
    jabatan: str
    unit_kerja: str


class PlanOut(Schema):
    id: int
    tahun: int
    mulai: str
    selesai: str
    status: str
    versi: int
    berlaku: bool
    pendekatan: str
    bentuk: str
    pegawai_id: int
    pegawai: PersonOut
    pejabat_penilai: PersonOut
    atasan_pejabat_penilai: PersonOut
    hasil_kerja: list[WorkResultOut]
    ekspektasi_khusus: dict[str, str]


def _person(plan: Plan, prefix: str) -> PersonOut:
    return PersonOut(
        nama=getattr(plan, f"{prefix}_name"),
        nip=getattr(plan, f"{prefix}_nip"),
        pangkat_golongan=getattr(plan, f"{prefix}_golongan"),
        jabatan=getattr(plan, f"{prefix}_position"),
        unit_kerja=getattr(plan, f"{prefix}_unit"),
    )


def plan_out(plan: Plan) -> PlanOut:
    results = plan.work_results.select_related(
        "intervenes", "organisation_target"
    ).prefetch_related("indicators")
    return PlanOut(
        id=plan.pk,
        tahun=plan.appraisal_year.year,
        mulai=plan.start_date.isoformat(),
        selesai=plan.end_date.isoformat(),
        status=plan.status,
        versi=plan.version,
        berlaku=plan.is_current,
        pendekatan=plan.approach,
        bentuk=plan.form_kind,
        pegawai_id=plan.employee_id,
        pegawai=_person(plan, "employee"),
        pejabat_penilai=_person(plan, "penilai"),
        atasan_pejabat_penilai=_person(plan, "atasan"),
        hasil_kerja=[
            WorkResultOut(
                id=r.pk,
                kategori=r.category,
                rencana_hasil_kerja=r.text,
                rhk_pimpinan_diintervensi_id=r.intervenes_id,
                rhk_pimpinan_diintervensi=r.intervenes.text if r.intervenes else None,
                sasaran_organisasi=str(r.organisation_target) if r.organisation_target else None,
                penugasan_dari=r.assigned_by,
                indikator=[
                    IndicatorOut(
                        id=i.pk,
                        aspek=i.aspect,
                        indikator=i.text,
                        target_nilai=i.target_value,
                        target_satuan=i.target_unit,
                        target_uraian=i.target_text,
                        target=i.target_display,
                    )
                    for i in r.indicators.all()
                ],
            )
            for r in results
        ],
        ekspektasi_khusus={e.value: e.expectation for e in plan.expectations.all()},
    )


@router.get(
    "/employees/{employee_id}/skp",
    response=list[PlanOut],
    summary="An employee's SKP for a year (current year by default); 404 if not visible",
)
def employee_plans(
    request: AuthedRequest, employee_id: ObjectId, year: YearQuery = None
) -> list[PlanOut]:
    wanted = year or timezone.localdate().year
    plans = list(
        access.plans_visible_to(request.user)
        .filter(employee_id=employee_id, appraisal_year__year=wanted)
        .select_related("appraisal_year")
        .order_by("start_date", "version")
    )
    if not plans:
        raise Http404
    return [plan_out(p) for p in plans]


@router.get("/skp/{plan_id}", response=PlanOut, summary="One SKP (404 if not visible)")
def plan_detail(request: AuthedRequest, plan_id: ObjectId) -> PlanOut:
    return plan_out(access.get_plan_for_user(request.user, plan_id))
