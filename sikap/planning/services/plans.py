"""Changes to SKP plans: organisation targets, RHK and indicators, cascade, workflow, revision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.cycle.models import AppraisalYear
from sikap.lib.audit import stamp
from sikap.lib.locking import lock, locked
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Employee
from sikap.planning import notices, rules
from sikap.planning.models import (
    BehaviourExpectation,
    Category,
    Feedback,
    Indicator,
    OrganisationTarget,
    PerformanceDialogue,
    Plan,
    PlanAnnex,
    PlanStatus,
    Realisation,
    WorkResult,
)
from sikap.planning.services.common import (
    LOCKED,
    day_or_today,
    mark_done,
    notify,
    plan_url,
    require_editable,
    set_header,
)

# --- Organisation targets ---------------------------------------------------------------------


@transaction.atomic
def add_organisation_target(
    *,
    unit: Any,
    appraisal_year: AppraisalYear,
    sasaran: str,
    indikator: str,
    target: str = "",
    by: User | None,
) -> OrganisationTarget:
    """Add a sasaran/indikator kinerja organisasi to a unit's list for a year."""
    if not sasaran.strip() or not indikator.strip():
        raise ValidationError(
            _("The organisation target and its indicator are required."), code="target_required"
        )
    order = (
        OrganisationTarget.objects.filter(unit=unit, appraisal_year=appraisal_year).aggregate(
            m=Max("order")
        )["m"]
        or 0
    ) + 1
    target_obj = OrganisationTarget(
        unit=unit,
        appraisal_year=appraisal_year,
        sasaran=sasaran.strip(),
        indikator=indikator.strip(),
        target=target.strip(),
        order=order,
    )
    stamp(target_obj, by).save()
    return target_obj


@transaction.atomic
def remove_organisation_target(*, target: OrganisationTarget, by: User | None) -> None:
    """Remove a target nobody's RHK links to."""
    if target.work_results.exists():
        raise ValidationError(
            _("This target is still referred to by a Rencana Hasil Kerja."), code="target_in_use"
        )
    stamp(target, by).delete()


# --- Plans -------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *,
    employee: Employee,
    appraisal_year: AppraisalYear,
    by: User | None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    approach: str = "kuantitatif",
    form_kind: str = "JA_JF",
    today: dt.date | None = None,
) -> Plan:
    """A new draft SKP with the header as it is today; a later start ends the earlier SKP."""
    year = appraisal_year.year
    start = start_date or dt.date(year, 1, 1)
    end = end_date or dt.date(year, 12, 31)
    if start.year != year or end.year != year or end < start:
        raise ValidationError(
            {
                "start_date": ValidationError(
                    _("The SKP dates must be within the year %(year)s."),
                    code="outside_year",
                    params={"year": year},
                )
            }
        )
    earlier = list(Plan.objects.current().filter(employee=employee, appraisal_year=appraisal_year))
    for other in earlier:
        if other.start_date >= start:
            raise ValidationError(
                {
                    "start_date": ValidationError(
                        _("There is already an SKP for this year starting on or after this date."),
                        code="overlapping_plan",
                    )
                }
            )
    for other in earlier:
        if other.end_date >= start:
            # A mid-year change of position: the earlier SKP ends the day before the new one.
            other.end_date = start - dt.timedelta(days=1)
            stamp(other, by).save(update_fields=["end_date"])
    plan = Plan(
        employee=employee,
        appraisal_year=appraisal_year,
        start_date=start,
        end_date=end,
        approach=approach,
        form_kind=form_kind,
    )
    set_header(plan, OrgChart(day_or_today(today)))
    stamp(plan, by).save()
    BehaviourExpectation.objects.bulk_create(
        [BehaviourExpectation(plan=plan, value=key) for key in rules.BEHAVIOUR_KEYS]
    )
    PlanAnnex.objects.create(plan=plan)
    return plan


@transaction.atomic
def update_plan(*, plan: Plan, by: User | None, approach: str, form_kind: str) -> Plan:
    """Change the approach or the form of a draft."""
    require_editable(plan)
    plan.approach = approach
    plan.form_kind = form_kind
    stamp(plan, by).save()
    return plan


