"""Every change of state of an SKP; each function is atomic, keyword-only and names its actor."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from sikap.accounts.models import User
from sikap.evaluation.models import AppraisalYear, Period
from sikap.lib.uploads import check_upload
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee
from sikap.planning import rules
from sikap.planning.models import (
    BehaviourExpectation,
    Category,
    CoachingFeedback,
    CoachingSession,
    CompetencyEvaluation,
    Evidence,
    Feedback,
    Indicator,
    Notification,
    OrganisationTarget,
    PerformanceDialogue,
    Plan,
    PlanAnnex,
    PlanStatus,
    Realisation,
    WorkResult,
)

LOCKED = "SKP ini terkunci (sudah diajukan atau disetujui) dan tidak dapat diubah."


def _stamp(instance: Any, by: User | None) -> Any:
    # django-simple-history reads the acting user from this attribute when saving.
    instance._history_user = by
    return instance


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _require_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise ValidationError(LOCKED)


def _person(employee: Employee | None) -> dict[str, str]:
    if employee is None:
        return {"name": "", "nip": "", "golongan": "", "position": "", "unit": ""}
    return {
        "name": employee.display_name,
        "nip": employee.nip_display if employee.nip else "",
        "golongan": employee.golongan_display,
        "position": str(employee.position) if employee.position_id else "",
        "unit": str(employee.unit) if employee.unit_id else "",
    }


def _set_header(plan: Plan, chart: OrgChart) -> None:
    """Copy the people of the header as they are today (kept even when they move later)."""
    employee = chart.employees.get(plan.employee_id, plan.employee)
    chain = chart.chain_of(employee)
    penilai = chain.penilai.employee if chain.penilai else None
    atasan = chain.atasan.employee if chain.atasan else None
    for prefix, person in (("employee", employee), ("penilai", penilai), ("atasan", atasan)):
        for key, value in _person(person).items():
            setattr(plan, f"{prefix}_{key}", value)
    if chain.penilai is not None and chain.penilai.acting:
        plan.penilai_name = chain.penilai.label
    plan.penilai = penilai
    plan.atasan = atasan
    unit = employee.unit
    names = [u.name for u in _ancestors(unit)] if unit is not None else []
    # Line 1 of the form: the instansi and, below it, the unit (e.g. KECAMATAN PLAJU).
    plan.instansi = "\n".join(n.upper() for n in names[:2])


def _ancestors(unit: Any) -> list[Any]:
    from sikap.org.models import Unit

    ids = unit.ancestor_ids
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def notify(
    *, user: User | None, title: str, body: str = "", url: str = "", email: bool = True
) -> None:
    """An in-app notification, and an e-mail when the user has an address."""
    if user is None:
        return
    Notification.objects.create(recipient=user, title=title, body=body, url=url)
    address = user.email or getattr(getattr(user, "employee", None), "email", "")
    if email and address:
        link = f"{settings.SITE_URL.rstrip('/')}{url}" if url.startswith("/") else url
        send_mail(
            f"[SIKAP] {title}", f"{body}\n\n{link}".strip(), settings.DEFAULT_FROM_EMAIL, [address]
        )


def _plan_url(plan: Plan) -> str:
    return reverse("planning:plan", args=[plan.pk])


# --- Organisation targets ---------------------------------------------------------------------


@transaction.atomic
def add_organisation_target(
    *, unit: Any, appraisal_year: AppraisalYear, sasaran: str, indikator: str, target: str = "",
    by: User | None,
) -> OrganisationTarget:  # fmt: skip
    """Add a sasaran/indikator kinerja organisasi to a unit's list for a year."""
    if not sasaran.strip() or not indikator.strip():
        raise ValidationError("Sasaran dan indikator kinerja organisasi wajib diisi.")
    order = (
        OrganisationTarget.objects.filter(unit=unit, appraisal_year=appraisal_year).aggregate(
            m=Max("order")
        )["m"]
        or 0
    ) + 1
    target_obj = OrganisationTarget(
        unit=unit, appraisal_year=appraisal_year, sasaran=sasaran.strip(),
        indikator=indikator.strip(), target=target.strip(), order=order,
    )  # fmt: skip
    _stamp(target_obj, by).save()
    return target_obj


