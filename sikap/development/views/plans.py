"""Individual development plans (IDP) and the competency standards of positions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.development import access, rules, selectors, services
from sikap.development.forms import (
    ItemStatusForm,
    PlanItemForm,
    RequiredCompetencyForm,
)
from sikap.development.models import (
    DevelopmentPlan,
    ItemStatus,
    RequiredCompetency,
)
from sikap.development.views.common import (
    selected_year,
)
from sikap.lib.forms import apply_errors
from sikap.org.scope import get_scope


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def idp(request: AuthedRequest) -> HttpResponse:
    """An IDP of the year, drafted by the employee or (``?pegawai=<id>``) by their penilai."""
    raw = request.GET.get("pegawai", "")
    employee = access.get_idp_owner(request.user, int(raw) if raw.isdigit() else None)
    is_self = get_scope(request.user).employee == employee
    year = selected_year(request)
    plan = DevelopmentPlan.objects.filter(employee=employee, year=year).first()
    gaps = selectors.gap_rows(employee)
    recommendation = selectors.latest_recommendation(employee)
    initial: dict[str, object] = {"recommendation": recommendation.text if recommendation else ""}
    if gaps and gaps[0].gap > 0:
        initial |= {
            "competency": gaps[0].competency,
            "required_level": gaps[0].required,
            "current_level": gaps[0].current,
        }
    form = PlanItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.get_or_create_plan(employee=employee, year=year, by=request.user)
            services.add_plan_item(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Line added to the IDP."))
            suffix = "" if is_self else f"&pegawai={employee.pk}"
            return redirect(reverse("development:idp") + f"?year={year}{suffix}")
    chain_label = ""
    chain = get_scope(request.user).chart.chain_of(employee)
    if chain.penilai is not None:
        chain_label = chain.penilai.label
    return render(
        request,
        "development/idp.html",
        {
            "employee": employee,
            "is_self": is_self,
            "plan": plan,
            "items": list(plan.items.all()) if plan else [],
            "form": form,
            "year": year,
            "gaps": gaps,
            "penilai": chain_label,
            "statuses": ItemStatus.choices,
            "recommendation": recommendation,
        },
    )


@require_POST
@login_required
def idp_agree(request: AuthedRequest, pk: int) -> HttpResponse:
    """The pejabat penilai agrees a direct report's IDP."""
    plan = access.get_plan_for_agreement(request.user, pk)
    try:
        services.agree_plan(plan=plan, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("IDP agreed."))
    return redirect("development:team")


@require_POST
@login_required
def idp_item_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee (or their penilai) records the progress of an IDP line."""
    item = access.get_item_for_change(request.user, pk)
    form = ItemStatusForm(request.POST)
    if form.is_valid():
        services.set_item_status(item=item, status=form.cleaned_data["status"], by=request.user)
        messages.success(request, _("Progress saved."))
    year = item.plan.year
    if get_scope(request.user).is_self(item.plan.employee_id):
        return redirect(reverse("development:idp") + f"?year={year}")
    return redirect(reverse("development:employee", args=[item.plan.employee_id]) + f"?year={year}")


# HR: standar kompetensi jabatan ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def standards(request: AuthedRequest) -> HttpResponse:
    """Required competency levels per jabatan: readers see them, HR edits them."""
    scope = access.require_reader(request.user)
    positions = (
        access.positions_read(scope)
        .select_related("unit")
        .order_by("unit__path", "-is_unit_head", "name")
    )
    can_edit = access.can_manage(scope)
    managed = access.positions_managed(scope).select_related("unit").order_by("unit__path", "name")
    form = RequiredCompetencyForm(request.POST or None, positions=managed)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if request.POST.get("action") == "defaults":
            added = services.apply_default_levels(positions=list(managed), by=request.user)
            messages.success(request, _("%(n)d levels added from the defaults.") % {"n": added})
            return redirect("development:standards")
        if form.is_valid():
            try:
                services.set_required_competency(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Required level saved."))
                return redirect("development:standards")
    rows = list(positions[:300])
    levels: dict[int, dict[str, int]] = {}
    extra: dict[int, list[str]] = {}
    for req in RequiredCompetency.objects.filter(position__in=[p.pk for p in rows]):
        levels.setdefault(req.position_id, {})[req.competency] = req.level
        if req.competency not in rules.COMPETENCIES:
            extra.setdefault(req.position_id, []).append(f"{req.competency} {req.level}")
    table = [
        (
            p,
            [(name, levels.get(p.pk, {}).get(name)) for name in rules.COMPETENCIES],
            extra.get(p.pk, []),
        )
        for p in rows
    ]
    return render(
        request,
        "development/standards.html",
        {
            "table": table,
            "competencies": rules.COMPETENCIES,
            "form": form if can_edit else None,
            "defaults": rules.DEFAULT_REQUIRED_LEVEL,
        },
    )