def _check_link(
    *,
    plan: Plan,
    category: str,
    intervenes: WorkResult | None,
    organisation_target: OrganisationTarget | None,
    today: dt.date,
) -> None:
    if category == Category.UTAMA and intervenes is None and organisation_target is None:
        raise ValidationError(
            {
                "intervenes": ValidationError(
                    _(
                        "A main RHK must be linked to the RHK of the pejabat penilai that it intervenes."
                    ),
                    code="intervenes_required",
                )
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
                    "intervenes": ValidationError(
                        _("An RHK can only be linked to an RHK of your current pejabat penilai."),
                        code="intervenes_not_penilai",
                    )
                }
            )
        if leader_plan.appraisal_year_id != plan.appraisal_year_id or not leader_plan.is_current:
            raise ValidationError(
                {
                    "intervenes": ValidationError(
                        _("That leader's RHK is not part of an SKP in force this year."),
                        code="intervenes_not_in_force",
                    )
                }
            )
    if organisation_target is not None:
        headed = set(chart.headed_units(employee))
        if organisation_target.unit_id not in headed:
            raise ValidationError(
                {
                    "organisation_target": ValidationError(
                        _(
                            "Only the unit head can link an RHK to the organisation targets of the unit."
                        ),
                        code="not_unit_head",
                    )
                }
            )
        if organisation_target.appraisal_year_id != plan.appraisal_year_id:
            raise ValidationError(
                {
                    "organisation_target": ValidationError(
                        _("That organisation target is not for the year of this SKP."),
                        code="target_other_year",
                    )
                }
            )


@transaction.atomic
def add_work_result(
    *,
    plan: Plan,
    by: User | None,
    text: str,
    category: str = Category.UTAMA,
    intervenes: WorkResult | None = None,
    organisation_target: OrganisationTarget | None = None,
    assigned_by: str = "",
    cascade_kind: str = "",
    perspektif: str = "",
    today: dt.date | None = None,
) -> WorkResult:
    """Add an RHK to a draft; an UTAMA one must link to the current penilai's RHK."""
    require_editable(plan)
    if not text.strip():
        raise ValidationError(
            {
                "text": ValidationError(
                    _("The Rencana Hasil Kerja is required."), code="text_required"
                )
            }
        )
    _check_link(
        plan=plan,
        category=category,
        intervenes=intervenes,
        organisation_target=organisation_target,
        today=day_or_today(today),
    )
    order = (plan.work_results.aggregate(m=Max("order"))["m"] or 0) + 1
    result = WorkResult(
        plan=plan,
        category=category,
        text=text.strip(),
        intervenes=intervenes,
        organisation_target=organisation_target,
        assigned_by=assigned_by.strip(),
        cascade_kind=cascade_kind,
        perspektif=perspektif,
        order=order,
    )
    stamp(result, by).save()
    return result


@transaction.atomic
def update_work_result(
    *,
    work_result: WorkResult,
    by: User | None,
    text: str,
    category: str,
    intervenes: WorkResult | None = None,
    organisation_target: OrganisationTarget | None = None,
    assigned_by: str = "",
    cascade_kind: str = "",
    perspektif: str = "",
    today: dt.date | None = None,
) -> WorkResult:
    """Change an RHK of a draft (the same link rule applies)."""
    plan = work_result.plan
    require_editable(plan)
    if not text.strip():
        raise ValidationError(
            {
                "text": ValidationError(
                    _("The Rencana Hasil Kerja is required."), code="text_required"
                )
            }
        )
    if (
        intervenes != work_result.intervenes
        or organisation_target != work_result.organisation_target
        or category != work_result.category
    ):
        _check_link(
            plan=plan,
            category=category,
            intervenes=intervenes,
            organisation_target=organisation_target,
            today=day_or_today(today),
        )
    work_result.text = text.strip()
    work_result.category = category
    work_result.intervenes = intervenes
    work_result.organisation_target = organisation_target
    work_result.assigned_by = assigned_by.strip()
    work_result.cascade_kind = cascade_kind
    work_result.perspektif = perspektif
    stamp(work_result, by).save()
    return work_result


@transaction.atomic
def remove_work_result(*, work_result: WorkResult, by: User | None) -> None:
    """Remove an RHK of a draft, unless staff RHK still intervene it."""
    require_editable(work_result.plan)
    if work_result.supporters.exists():
        raise ValidationError(
            _("This RHK is still intervened by a subordinate's RHK; remove that link first."),
            code="rhk_in_use",
        )
    stamp(work_result, by).delete()


