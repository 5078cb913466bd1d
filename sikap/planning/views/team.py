"""The penilai's team, the cascade, the unit's SKP, targets, export and notifications."""

from __future__ import annotations

from typing import Any, NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.cycle.models import Period
from sikap.lib.forms import apply_errors
from sikap.org.models import Employee, within_q
from sikap.org.scope import get_scope
from sikap.planning import access, documents, forms, nudges
from sikap.planning.models import (
    Category,
    Notification,
    NudgeTopic,
    OrganisationTarget,
    Plan,
    PlanStatus,
    WorkResult,
)
from sikap.planning.objective import objective_evidence
from sikap.planning.services import plans as plan_services
from sikap.planning.services import records
from sikap.planning.views.common import (
    chosen_period,
    current_year,
    flash_error,
    unit_for,
)

# --- Team, cascade, targets, export -----------------------------------------------------------


@require_GET
@login_required
def team(request: AuthedRequest) -> HttpResponse:
    """The penilai's direct reports with their SKP status, realisation and feedback counts."""
    ids = access.team_ids(request.user)
    today = timezone.localdate()
    year = current_year(today)
    employees = list(
        Employee.objects.filter(pk__in=ids).select_related("position", "unit").order_by("name")
    )
    plans: dict[int, Plan] = {}
    period = None
    periods: list[Period] = []
    if year is not None:
        periods = list(Period.objects.filter(appraisal_year=year).for_everyone().order_by("number"))
        period = chosen_period(request, periods)
        realised = Count(
            "work_results__indicators__realisations",
            filter=Q(work_results__indicators__realisations__period=period),
            distinct=True,
        )
        fed = Count("feedback", filter=Q(feedback__period=period), distinct=True)
        for plan in (
            Plan.objects.current()
            .filter(employee_id__in=ids, appraisal_year=year)
            .annotate(
                n_indicators=Count("work_results__indicators", distinct=True),
                n_realised=realised,
                n_feedback=fed,
            )
            .order_by("start_date")
        ):
            plans[plan.employee_id] = plan
    evidence = (
        objective_evidence(ids, period.start_date, period.end_date) if period is not None else {}
    )
    revisions = _waiting_revisions([p.pk for p in plans.values()])
    me = get_scope(request.user).employee
    rows: list[dict[str, Any]] = []
    for e in employees:
        in_force = plans.get(e.pk)
        shown = revisions.get(in_force.pk, in_force) if in_force is not None else None
        rows.append(
            {
                "employee": e,
                "plan": in_force,
                "shown": shown,
                "approvable": shown is not None
                and shown.status == PlanStatus.SUBMITTED
                and me is not None
                and shown.penilai_id == me.pk,
                "objective": evidence.get(e.pk, []),
            }
        )
    waiting = sum(1 for r in rows if r["shown"] is not None and r["shown"].status == "submitted")
    ended = period is not None and period.end_date < today
    offers = nudges.offers(
        request.user, [(r["employee"], _behind_on(r["shown"], realised=not ended)) for r in rows]
    )
    for row in rows:
        row["offer"] = offers.get(row["employee"].pk)
    return render(
        request,
        "planning/team.html",
        {
            "rows": rows,
            "year": year,
            "period": period,
            "periods": periods,
            "waiting": waiting,
            "approvable": sum(1 for r in rows if r["approvable"]),
            "can_nudge": bool(offers),
        },
    )


def _waiting_revisions(plan_ids: list[int]) -> dict[int, Plan]:
    """The revision under review of each SKP in force, by the id of the version it revises."""
    return {
        p.revision_of_id: p
        for p in Plan.objects.waiting_revisions().filter(revision_of_id__in=plan_ids)
        if p.revision_of_id is not None
    }


