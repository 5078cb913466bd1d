"""Organisation pages: the unit tree, a unit, an employee profile and HR changes to them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.accounts.navigation import related_links
from sikap.lib.forms import apply_errors as _apply_errors
from sikap.org import access, services
from sikap.org.audit import audit_rows, employee_audit_rows
from sikap.org.forms import (
    ActingForm,
    ContractForm,
    EmployeeForm,
    NewEmployeeForm,
    OverrideForm,
    PositionForm,
    TransferForm,
    UnitForm,
)
from sikap.org.models import Employee, Unit
from sikap.org.scope import get_scope


def _tree(units: list[Unit], counts: dict[int, int]) -> list[dict[str, Any]]:
    """Nest a path-ordered list of units; roots are units whose parent is not in the list."""
    nodes: dict[int, dict[str, Any]] = {
        u.pk: {"unit": u, "children": [], "count": counts.get(u.pk, 0)} for u in units
    }
    roots: list[dict[str, Any]] = []
    for unit in units:
        parent = nodes.get(unit.parent_id or 0)
        (parent["children"] if parent else roots).append(nodes[unit.pk])
    order = {"sekretariat": 0, "subbagian": 1, "seksi": 2, "kelurahan": 3}
    for node in nodes.values():
        node["children"].sort(key=lambda n: (order.get(n["unit"].kind, 9), n["unit"].name))
    return roots


def _with_totals(nodes: list[dict[str, Any]]) -> int:
    total = 0
    for node in nodes:
        node["total"] = node["count"] + _with_totals(node["children"])
        total += node["total"]
    return total


@require_GET
@login_required
def tree(request: AuthedRequest) -> HttpResponse:
    """The unit tree the user may browse, with headcounts."""
    if not access.can_browse_organisation(request.user):
        raise PermissionDenied
    units = list(access.units_visible_to(request.user).filter(is_active=True))
    counts = dict(
        Employee.objects.filter(is_active=True, unit__in=units)
        .values_list("unit")
        .annotate(n=Count("pk"))
        .values_list("unit", "n")
    )
    roots = _tree(units, counts)
    _with_totals(roots)
    return render(request, "org/tree.html", {"roots": roots})


PEOPLE_PAGE_SIZE = 50


@require_GET
@login_required
def unit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A unit: its place in the tree, sub-units, positions with their holders, and its people."""
    unit = access.get_unit_for_user(request.user, pk)
    scope = get_scope(request.user)
    visible_units = access.units_visible_to(request.user)
    ancestors = list(visible_units.filter(pk__in=unit.ancestor_ids).exclude(pk=unit.pk))
    children = list(visible_units.filter(parent=unit, is_active=True).order_by("name"))
    chart = get_scope(request.user).chart
    positions = chart.positions_of_unit(unit.pk)
    position_rows = [(p, chart.holders_of(p.pk)) for p in positions]
    query = request.GET.get("q", "").strip()
    people = (
        Employee.objects.in_subtree(unit).filter(is_active=True).select_related("position", "unit")
    )
    if query:
        people = people.filter(Q(name__icontains=query) | Q(nip__contains=query))
    # A page of people at a time: a kecamatan has hundreds, a city's root thousands.
    page = Paginator(people.order_by("unit__path", "name", "pk"), PEOPLE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "children": children,
        "position_rows": position_rows,
        "people": page.object_list,
        "page": page,
        "query": query,
        "can_manage": access.can_change(request.user, unit),
        "history": audit_rows(unit.history.all()) if access.can_see_history(scope, unit) else None,
        "links": related_links("unit", request.user, scope, unit),
    }
    template = "org/unit.html#people" if request.htmx else "org/unit.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def employee_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """An employee profile: identity, riwayat jabatan, supervisor chain, team."""
    employee = access.get_employee_for_user(request.user, pk)
    scope = get_scope(request.user)
    chart = get_scope(request.user).chart
    assignments = employee.assignments.select_related("position", "unit").order_by("-start_date")
    overrides = employee.supervisor_overrides.select_related("penilai", "atasan")
    history = None
    if access.can_see_history(scope, employee.unit):
        history = employee_audit_rows(employee)
    return render(
        request,
        "org/employee.html",
        {
            "employee": employee,
            "chain": chart.chain_of(employee),
            "supervisors": chart.supervisor_chain(employee),
            "reports": chart.direct_reports(employee),
            "assignments": assignments,
            "overrides": overrides,
            "contracts": list(employee.contracts.all()) if employee.is_pppk else None,
            "can_manage": access.can_change(request.user, employee.unit),
            "history": history,
            "links": related_links("employee", request.user, scope, employee),
        },
    )


def _managed_positions(request: AuthedRequest, unit: Unit | None = None) -> Any:
    return access.positions_managed(request.user, unit).order_by("unit__path", "name")


def _form_page(
    request: AuthedRequest,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    done_url: Callable[[Any], str],
    title: str,
    back: Unit | Employee,
) -> HttpResponse:
    """GET shows the form; a valid POST runs the service, a service refusal lands on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(done_url(result))
    back_url = (
        reverse("org:employee", args=[back.pk])
        if isinstance(back, Employee)
        else reverse("org:unit", args=[back.pk])
    )
    return render(request, "org/form.html", {"form": form, "title": title, "back_url": back_url})


