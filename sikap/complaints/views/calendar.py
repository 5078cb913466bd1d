"""HR pages: the working-day calendar, deadlines and response texts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.complaints import access, forms, services
from sikap.complaints.models import (
    Category,
    ComplaintSettings,
    Holiday,
)
from sikap.lib.formatting import tanggal
from sikap.lib.forms import apply_errors
from sikap.org.scope import get_scope

# ---------------------------------------------------------------- calendar and settings (HR)


@require_GET
@login_required
def holidays(request: AuthedRequest) -> HttpResponse:
    """The working-day calendar: libur nasional and cuti bersama of a year."""
    scope = access.require_instance_setting(request.user)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    return _holidays_page(request, scope, year)


def _holidays_page(
    request: AuthedRequest,
    scope: Any,
    year: int,
    form: Any = None,
    propose: Any = None,
    bulk: Any = None,
) -> HttpResponse:
    years = sorted({d.year for d in Holiday.objects.dates("date", "year")} | {year, year + 1})
    context = {
        "year": year,
        "years": years,
        "rows": Holiday.objects.filter(date__year=year),
        "form": form or forms.HolidayForm(),
        "propose_form": propose or forms.ProposeForm(initial={"year": year + 1}),
        "bulk_form": bulk or forms.BulkHolidayForm(),
        "can_change": scope.owns_instance,
    }
    return render(
        request, "complaints/holidays.html", context, status=400 if form or propose or bulk else 200
    )


@require_POST
@login_required
@formonce.guard
def holiday_add(request: AuthedRequest) -> HttpResponse:
    scope = access.require_instance_setting(request.user, for_change=True)
    form = forms.HolidayForm(request.POST)
    if form.is_valid():
        try:
            holiday = services.add_holiday(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Added %(date)s.") % {"date": tanggal(holiday.date)})
            return redirect(f"{reverse('complaints:holidays')}?year={holiday.date.year}")
    year = form.cleaned_data.get("date", timezone.localdate()).year if form.is_bound else 0
    return _holidays_page(request, scope, year or timezone.localdate().year, form=form)


@require_POST
@login_required
@formonce.guard
def holiday_bulk(request: AuthedRequest) -> HttpResponse:
    """Enter a whole SKB at once: one line per day, ``date | name | kind``."""
    scope = access.require_instance_setting(request.user, for_change=True)
    form = forms.BulkHolidayForm(request.POST)
    if form.is_valid():
        try:
            created = services.add_holidays(by=request.user, rows=form.cleaned_data["rows"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(n)d days added.") % {"n": len(created)})
            year = created[0].date.year if created else timezone.localdate().year
            return redirect(f"{reverse('complaints:holidays')}?year={year}")
    return _holidays_page(request, scope, timezone.localdate().year, bulk=form)


@require_POST
@login_required
def holiday_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    access.require_instance_setting(request.user, for_change=True)
    holiday = get_object_or_404(Holiday, pk=pk)
    year = holiday.date.year
    services.delete_holiday(by=request.user, holiday=holiday)
    messages.success(request, _("Removed."))
    return redirect(f"{reverse('complaints:holidays')}?year={year}")


@require_POST
@login_required
def holiday_propose(request: AuthedRequest) -> HttpResponse:
    """Add the libur nasional proposed for a year; cuti bersama must be entered from the SKB."""
    scope = access.require_instance_setting(request.user, for_change=True)
    form = forms.ProposeForm(request.POST)
    if not form.is_valid():
        return _holidays_page(request, scope, timezone.localdate().year, propose=form)
    year = form.cleaned_data["year"]
    created = services.propose_national_holidays(by=request.user, year=year)
    messages.success(
        request,
        _(
            "%(n)d libur nasional proposed for %(year)d. Check them against the SKB and add the "
            "cuti bersama by hand."
        )
        % {"n": len(created), "year": year},
    )
    return redirect(f"{reverse('complaints:holidays')}?year={year}")


def _unit_param(request: AuthedRequest) -> int | None:
    raw = request.POST.get("unit") or request.GET.get("unit") or ""
    return int(raw) if raw.isdigit() else None


@require_http_methods(["GET", "POST"])
@login_required
def settings_view(request: AuthedRequest) -> HttpResponse:
    """Time limits, escalation and retention of a subtree (or the instance default).

    Read by the auditors and HR admins of the subtree, changed by its HR admins; the instance
    default by the city-level HR.
    """
    is_post = request.method == "POST"
    unit = access.get_settings_target(request.user, _unit_param(request), for_change=is_post)
    scope = get_scope(request.user)
    config = ComplaintSettings.for_unit(unit)
    form = forms.SettingsForm(request.POST or None, instance=config)
    if is_post and form.is_valid():
        try:
            services.update_settings(by=request.user, unit=unit, values=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Settings saved; open deadlines were recomputed."))
            query = f"?unit={unit.pk}" if unit is not None else ""
            return redirect(f"{reverse('complaints:settings')}{query}")
    context = {
        "form": form,
        "unit": unit,
        "inherited": unit is not None and config.unit_id != unit.pk,
        "targets": access.settings_targets(request.user),
        "can_change": scope.owns_instance or (unit is not None and scope.manages(unit)),
    }
    return render(request, "complaints/settings.html", context, status=400 if is_post else 200)


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def texts(request: AuthedRequest) -> HttpResponse:
    """Categories (the instance's) and response templates (the instance's or a subtree's)."""
    scope = access.require_admin_view(request.user)
    is_post = request.method == "POST"
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    pk = request.POST.get("pk") or request.GET.get("pk")
    units = access.template_units(request.user)
    category_form = forms.CategoryForm(prefix="category")
    template_form = forms.ResponseTemplateForm(prefix="template", units=units, scope=scope)
    if kind == "category":
        access.require_instance_setting(request.user, for_change=is_post)
        instance = get_object_or_404(Category, pk=pk) if pk else None
        category_form = forms.CategoryForm(
            request.POST or None, prefix="category", instance=instance
        )
    elif kind == "template":
        if pk:
            instance_t = access.get_template_for_user(request.user, int(pk), for_change=is_post)
        elif is_post and not (scope.owns_instance or scope.manage_paths):
            raise PermissionDenied
        else:
            instance_t = None
        template_form = forms.ResponseTemplateForm(
            request.POST or None,
            prefix="template",
            instance=instance_t,
            units=units,
            scope=scope,
        )
    elif is_post:
        raise PermissionDenied
    if is_post:
        if kind == "category" and category_form.is_valid():
            services.save_category(by=request.user, category=category_form.save(commit=False))
            messages.success(request, _("Saved."))
            return redirect("complaints:texts")
        if kind == "template" and template_form.is_valid():
            services.save_response_template(
                by=request.user, template=template_form.save(commit=False)
            )
            messages.success(request, _("Saved."))
            return redirect("complaints:texts")
    templates = list(access.templates_visible_to(request.user))
    context = {
        "categories": Category.objects.all(),
        "templates": [(t, access.can_change_template(scope, t)) for t in templates],
        "category_form": category_form,
        "template_form": template_form,
        "editing": (kind, pk),
        "can_change_categories": scope.owns_instance,
        "can_add_templates": scope.owns_instance or bool(scope.manage_paths),
    }
    status = 400 if is_post else 200
    return render(request, "complaints/texts.html", context, status=status)