@transaction.atomic
def remove_organisation_target(*, target: OrganisationTarget, by: User | None) -> None:
    """Remove a target nobody's RHK links to."""
    if target.work_results.exists():
        raise ValidationError("Sasaran ini masih dirujuk oleh Rencana Hasil Kerja.")
    _stamp(target, by).delete()


# --- Plans -------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *, employee: Employee, appraisal_year: AppraisalYear, by: User | None,
    start_date: dt.date | None = None, end_date: dt.date | None = None,
    approach: str = "kuantitatif", form_kind: str = "JA_JF", today: dt.date | None = None,
) -> Plan:  # fmt: skip
    """A new draft SKP with the header as it is today; a later start ends the earlier SKP."""
    year = appraisal_year.year
    start = start_date or dt.date(year, 1, 1)
    end = end_date or dt.date(year, 12, 31)
    if start.year != year or end.year != year or end < start:
        raise ValidationError({"start_date": f"Tanggal SKP harus di dalam tahun {year}."})
    earlier = list(Plan.objects.current().filter(employee=employee, appraisal_year=appraisal_year))
    for other in earlier:
        if other.start_date >= start:
            raise ValidationError(
                {
                    "start_date": "Sudah ada SKP untuk tahun ini yang dimulai pada/sesudah tanggal ini."
                }
            )
    for other in earlier:
        if other.end_date >= start:
            # A mid-year change of position: the earlier SKP ends the day before the new one.
            other.end_date = start - dt.timedelta(days=1)
            _stamp(other, by).save(update_fields=["end_date"])
    plan = Plan(
        employee=employee, appraisal_year=appraisal_year, start_date=start, end_date=end,
        approach=approach, form_kind=form_kind,
    )  # fmt: skip
    _set_header(plan, OrgChart(_today(today)))
    _stamp(plan, by).save()
    BehaviourExpectation.objects.bulk_create(
        [BehaviourExpectation(plan=plan, value=key) for key in rules.BEHAVIOUR_KEYS]
    )
    PlanAnnex.objects.create(plan=plan)
    return plan


@transaction.atomic
def update_plan(*, plan: Plan, by: User | None, approach: str, form_kind: str) -> Plan:
    """Change the approach or the form of a draft."""
    _require_editable(plan)
    plan.approach = approach
    plan.form_kind = form_kind
    _stamp(plan, by).save()
    return plan


def _check_link(
    *, plan: Plan, category: str, intervenes: WorkResult | None,
    organisation_target: OrganisationTarget | None, today: dt.date,
) -> None:  # fmt: skip
    if category == Category.UTAMA and intervenes is None and organisation_target is None:
        raise ValidationError(
            {
                "intervenes": "RHK utama harus dikaitkan dengan RHK pejabat penilai yang diintervensi."
            }
        )
    chart = OrgChart(today)
    employee = chart.employees.get(plan.employee_id, plan.employee)
    if intervenes is not None:
        penilai = chart.penilai_of(employee)
        leader_plan = intervenes.plan
        if penilai is None or leader_plan.employee_id != penilai.employee.pk:
            raise ValidationError(
                {
                    "intervenes": "RHK hanya dapat dikaitkan dengan RHK pejabat penilai Anda saat ini."
                }
            )
        if leader_plan.appraisal_year_id != plan.appraisal_year_id or not leader_plan.is_current:
            raise ValidationError(
                {"intervenes": "RHK pimpinan itu bukan bagian dari SKP yang berlaku tahun ini."}
            )
    if organisation_target is not None:
        headed = set(chart.headed_units(employee))
        if organisation_target.unit_id not in headed:
            raise ValidationError(
                {
                    "organisation_target": "Hanya pimpinan unit yang dapat mengaitkan RHK dengan sasaran organisasi unitnya."
                }
            )
        if organisation_target.appraisal_year_id != plan.appraisal_year_id:
            raise ValidationError(
                {"organisation_target": "Sasaran organisasi itu bukan untuk tahun SKP ini."}
            )