def _to_employee(employee: Employee) -> Callable[[Any], str]:
    return lambda _result: reverse("org:employee", args=[employee.pk])


@require_http_methods(["GET", "POST"])
@login_required
def employee_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR changes an employee's personal data."""
    employee = access.get_employee_for_user(request.user, pk, for_change=True)
    return _form_page(
        request,
        EmployeeForm(request.POST or None, instance=employee),
        lambda data: services.update_employee(employee=employee, by=request.user, **data),
        success=_("Employee data saved."),
        done_url=_to_employee(employee),
        title=_("Edit employee"),
        back=employee,
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def employee_create(request: AuthedRequest, unit_pk: int) -> HttpResponse:
    """HR registers a new employee in a position of a unit they manage."""
    unit = access.get_unit_for_user(request.user, unit_pk, for_change=True)
    positions = _managed_positions(request, unit)
    return _form_page(
        request,
        NewEmployeeForm(request.POST or None, positions=positions),
        lambda data: services.create_employee(by=request.user, **data),
        success=_("Employee registered."),
        done_url=lambda employee: reverse("org:employee", args=[employee.pk]),
        title=_("New employee"),
        back=unit,
    )


@require_http_methods(["GET", "POST"])
@login_required
def employee_transfer(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR records a mutasi or promotion; the history keeps the previous post."""
    employee = access.get_employee_for_user(request.user, pk, for_change=True)
    return _form_page(
        request,
        TransferForm(request.POST or None, positions=_managed_positions(request)),
        lambda data: services.transfer_employee(employee=employee, by=request.user, **data),
        success=_("Transfer recorded."),
        done_url=_to_employee(employee),
        title=_("Transfer (mutasi) of %(name)s") % {"name": employee.display_name},
        back=employee,
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def employee_acting(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR records a Plt./Plh. assignment."""
    employee = access.get_employee_for_user(request.user, pk, for_change=True)
    return _form_page(
        request,
        ActingForm(request.POST or None, positions=_managed_positions(request)),
        lambda data: services.assign_acting(employee=employee, by=request.user, **data),
        success=_("Acting assignment recorded."),
        done_url=_to_employee(employee),
        title=_("Plt./Plh. assignment of %(name)s") % {"name": employee.display_name},
        back=employee,
    )


@require_http_methods(["GET", "POST"])
@login_required
def employee_override(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR sets the pejabat penilai of an employee for a period, replacing the default."""
    employee = access.get_employee_for_user(request.user, pk, for_change=True)
    candidates = (
        access.employees_visible_to(request.user).filter(is_active=True).exclude(pk=employee.pk)
    )
    return _form_page(
        request,
        OverrideForm(request.POST or None, employees=candidates.order_by("name")),
        lambda data: services.set_supervisor_override(employee=employee, by=request.user, **data),
        success=_("Pejabat penilai set for the period."),
        done_url=_to_employee(employee),
        title=_("Set the pejabat penilai of %(name)s") % {"name": employee.display_name},
        back=employee,
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def unit_create(request: AuthedRequest, parent_pk: int) -> HttpResponse:
    """HR adds a sub-unit (seksi, subbagian) under a unit they manage."""
    parent = access.get_unit_for_user(request.user, parent_pk, for_change=True)
    return _form_page(
        request,
        UnitForm(request.POST or None),
        lambda data: services.create_unit(parent=parent, by=request.user, **data),
        success=_("Unit added."),
        done_url=lambda unit: reverse("org:unit", args=[unit.pk]),
        title=_("New unit"),
        back=parent,
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def position_create(request: AuthedRequest, unit_pk: int) -> HttpResponse:
    """HR adds a position (jabatan) to a unit they manage."""
    unit = access.get_unit_for_user(request.user, unit_pk, for_change=True)
    return _form_page(
        request,
        PositionForm(request.POST or None, reports_to=_managed_positions(request)),
        lambda data: services.create_position(by=request.user, unit=unit, **data),
        success=_("Position added."),
        done_url=lambda _position: reverse("org:unit", args=[unit.pk]),
        title=_("New position"),
        back=unit,
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def employee_contract(request: AuthedRequest, pk: int) -> HttpResponse:
    """HR of the subtree records a perjanjian kerja of a PPPK or PPPK Paruh Waktu."""
    employee = access.get_employee_for_user(request.user, pk, for_change=True)
    if not employee.is_pppk:
        raise Http404
    return _form_page(
        request,
        ContractForm(request.POST or None),
        lambda data: services.add_contract(employee=employee, by=request.user, **data),
        success=_("Perjanjian kerja saved."),
        done_url=_to_employee(employee),
        title=_("Add perjanjian kerja"),
        back=employee,
    )