def _check_target(approach: str, target_value: Decimal | None, target_text: str) -> None:
    if target_value is None and not target_text.strip():
        raise ValidationError(
            {
                "target_value": ValidationError(
                    _("The target is required (a number and unit, or a description)."),
                    code="target_required",
                )
            }
        )
    if target_value is not None and target_value < 0:
        raise ValidationError(
            {
                "target_value": ValidationError(
                    _("The target cannot be negative."), code="negative_target"
                )
            }
        )


@transaction.atomic
def add_indicator(
    *,
    work_result: WorkResult,
    by: User | None,
    aspect: str,
    text: str,
    target_value: Decimal | None = None,
    target_unit: str = "",
    target_text: str = "",
) -> Indicator:
    """Add an Indikator Kinerja Individu with its target to an RHK of a draft."""
    require_editable(work_result.plan)
    if not text.strip():
        raise ValidationError(
            {
                "text": ValidationError(
                    _("The Indikator Kinerja Individu is required."), code="text_required"
                )
            }
        )
    _check_target(work_result.plan.approach, target_value, target_text)
    order = (work_result.indicators.aggregate(m=Max("order"))["m"] or 0) + 1
    indicator = Indicator(
        work_result=work_result,
        aspect=aspect,
        text=text.strip(),
        target_value=target_value,
        target_unit=target_unit.strip(),
        target_text=target_text.strip(),
        order=order,
    )
    stamp(indicator, by).save()
    return indicator


class IndicatorRowError(ValidationError):
    """An indicator of an RHK saved with its indicators was refused; ``row`` says which one."""

    def __init__(self, row: int, error: ValidationError) -> None:
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)
        self.row = row


@transaction.atomic
def add_work_result_with_indicators(
    *,
    plan: Plan,
    by: User | None,
    indicators: Sequence[tuple[int, Mapping[str, Any]]],
    **fields: Any,
) -> WorkResult:
    """Add an RHK and its indicators in one step: all of them are saved, or none.

    ``indicators`` pairs each indicator's fields with its row on the form, so a refusal
    (``IndicatorRowError``) can be shown on that row.
    """
    result = add_work_result(plan=plan, by=by, **fields)
    for row, data in indicators:
        try:
            add_indicator(work_result=result, by=by, **data)
        except ValidationError as error:
            raise IndicatorRowError(row, error) from error
    return result


@transaction.atomic
def update_indicator(
    *,
    indicator: Indicator,
    by: User | None,
    aspect: str,
    text: str,
    target_value: Decimal | None = None,
    target_unit: str = "",
    target_text: str = "",
) -> Indicator:
    """Change an indicator of a draft."""
    require_editable(indicator.work_result.plan)
    if not text.strip():
        raise ValidationError(
            {
                "text": ValidationError(
                    _("The Indikator Kinerja Individu is required."), code="text_required"
                )
            }
        )
    _check_target(indicator.work_result.plan.approach, target_value, target_text)
    indicator.aspect = aspect
    indicator.text = text.strip()
    indicator.target_value = target_value
    indicator.target_unit = target_unit.strip()
    indicator.target_text = target_text.strip()
    stamp(indicator, by).save()
    return indicator


@transaction.atomic
def remove_indicator(*, indicator: Indicator, by: User | None) -> None:
    """Remove an indicator of a draft."""
    require_editable(indicator.work_result.plan)
    stamp(indicator, by).delete()


@transaction.atomic
def set_expectations(*, plan: Plan, by: User | None, values: dict[str, str]) -> None:
    """The penilai's Ekspektasi Khusus Pimpinan per BerAKHLAK value (until approval)."""
    if plan.status == PlanStatus.APPROVED:
        raise ValidationError(LOCKED, code="locked")
    for row in plan.expectations.all():
        if row.value in values and values[row.value].strip() != row.expectation:
            row.expectation = values[row.value].strip()
            stamp(row, by).save()