@transaction.atomic
def add_work_result(
    *, plan: Plan, by: User | None, text: str, category: str = Category.UTAMA,
    intervenes: WorkResult | None = None, organisation_target: OrganisationTarget | None = None,
    assigned_by: str = "", cascade_kind: str = "", perspektif: str = "",
    today: dt.date | None = None,
) -> WorkResult:  # fmt: skip
    """Add an RHK to a draft; an UTAMA one must link to the current penilai's RHK."""
    _require_editable(plan)
    if not text.strip():
        raise ValidationError({"text": "Rencana Hasil Kerja wajib diisi."})
    _check_link(
        plan=plan, category=category, intervenes=intervenes,
        organisation_target=organisation_target, today=_today(today),
    )  # fmt: skip
    order = (plan.work_results.aggregate(m=Max("order"))["m"] or 0) + 1
    result = WorkResult(
        plan=plan, category=category, text=text.strip(), intervenes=intervenes,
        organisation_target=organisation_target, assigned_by=assigned_by.strip(),
        cascade_kind=cascade_kind, perspektif=perspektif, order=order,
    )  # fmt: skip
    _stamp(result, by).save()
    return result


@transaction.atomic
def update_work_result(
    *, work_result: WorkResult, by: User | None, text: str, category: str,
    intervenes: WorkResult | None = None, organisation_target: OrganisationTarget | None = None,
    assigned_by: str = "", cascade_kind: str = "", perspektif: str = "",
    today: dt.date | None = None,
) -> WorkResult:  # fmt: skip
    """Change an RHK of a draft (the same link rule applies)."""
    plan = work_result.plan
    _require_editable(plan)
    if not text.strip():
        raise ValidationError({"text": "Rencana Hasil Kerja wajib diisi."})
    if (
        intervenes != work_result.intervenes
        or organisation_target != work_result.organisation_target
        or category != work_result.category
    ):
        _check_link(
            plan=plan, category=category, intervenes=intervenes,
            organisation_target=organisation_target, today=_today(today),
        )  # fmt: skip
    work_result.text = text.strip()
    work_result.category = category
    work_result.intervenes = intervenes
    work_result.organisation_target = organisation_target
    work_result.assigned_by = assigned_by.strip()
    work_result.cascade_kind = cascade_kind
    work_result.perspektif = perspektif
    _stamp(work_result, by).save()
    return work_result


@transaction.atomic
def remove_work_result(*, work_result: WorkResult, by: User | None) -> None:
    """Remove an RHK of a draft, unless staff RHK still intervene it."""
    _require_editable(work_result.plan)
    if work_result.supporters.exists():
        raise ValidationError(
            "RHK ini masih diintervensi oleh RHK bawahan; lepaskan dulu kaitannya."
        )
    _stamp(work_result, by).delete()


def _check_target(approach: str, target_value: Decimal | None, target_text: str) -> None:
    if target_value is None and not target_text.strip():
        raise ValidationError(
            {"target_value": "Target wajib diisi (angka dan satuan, atau uraian)."}
        )
    if target_value is not None and target_value < 0:
        raise ValidationError({"target_value": "Target tidak boleh negatif."})


@transaction.atomic
def add_indicator(
    *, work_result: WorkResult, by: User | None, aspect: str, text: str,
    target_value: Decimal | None = None, target_unit: str = "", target_text: str = "",
) -> Indicator:  # fmt: skip
    """Add an Indikator Kinerja Individu with its target to an RHK of a draft."""
    _require_editable(work_result.plan)
    if not text.strip():
        raise ValidationError({"text": "Indikator Kinerja Individu wajib diisi."})
    _check_target(work_result.plan.approach, target_value, target_text)
    order = (work_result.indicators.aggregate(m=Max("order"))["m"] or 0) + 1
    indicator = Indicator(
        work_result=work_result, aspect=aspect, text=text.strip(), target_value=target_value,
        target_unit=target_unit.strip(), target_text=target_text.strip(), order=order,
    )  # fmt: skip
    _stamp(indicator, by).save()
    return indicator


@transaction.atomic
def update_indicator(
    *, indicator: Indicator, by: User | None, aspect: str, text: str,
    target_value: Decimal | None = None, target_unit: str = "", target_text: str = "",
) -> Indicator:  # fmt: skip
    """Change an indicator of a draft."""
    _require_editable(indicator.work_result.plan)
    if not text.strip():
        raise ValidationError({"text": "Indikator Kinerja Individu wajib diisi."})
    _check_target(indicator.work_result.plan.approach, target_value, target_text)
    indicator.aspect = aspect
    indicator.text = text.strip()
    indicator.target_value = target_value
    indicator.target_unit = target_unit.strip()
    indicator.target_text = target_text.strip()
    _stamp(indicator, by).save()
    return indicator


