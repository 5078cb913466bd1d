"""HR pages to set up appraisal years and their periods."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.accounts.navigation import NavItem, related_links
from sikap.cycle import access, services
from sikap.cycle.forms import CalendarSettingsForm, PeriodForm, ReopenForm, YearForm
from sikap.cycle.models import AppraisalYear, CalendarSettings, EntryClosure, Period
from sikap.lib.forms import apply_errors
from sikap.org.audit import audit_rows
from sikap.org.scope import get_scope


@dataclass(frozen=True)
class _PeriodRow:
    period: Period
    entry_open: bool
    signed: bool
    can_reopen: bool
    links: list[NavItem]


@dataclass(frozen=True)
class _YearRow:
    year: AppraisalYear
    links: list[NavItem]
    periods: list[_PeriodRow]


@require_GET
@login_required
def year_list(request: AuthedRequest) -> HttpResponse:
    """Appraisal years with their periods."""
    scope = access.require_periods(request.user)
    years = list(AppraisalYear.objects.prefetch_related("periods"))
    today = timezone.localdate()
    has_period_links = False
    can_manage = access.can_manage_periods(scope)
    signed = set(EntryClosure.objects.values_list("period_id", flat=True).order_by().distinct())
    # Other apps (evaluation's SIASN exports) offer links here; this app knows none of them.
    rows = []
    for year in years:
        period_rows = [
            _PeriodRow(
                period=period,
                entry_open=period.is_open_for_entry(today),
                signed=period.pk in signed,
                can_reopen=can_manage and (scope.is_superadmin or period.pk not in signed),
                links=related_links("period", request.user, scope, period),
            )
            for period in year.periods.all()
        ]
        has_period_links = has_period_links or any(row.links for row in period_rows)
        rows.append(
            _YearRow(
                year=year,
                links=related_links("year", request.user, scope, year),
                periods=period_rows,
            )
        )
    return render(
        request,
        "cycle/years.html",
        {
            "years": rows,
            "can_manage": can_manage,
            "today": today,
            "page_links": related_links("calendar", request.user, scope, None),
            "has_period_links": has_period_links,
            "calendar_settings": CalendarSettings.current(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
def year_create(request: AuthedRequest) -> HttpResponse:
    """Create an appraisal year; its periods follow from the period kind."""
    access.require_periods(request.user, for_change=True)
    form = YearForm(request.POST or None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            services.setup_appraisal_year(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Appraisal year created with its periods."))
            return redirect("cycle:years")
    return render(request, "cycle/form.html", {"form": form, "title": _("New appraisal year")})


@require_http_methods(["GET", "POST"])
@login_required
def calendar_settings(request: AuthedRequest) -> HttpResponse:
    """The period model of new appraisal years (quarterly + Tahunan Final by default)."""
    access.require_periods(request.user, for_change=request.method == "POST")
    current = CalendarSettings.current()
    form = CalendarSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.update_calendar_settings(by=request.user, **form.cleaned_data)
        messages.success(request, _("Calendar settings saved."))
        return redirect("cycle:years")
    can_manage = access.can_manage_periods(get_scope(request.user))
    return render(
        request,
        "cycle/form.html",
        {
            "form": form,
            "title": _("Period model of new years"),
            "intro": _("Existing years keep their periods; this applies to years created next."),
            "read_only": not can_manage,
            "back_url": reverse("cycle:years"),
            "history": audit_rows(CalendarSettings.history.all()),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def period_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Edit a period's name, dates, filling deadline and whether it is the final period."""
    period = access.get_period_for_user(request.user, pk, for_change=True)
    form = PeriodForm(request.POST or None, instance=Period.objects.get(pk=period.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_period(period=period, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Period saved."))
            return redirect("cycle:years")
    return render(
        request,
        "cycle/form.html",
        {
            "form": form,
            "title": _("Edit %(period)s") % {"period": period},
            "history": audit_rows(period.history.all()),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def period_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    """Reopen realisation entry after the deadline until a date (signed periods: superadmin)."""
    period = access.get_period_to_reopen(request.user, pk)
    signed = services.is_signed(period)
    form = ReopenForm(request.POST or None, initial={"reopened_until": period.reopened_until})
    if request.method == "POST" and form.is_valid():
        try:
            services.reopen_period(
                period=period,
                by=request.user,
                until=form.cleaned_data["reopened_until"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Entry period changed."))
            return redirect("cycle:years")
    intro = (
        _(
            "This period has a signed penetapan or final evaluations. Reopening it lets the "
            "employees change signed realisation and evidence until the date: it is recorded "
            "with your reason."
        )
        if signed
        else ""
    )
    return render(
        request,
        "cycle/form.html",
        {
            "form": form,
            "intro": intro,
            "title": _("Reopen entry for %(period)s") % {"period": period},
            "history": audit_rows(period.history.all()),
        },
    )