@transaction.atomic
def update_annex(
    *, plan: Plan, by: User | None, resources: str, accountability: str, consequences: str
) -> PlanAnnex:
    """The lampiran of a draft: one item a line in each list."""
    require_editable(plan)
    try:
        annex = plan.annex
    except PlanAnnex.DoesNotExist:
        annex = PlanAnnex(plan=plan)
    annex.resources = resources.strip()
    annex.accountability = accountability.strip()
    annex.consequences = consequences.strip()
    stamp(annex, by).save()
    return annex


@transaction.atomic
def record_dialogue(
    *, plan: Plan, by: User | None, date: dt.date, notes: str
) -> PerformanceDialogue:
    """Record a dialog kinerja (date and notes)."""
    if not notes.strip():
        raise ValidationError(
            {
                "notes": ValidationError(
                    _("The notes of the performance dialogue are required."), code="notes_required"
                )
            }
        )
    dialogue = PerformanceDialogue(plan=plan, date=date, notes=notes.strip(), recorded_by=by)
    stamp(dialogue, by).save()
    return dialogue


@transaction.atomic
def cascade_down(
    *,
    source: WorkResult,
    employees: list[Employee],
    by: User | None,
    cascade_kind: str = "",
    today: dt.date | None = None,
) -> list[WorkResult]:
    """Hand one RHK of a supervisor down to several subordinates: an UTAMA RHK in each draft."""
    day = day_or_today(today)
    chart = OrgChart(day)
    chart.prefetch(employees)
    leader_plan = source.plan
    if not employees:
        raise ValidationError(
            {
                "employees": ValidationError(
                    _("Choose at least one employee."), code="employees_required"
                )
            }
        )
    created: list[WorkResult] = []
    for employee in employees:
        holder = chart.penilai_of(chart.employees.get(employee.pk, employee))
        if holder is None or holder.employee.pk != leader_plan.employee_id:
            raise ValidationError(
                {
                    "employees": ValidationError(
                        _("%(name)s is not a direct subordinate of the owner of this RHK."),
                        code="not_subordinate",
                        params={"name": employee.display_name},
                    )
                }
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
                        "employees": ValidationError(
                            _(
                                "The SKP of %(name)s is already submitted or approved; make a revision first."
                            ),
                            code="plan_locked",
                            params={"name": employee.display_name},
                        )
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


def _lock(plan: Plan) -> None:
    """Re-read the plan under a row lock: concurrent transitions run one after the other."""
    lock(plan)


def _move(plan: Plan, target: str) -> None:
    if not rules.can_transition(plan.status, target):
        raise ValidationError(
            _("An SKP with status %(status)s cannot be moved to this status."),
            code="invalid_transition",
            params={"status": plan.get_status_display()},
        )
    plan.status = target


@transaction.atomic
def submit_plan(*, plan: Plan, by: User | None, today: dt.date | None = None) -> Plan:
    """The employee submits the SKP to the pejabat penilai; a repeated submit changes nothing."""
    _lock(plan)
    if plan.status == PlanStatus.SUBMITTED:
        return plan
    _move(plan, PlanStatus.SUBMITTED)
    results = list(
        plan.work_results.select_related("intervenes__plan").prefetch_related("indicators")
    )
    if not any(r.category == Category.UTAMA for r in results):
        raise ValidationError(
            _("An SKP needs at least one main Rencana Hasil Kerja."), code="no_main_rhk"
        )
    missing = [r.text for r in results if not r.indicators.all()]
    if missing:
        raise ValidationError(
            _("These RHK have no indicator yet: %(rhk)s."),
            code="rhk_without_indicator",
            params={"rhk": "; ".join(missing)},
        )
    set_header(plan, OrgChart(day_or_today(today)))
    if plan.penilai is None:
        raise ValidationError(
            _("No pejabat penilai has been set; contact the admin kepegawaian."), code="no_penilai"
        )
    # The penilai may have changed since the RHK were linked: every link must still hold.
    stale = [
        r.text
        for r in results
        if r.intervenes is not None and r.intervenes.plan.employee_id != plan.penilai.pk
    ]
    if stale:
        raise ValidationError(
            _(
                "These RHK intervene an RHK that is not your current pejabat penilai's; update the links: %(rhk)s."
            ),
            code="stale_intervenes",
            params={"rhk": "; ".join(stale)},
        )
    plan.submitted_at = timezone.now()
    stamp(plan, by).save()
    notify(
        user=plan.penilai.user,
        notice=lambda: notices.plan_submitted(plan),
        url=plan_url(plan),
    )
    return plan


@transaction.atomic
def return_plan(*, plan: Plan, by: User | None, note: str) -> Plan:
    """The penilai returns the SKP with a note for the employee to fix."""
    if not note.strip():
        raise ValidationError(
            {
                "note": ValidationError(
                    _("A note for returning the SKP is required."), code="note_required"
                )
            }
        )
    _lock(plan)
    if plan.status == PlanStatus.RETURNED and plan.return_note == note.strip():
        return plan
    _move(plan, PlanStatus.RETURNED)
    plan.return_note = note.strip()
    stamp(plan, by).save()
    mark_done(plan=plan)
    notify(
        user=plan.employee.user,
        notice=lambda: notices.plan_returned(plan.return_note),
        url=plan_url(plan),
    )
    return plan


@transaction.atomic
def approve_plan(*, plan: Plan, by: User | None) -> Plan:
    """The penilai approves: the SKP is locked; an approved revision replaces its original."""
    _lock(plan)
    if plan.status == PlanStatus.APPROVED:
        return plan
    _move(plan, PlanStatus.APPROVED)
    plan.approved_at = timezone.now()
    plan.return_note = ""
    if plan.revision_of_id is not None:
        original = locked(Plan, plan.revision_of_id)
        original.is_current = False
        stamp(original, by).save(update_fields=["is_current"])
        plan.is_current = True
        # Staff RHK that intervened the old version now point to its copy in the revision.
        for copy in plan.work_results.filter(copied_from__isnull=False):
            WorkResult.objects.filter(intervenes_id=copy.copied_from_id).exclude(plan=plan).update(
                intervenes=copy
            )
        _carry_the_year(original=original, revision=plan)
    stamp(plan, by).save()
    mark_done(plan=plan)
    notify(
        user=plan.employee.user,
        notice=lambda: notices.plan_approved(plan),
        url=plan_url(plan),
    )
    return plan


def _carry_the_year(*, original: Plan, revision: Plan) -> None:
    """The year so far moves into the revision that replaces the SKP in force.

    Realisation and evidence follow each copied indicator and feedback its copied RHK; the
    evaluations stay bound to the employee and the period (not to a version), so nothing of a
    signed period is left behind. Indicators and RHK dropped in the revision keep their
    records on the old version.
    """
    for indicator in Indicator.objects.filter(
        work_result__plan=revision, copied_from__isnull=False
    ):
        assert indicator.copied_from_id is not None  # filtered above
        Realisation.objects.filter(indicator_id=indicator.copied_from_id).update(
            indicator=indicator
        )
    results = dict(
        WorkResult.objects.filter(plan=revision, copied_from__isnull=False).values_list(
            "copied_from_id", "pk"
        )
    )
    for feedback in Feedback.objects.filter(plan=original):
        if feedback.work_result_id is not None and feedback.work_result_id not in results:
            continue
        feedback.plan = revision
        feedback.work_result_id = (
            results.get(feedback.work_result_id) if feedback.work_result_id else None
        )
        feedback.save(update_fields=["plan", "work_result"])


@transaction.atomic
def start_revision(*, plan: Plan, by: User | None) -> Plan:
    """A draft copy of an approved SKP; the approved version stays in force until replaced."""
    _lock(plan)
    if plan.status != PlanStatus.APPROVED or not plan.is_current:
        raise ValidationError(
            _("Only an approved SKP in force can be revised."), code="not_revisable"
        )
    if plan.revisions.filter(is_current=False).exclude(status=PlanStatus.APPROVED).exists():
        raise ValidationError(
            _("A revision of this SKP has already been made."), code="revised_already"
        )
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
    stamp(copy, by).save()
    for result in plan.work_results.prefetch_related("indicators"):
        new = WorkResult.objects.create(
            plan=copy,
            category=result.category,
            text=result.text,
            intervenes=result.intervenes,
            organisation_target=result.organisation_target,
            assigned_by=result.assigned_by,
            cascade_kind=result.cascade_kind,
            perspektif=result.perspektif,
            order=result.order,
            copied_from=result,
        )
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
                    copied_from=i,
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