@transaction.atomic
def remove_indicator(*, indicator: Indicator, by: User | None) -> None:
    """Remove an indicator of a draft."""
    _require_editable(indicator.work_result.plan)
    _stamp(indicator, by).delete()


@transaction.atomic
def set_expectations(*, plan: Plan, by: User | None, values: dict[str, str]) -> None:
    """The penilai's Ekspektasi Khusus Pimpinan per BerAKHLAK value (until approval)."""
    if plan.status == PlanStatus.APPROVED:
        raise ValidationError(LOCKED)
    for row in plan.expectations.all():
        if row.value in values and values[row.value].strip() != row.expectation:
            row.expectation = values[row.value].strip()
            _stamp(row, by).save()


@transaction.atomic
def update_annex(
    *, plan: Plan, by: User | None, resources: str, accountability: str, consequences: str
) -> PlanAnnex:
    """The lampiran of a draft: one item a line in each list."""
    _require_editable(plan)
    try:
        annex = plan.annex
    except PlanAnnex.DoesNotExist:
        annex = PlanAnnex(plan=plan)
    annex.resources = resources.strip()
    annex.accountability = accountability.strip()
    annex.consequences = consequences.strip()
    _stamp(annex, by).save()
    return annex


@transaction.atomic
def record_dialogue(
    *, plan: Plan, by: User | None, date: dt.date, notes: str
) -> PerformanceDialogue:
    """Record a dialog kinerja (date and notes)."""
    if not notes.strip():
        raise ValidationError({"notes": "Catatan dialog kinerja wajib diisi."})
    dialogue = PerformanceDialogue(plan=plan, date=date, notes=notes.strip(), recorded_by=by)
    _stamp(dialogue, by).save()
    return dialogue


@transaction.atomic
def cascade_down(
    *, source: WorkResult, employees: list[Employee], by: User | None, cascade_kind: str = "",
    today: dt.date | None = None,
) -> list[WorkResult]:  # fmt: skip
    """Hand one RHK of a supervisor down to several subordinates: an UTAMA RHK in each draft."""
    day = _today(today)
    chart = OrgChart(day)
    leader_plan = source.plan
    if not employees:
        raise ValidationError({"employees": "Pilih minimal satu pegawai."})
    created: list[WorkResult] = []
    for employee in employees:
        holder = chart.penilai_of(chart.employees.get(employee.pk, employee))
        if holder is None or holder.employee.pk != leader_plan.employee_id:
            raise ValidationError(
                {"employees": f"{employee.display_name} bukan bawahan langsung pemilik RHK ini."}
            )
        plan = (
            Plan.objects.filter(
                employee=employee,
                appraisal_year=leader_plan.appraisal_year,
                status__in=list(rules.EDITABLE_STATUSES),
            )
            .order_by("-start_date", "-version")
            .first()
        )
        if plan is None:
            if (
                Plan.objects.current()
                .filter(employee=employee, appraisal_year=leader_plan.appraisal_year)
                .exists()
            ):
                raise ValidationError(
                    {
                        "employees": f"SKP {employee.display_name} sudah diajukan/disetujui; buat revisi dulu."
                    }
                )
            plan = create_plan(
                employee=employee, appraisal_year=leader_plan.appraisal_year, by=by, today=day
            )
        created.append(
            add_work_result(
                plan=plan,
                by=by,
                text=source.text,
                category=Category.UTAMA,
                intervenes=source,
                cascade_kind=cascade_kind,
                today=day,
            )
        )
    return created


# --- Workflow ----------------------------------------------------------------------------------


def _move(plan: Plan, target: str) -> None:
    if not rules.can_transition(plan.status, target):
        raise ValidationError(
            f"SKP berstatus {plan.get_status_display()} tidak dapat diubah ke status ini."
        )
    plan.status = target