@require_POST
@login_required
def team_approve(request: AuthedRequest) -> HttpResponse:
    """Approve several (or all waiting) submitted SKP of the team at once, after one confirmation."""
    access.team_ids(request.user)
    chosen: list[Plan] = []
    if request.POST.get("all") == "1":
        chosen = access.awaiting_approval(request.user)
    for value in [] if chosen else request.POST.getlist("plan"):
        if not value.isdigit():
            continue
        plan = access.get_plan_for_user(request.user, int(value), for_change=True)
        access.require_penilai(request.user, plan)
        if plan.status == PlanStatus.SUBMITTED:
            chosen.append(plan)
    if not chosen:
        messages.error(request, _("Choose at least one submitted SKP to approve."))
        return redirect("planning:team")
    if request.POST.get("confirm") != "1":
        return render(request, "planning/team_approve.html", {"plans": chosen})
    approved = 0
    for plan in chosen:
        try:
            plan_services.approve_plan(plan=plan, by=request.user)
        except ValidationError as error:
            flash_error(request, error)
        else:
            approved += 1
    messages.success(request, _("%(n)d SKP approved.") % {"n": approved})
    return redirect("planning:team")


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def cascade_down(request: AuthedRequest, pk: int) -> HttpResponse:
    """A supervisor hands one of their RHK down to several direct reports at once."""
    source = get_object_or_404(WorkResult, pk=pk)
    plan = access.get_plan_for_user(request.user, source.plan_id, for_change=True)
    access.require_owner(request.user, plan)
    chart = get_scope(request.user).chart
    subordinates = sorted(chart.direct_reports(plan.employee), key=lambda e: e.name)
    form = forms.CascadeForm(request.POST or None, subordinates=subordinates)
    if request.method == "POST" and form.is_valid():
        chosen = [e for e in subordinates if str(e.pk) in form.cleaned_data["employees"]]
        try:
            created = plan_services.cascade_down(
                source=source,
                employees=chosen,
                by=request.user,
                cascade_kind=form.cleaned_data["cascade_kind"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("RHK handed down to %(n)d subordinates.") % {"n": len(created)}
            )
            return redirect("planning:plan", plan.pk)
    return render(
        request,
        "planning/form.html",
        {"form": form, "title": _("Hand this RHK down"), "subtitle": source.text, "plan": plan},
    )


@require_GET
@login_required
@vary_on_headers("HX-Request")
def cascade(request: AuthedRequest, pk: int) -> HttpResponse:
    """For a unit: which staff results support which leader results; unsupported ones flagged."""
    unit = unit_for(request, pk)
    today = timezone.localdate()
    year = current_year(today)
    # The tree is built from light rows of every result of the unit; only the results the
    # answer shows (``CASCADE_LEVELS`` of them from the top or from the opened branch) are
    # loaded as objects, so a kelurahan of 100 staff (some 400 results) costs little more than
    # one of 26.
    rows = [
        _Row(*values)
        for values in WorkResult.objects.filter(
            within_q([unit.path], "plan__employee__unit"),
            plan__appraisal_year=year,
            plan__is_current=True,
        )
        .order_by("plan__employee_name", "category", "order")
        .values_list(
            "pk",
            "intervenes_id",
            "category",
            "plan__employee_id",
            "plan__employee_name",
            "order",
            "plan__employee__unit__depth",
        )
    ]
    children: dict[int, list[_Row]] = {}
    for row in rows:
        if row.intervenes_id:
            children.setdefault(row.intervenes_id, []).append(row)
    ids = {r.pk for r in rows}
    # The top of the tree inside this unit: results whose leader result lies outside it.
    roots = [
        r
        for r in rows
        if (r.intervenes_id is None or r.intervenes_id not in ids)
        and (r.category == Category.UTAMA or r.pk in children)
    ]
    roots.sort(key=lambda r: (r.depth or 0, r.employee_name, r.order))
    extra = sum(1 for r in rows if r.category == Category.TAMBAHAN and not r.intervenes_id)
    leader_ids = {r.employee_id for r in rows if r.pk in children}
    has_reports = get_scope(request.user).chart.with_reports({r.employee_id for r in rows})
    unsupported_below: dict[int, int] = {}

    def count_unsupported(row: _Row) -> int:
        """Unsupported leader results in the branch of ``row``, itself included."""
        if row.pk not in unsupported_below:
            kids = children.get(row.pk, [])
            own = int(not kids and row.employee_id in has_reports)
            unsupported_below[row.pk] = own + sum(count_unsupported(c) for c in kids)
        return unsupported_below[row.pk]

    def node(row: _Row, depth: int) -> dict[str, Any]:
        """The result and, for the first ``CASCADE_LEVELS``, the results supporting it; the
        deeper branches are only counted (they open on request)."""
        kids = children.get(row.pk, [])
        shown = depth < CASCADE_LEVELS - 1
        return {
            "pk": row.pk,
            "children": [node(c, depth + 1) for c in kids] if shown else [],
            "folded": 0 if shown else len(kids),
            "folded_unsupported": 0 if shown or not kids else count_unsupported(row),
            "unsupported": not kids and row.employee_id in has_reports,
            "depth": depth,
        }

    unsupported = sum(count_unsupported(r) for r in roots)
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "unsupported": unsupported,
        "leaders": len(leader_ids),
        "extra": extra,
    }
    branch = _branch(request, rows)
    if branch is None:
        tree = [node(r, 0) for r in roots]
        context["tree"] = _with_results(tree)
        return render(request, "planning/cascade.html", context)
    opened = node(branch, 0)
    context.update(branch=opened, tree=_with_results([opened]))
    template = "planning/cascade.html#branch" if request.htmx else "planning/cascade.html"
    return render(request, template, context)