@transaction.atomic
def submit_plan(*, plan: Plan, by: User | None, today: dt.date | None = None) -> Plan:
    """The employee submits the SKP to the pejabat penilai."""
    _move(plan, PlanStatus.SUBMITTED)
    results = list(
        plan.work_results.select_related("intervenes__plan").prefetch_related("indicators")
    )
    if not any(r.category == Category.UTAMA for r in results):
        raise ValidationError("SKP harus memiliki minimal satu Rencana Hasil Kerja utama.")
    missing = [r.text for r in results if not r.indicators.all()]
    if missing:
        raise ValidationError(f"RHK berikut belum memiliki indikator: {'; '.join(missing)}.")
    _set_header(plan, OrgChart(_today(today)))
    if plan.penilai is None:
        raise ValidationError("Pejabat penilai belum ditetapkan; hubungi admin kepegawaian.")
    # The penilai may have changed since the RHK were linked: every link must still hold.
    stale = [
        r.text
        for r in results
        if r.intervenes is not None and r.intervenes.plan.employee_id != plan.penilai.pk
    ]
    if stale:
        raise ValidationError(
            "RHK berikut mengintervensi RHK yang bukan milik pejabat penilai Anda saat ini; "
            f"perbarui kaitannya: {'; '.join(stale)}."
        )
    plan.submitted_at = timezone.now()
    _stamp(plan, by).save()
    notify(
        user=plan.penilai.user, title=f"SKP {plan.employee_name} menunggu persetujuan",
        body=f"{plan.employee_name} mengajukan SKP tahun {plan.appraisal_year.year}.",
        url=_plan_url(plan),
    )  # fmt: skip
    return plan


@transaction.atomic
def return_plan(*, plan: Plan, by: User | None, note: str) -> Plan:
    """The penilai returns the SKP with a note for the employee to fix."""
    if not note.strip():
        raise ValidationError({"note": "Catatan pengembalian wajib diisi."})
    _move(plan, PlanStatus.RETURNED)
    plan.return_note = note.strip()
    _stamp(plan, by).save()
    notify(
        user=plan.employee.user, title="SKP Anda dikembalikan untuk diperbaiki",
        body=plan.return_note, url=_plan_url(plan),
    )  # fmt: skip
    return plan


@transaction.atomic
def approve_plan(*, plan: Plan, by: User | None) -> Plan:
    """The penilai approves: the SKP is locked; an approved revision replaces its original."""
    _move(plan, PlanStatus.APPROVED)
    plan.approved_at = timezone.now()
    plan.return_note = ""
    if plan.revision_of_id is not None:
        original = Plan.objects.select_for_update().get(pk=plan.revision_of_id)
        original.is_current = False
        _stamp(original, by).save(update_fields=["is_current"])
        plan.is_current = True
        # Staff RHK that intervened the old version now point to its copy in the revision.
        for copy in plan.work_results.filter(copied_from__isnull=False):
            WorkResult.objects.filter(intervenes_id=copy.copied_from_id).exclude(plan=plan).update(
                intervenes=copy
            )
    _stamp(plan, by).save()
    notify(
        user=plan.employee.user, title="SKP Anda disetujui",
        body=f"SKP tahun {plan.appraisal_year.year} disetujui.", url=_plan_url(plan),
    )  # fmt: skip
    return plan


@transaction.atomic
def start_revision(*, plan: Plan, by: User | None) -> Plan:
    """A draft copy of an approved SKP; the approved version stays in force until replaced."""
    if plan.status != PlanStatus.APPROVED or not plan.is_current:
        raise ValidationError("Hanya SKP yang disetujui dan berlaku yang dapat direvisi.")
    if plan.revisions.filter(is_current=False).exclude(status=PlanStatus.APPROVED).exists():
        raise ValidationError("Revisi SKP ini sudah dibuat.")
    copy = Plan.objects.get(pk=plan.pk)
    copy.pk = None
    copy.id = None
    copy.status = PlanStatus.DRAFT
    copy.version = plan.version + 1
    copy.revision_of = plan
    copy.is_current = False
    copy.submitted_at = None
    copy.approved_at = None
    copy.return_note = ""
    _stamp(copy, by).save()
    for result in plan.work_results.prefetch_related("indicators"):
        new = WorkResult.objects.create(
            plan=copy, category=result.category, text=result.text, intervenes=result.intervenes,
            organisation_target=result.organisation_target, assigned_by=result.assigned_by,
            cascade_kind=result.cascade_kind, perspektif=result.perspektif, order=result.order,
            copied_from=result,
        )  # fmt: skip
        Indicator.objects.bulk_create(
            [
                Indicator(
                    work_result=new,
                    aspect=i.aspect,
                    text=i.text,
                    target_value=i.target_value,
                    target_unit=i.target_unit,
                    target_text=i.target_text,
                    order=i.order,
                )
                for i in result.indicators.all()
            ]
        )
    BehaviourExpectation.objects.bulk_create(
        [
            BehaviourExpectation(plan=copy, value=e.value, expectation=e.expectation)
            for e in plan.expectations.all()
        ]
    )
    annex = PlanAnnex.objects.filter(plan=plan).first()
    PlanAnnex.objects.create(
        plan=copy,
        resources=annex.resources if annex else "",
        accountability=annex.accountability if annex else "",
        consequences=annex.consequences if annex else "",
    )
    return copy