class _Row(NamedTuple):
    """What the cascade's tree is built from: one result, without its texts."""

    pk: int
    intervenes_id: int | None
    category: str
    employee_id: int
    employee_name: str
    order: int
    depth: int | None


def _with_results(tree: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attach to each node shown its result, loaded in one query."""
    shown: list[dict[str, Any]] = []
    stack = list(tree)
    while stack:
        item = stack.pop()
        shown.append(item)
        stack.extend(item["children"])
    results = WorkResult.objects.select_related("plan", "organisation_target").in_bulk(
        [item["pk"] for item in shown]
    )
    for item in shown:
        item["result"] = results[item["pk"]]
    return tree


# Levels of the cascade a page shows: the unit's top results and those supporting them. A
# kelurahan of 100 staff has some 400 results; each deeper branch opens in place on request
# (``?cabang=<RHK>``), so the page stays the size of the unit's leaders, not of its staff.
CASCADE_LEVELS = 2


def _branch(request: AuthedRequest, rows: list[_Row]) -> _Row | None:
    """The RHK whose branch was asked for (``?cabang=``), among the unit's results; 404 if not."""
    wanted = request.GET.get("cabang")
    if wanted is None:
        return None
    found = next((r for r in rows if str(r.pk) == wanted.strip()), None)
    if found is None:
        raise Http404(_("This work result is not in the cascade of this unit."))
    return found


UNIT_PAGE_SIZE = 50


@require_GET
@login_required
def unit_plans(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every active employee of a unit subtree with the status of their current SKP."""
    unit = unit_for(request, pk)
    year = current_year(timezone.localdate())
    employees = (
        Employee.objects.in_subtree(unit)
        .filter(is_active=True)
        .exclude(jenis_asn="NON_ASN")
        .select_related("position", "unit")
        .order_by("unit__path", "name", "pk")
    )
    # The counts cover the whole subtree from light value rows; the table shows one page.
    in_force = (
        Plan.objects.current()
        .filter(employee__in=employees.values("pk"), appraisal_year=year)
        .order_by("start_date")
    )
    latest_plan: dict[int, int] = {}
    latest: dict[int, str] = {}
    for plan_id, employee_id, status in in_force.values_list("pk", "employee_id", "status"):
        latest_plan[employee_id], latest[employee_id] = plan_id, status
    # A revision under review counts as what it is, not as the approved version it replaces.
    waiting_status = dict(
        Plan.objects.waiting_revisions()
        .filter(revision_of__in=in_force.values("pk"))
        .values_list("revision_of_id", "status")
    )
    for employee_id, plan_id in latest_plan.items():
        if plan_id in waiting_status:
            latest[employee_id] = waiting_status[plan_id]
    counts = dict.fromkeys(PlanStatus.values, 0)
    for status in latest.values():
        counts[status] += 1
    page = Paginator(employees, UNIT_PAGE_SIZE).get_page(request.GET.get("page"))
    missing = page.paginator.count - len(latest)
    plans: dict[int, Plan] = {}
    for plan in (
        Plan.objects.current()
        .filter(employee_id__in=[e.pk for e in page.object_list], appraisal_year=year)
        .order_by("start_date")
    ):
        plans[plan.employee_id] = plan
    revisions = _waiting_revisions([p.pk for p in plans.values()])
    rows: list[dict[str, Any]] = []
    for e in page.object_list:
        current = plans.get(e.pk)
        rows.append(
            {"employee": e, "plan": revisions.get(current.pk, current) if current else None}
        )
    offers = nudges.offers(request.user, [(r["employee"], _behind_on(r["plan"])) for r in rows])
    for row in rows:
        row["offer"] = offers.get(row["employee"].pk)
    return render(
        request,
        "planning/unit_plans.html",
        {
            "unit": unit,
            "year": year,
            "rows": rows,
            "counts": counts,
            "missing": missing,
            "page": page,
            "can_nudge": bool(offers),
        },
    )


def _behind_on(plan: Plan | None, *, realised: bool = True) -> str | None:
    """What a person on a list may be reminded of: no SKP, one not submitted, no realisation."""
    if plan is None:
        return NudgeTopic.NO_PLAN
    if plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        return NudgeTopic.NOT_SUBMITTED
    indicators: int = getattr(plan, "n_indicators", 0)
    realised_n: int = getattr(plan, "n_realised", 0)
    if not realised and indicators and not realised_n:
        return NudgeTopic.NO_REALISATION
    return None


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def targets(request: AuthedRequest, pk: int) -> HttpResponse:
    """The editable list of a unit's sasaran/indikator kinerja organisasi for the year."""
    unit = unit_for(request, pk)
    year = current_year(timezone.localdate())
    can_manage = access.can_manage_targets(request.user, unit)
    form = forms.TargetForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        delete = request.POST.get("delete")
        if delete:
            target = get_object_or_404(OrganisationTarget, pk=delete, unit=unit)
            try:
                plan_services.remove_organisation_target(target=target, by=request.user)
            except ValidationError as error:
                flash_error(request, error)
            return redirect("planning:targets", unit.pk)
        if form.is_valid() and year is not None:
            plan_services.add_organisation_target(
                unit=unit, appraisal_year=year, by=request.user, **form.cleaned_data
            )
            messages.success(request, _("Target added."))
            return redirect("planning:targets", unit.pk)
    items = OrganisationTarget.objects.filter(unit=unit, appraisal_year=year).annotate(
        n_results=Count("work_results")
    )
    return render(
        request,
        "planning/targets.html",
        {"unit": unit, "year": year, "items": items, "form": form, "can_manage": can_manage},
    )


@require_GET
@login_required
def unit_export(request: AuthedRequest, pk: int) -> HttpResponse:
    """Excel export of the current SKP of a unit subtree (one row per indicator)."""
    unit = unit_for(request, pk)
    year = current_year(timezone.localdate())
    return documents.unit_workbook_response(unit, year)


@require_http_methods(["GET", "POST"])
@login_required
def notifications(request: AuthedRequest) -> HttpResponse:
    """The user's notifications; POST marks them all as read."""
    if request.method == "POST":
        records.mark_notifications_read(user=request.user)
        return redirect("planning:notifications")
    items = list(Notification.objects.filter(recipient=request.user)[:100])
    return render(request, "planning/notifications.html", {"items": items})