# --- Realisation, evidence --------------------------------------------------------------------


def _check_period(plan: Plan, period: Period, today: dt.date) -> None:
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError("Realisasi hanya dapat diisi pada SKP yang sudah disetujui.")
    if period.appraisal_year_id != plan.appraisal_year_id:
        raise ValidationError("Periode itu bukan bagian dari tahun SKP ini.")
    if period.end_date < plan.start_date or period.start_date > plan.end_date:
        raise ValidationError("Periode itu di luar masa berlaku SKP ini.")
    if today < period.start_date:
        raise ValidationError(f"Periode {period.name} belum dimulai.")
    if not period.is_open_for_entry(today):
        raise ValidationError(
            f"Batas pengisian periode {period.name} sudah lewat; minta admin kepegawaian membukanya kembali."
        )


@transaction.atomic
def record_realisation(
    *, indicator: Indicator, period: Period, by: User | None, value: Decimal | None = None,
    text: str = "", note: str = "", today: dt.date | None = None,
) -> Realisation:  # fmt: skip
    """Record (or correct) the realisation of an indicator in a period, before the deadline."""
    _check_period(indicator.work_result.plan, period, _today(today))
    if value is None and not text.strip():
        raise ValidationError({"value": "Isi nilai realisasi atau uraiannya."})
    if value is not None and value < 0:
        raise ValidationError({"value": "Realisasi tidak boleh negatif."})
    realisation = Realisation.objects.filter(indicator=indicator, period=period).first()
    if realisation is None:
        realisation = Realisation(indicator=indicator, period=period)
    realisation.value = value
    realisation.text = text.strip()
    realisation.note = note.strip()
    realisation.updated_by = by
    _stamp(realisation, by).save()
    return realisation


@transaction.atomic
def add_evidence(
    *, realisation: Realisation, by: User | None, upload: IO[bytes] | None = None,
    filename: str = "", link: str = "", description: str = "", today: dt.date | None = None,
) -> Evidence:  # fmt: skip
    """Attach a bukti dukung: a file checked by its content and size, or a link."""
    _check_period(realisation.indicator.work_result.plan, realisation.period, _today(today))
    if upload is None and not link.strip():
        raise ValidationError({"file": "Unggah berkas atau isi tautan bukti dukung."})
    evidence = Evidence(
        realisation=realisation, link=link.strip(), description=description.strip(),
        uploaded_by=by,
    )  # fmt: skip
    if upload is not None:
        try:
            checked = check_upload(upload, name=filename)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        evidence.original_name = filename[:255] or f"bukti.{checked.extension}"
        evidence.content_type = checked.content_type
        evidence.size = checked.size
        evidence.file.save(f"bukti.{checked.extension}", File(upload), save=False)
    _stamp(evidence, by).save()
    return evidence


@transaction.atomic
def remove_evidence(*, evidence: Evidence, by: User | None, today: dt.date | None = None) -> None:
    """Remove a bukti dukung while the period is still open."""
    realisation = evidence.realisation
    _check_period(realisation.indicator.work_result.plan, realisation.period, _today(today))
    if evidence.file:
        evidence.file.delete(save=False)
    _stamp(evidence, by).delete()


# --- Feedback and coaching --------------------------------------------------------------------


@transaction.atomic
def give_feedback(
    *, plan: Plan, period: Period, by: User | None, text: str,
    work_result: WorkResult | None = None, behaviour_value: str = "",
) -> Feedback:  # fmt: skip
    """Umpan balik berkelanjutan by the penilai on one RHK or one value; the employee is told."""
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError("Umpan balik diberikan pada SKP yang sudah disetujui.")
    if period.appraisal_year_id != plan.appraisal_year_id:
        raise ValidationError("Periode itu bukan bagian dari tahun SKP ini.")
    if (work_result is None) == (not behaviour_value):
        raise ValidationError("Pilih satu RHK atau satu nilai perilaku kerja.")
    if work_result is not None and work_result.plan_id != plan.pk:
        raise ValidationError("RHK itu bukan bagian dari SKP ini.")
    if behaviour_value and behaviour_value not in rules.BEHAVIOUR_KEYS:
        raise ValidationError("Nilai perilaku kerja tidak dikenal.")
    if not text.strip():
        raise ValidationError({"text": "Umpan balik wajib diisi."})
    feedback = Feedback(
        plan=plan, period=period, work_result=work_result, behaviour_value=behaviour_value,
        text=text.strip(), given_by=by,
    )  # fmt: skip
    _stamp(feedback, by).save()
    subject = work_result.text if work_result else rules.BEHAVIOUR_NAMES[behaviour_value]
    notify(
        user=plan.employee.user, title=f"Umpan balik baru: {subject[:80]}",
        body=feedback.text, url=reverse("planning:feedback", args=[plan.pk]),
    )  # fmt: skip
    return feedback


@transaction.atomic
def reply_feedback(*, feedback: Feedback, by: User | None, text: str) -> Feedback:
    """The employee's reply to a piece of feedback."""
    if not text.strip():
        raise ValidationError({"text": "Tanggapan wajib diisi."})
    feedback.reply = text.strip()
    feedback.replied_at = timezone.now()
    _stamp(feedback, by).save()
    penilai_user = feedback.given_by
    notify(
        user=penilai_user, title=f"Tanggapan dari {feedback.plan.employee_name}",
        body=feedback.reply, url=reverse("planning:feedback", args=[feedback.plan_id]),
        email=False,
    )  # fmt: skip
    return feedback


@transaction.atomic
def record_coaching(
    *, plan: Plan, by: User | None, kind: str, date: dt.date, topic: str, notes: str = ""
) -> CoachingSession:
    """Record a bimbingan kinerja session; the employee is asked for Format B.1.8."""
    if not topic.strip():
        raise ValidationError({"topic": "Topik bimbingan wajib diisi."})
    session = CoachingSession(
        plan=plan, kind=kind, date=date, topic=topic.strip(), notes=notes.strip(), recorded_by=by
    )
    _stamp(session, by).save()
    notify(
        user=plan.employee.user, title="Mohon isi umpan balik bimbingan kinerja (Format B.1.8)",
        body=session.topic, url=reverse("planning:coaching", args=[plan.pk]), email=False,
    )  # fmt: skip
    return session


@transaction.atomic
def answer_coaching_feedback(
    *, session: CoachingSession, by: User | None, answers: list[int], comment: str = ""
) -> CoachingFeedback:
    """The employee's Format B.1.8 answers (1-5 for each of the 9 statements)."""
    if len(answers) != len(rules.COACHING_STATEMENTS) or not all(
        rules.valid_scale(a) for a in answers
    ):
        raise ValidationError("Jawab kesembilan pernyataan dengan nilai 1 sampai 5.")
    if CoachingFeedback.objects.filter(session=session).exists():
        raise ValidationError("Umpan balik untuk bimbingan ini sudah diisi.")
    feedback = CoachingFeedback(session=session, answers=answers, comment=comment.strip())
    _stamp(feedback, by).save()
    return feedback


@transaction.atomic
def add_competency_evaluation(
    *, session: CoachingSession, by: User | None, competency: str, score: int, reason: str
) -> CompetencyEvaluation:
    """Format B.1.9: a competency rated 1-5 with the reason."""
    if not competency.strip() or not reason.strip():
        raise ValidationError("Kompetensi dan alasan wajib diisi.")
    if not rules.valid_scale(score):
        raise ValidationError({"score": "Nilai harus 1 sampai 5."})
    evaluation = CompetencyEvaluation(
        session=session, competency=competency.strip(), score=score, reason=reason.strip()
    )
    _stamp(evaluation, by).save()
    return evaluation


def mark_notifications_read(*, user: User) -> int:
    """Mark all of a user's notifications as read."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
