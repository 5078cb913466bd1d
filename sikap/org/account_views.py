"""The account pages about an employee: HR gives or resets logins and two-step verification.

They live in org, above accounts, because who may act is decided by the employee's unit.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sikap.accounts import outbox, twofactor
from sikap.accounts.forms import GiveLoginForm, TwoFactorResetForm
from sikap.accounts.http import AuthedRequest
from sikap.lib.pdf import pdf_response
from sikap.org import logins
from sikap.org.access import (
    employees_for_logins,
    get_employee_for_login,
    get_user_for_two_factor_reset,
)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_reset(request: AuthedRequest, user_id: int) -> HttpResponse:
    """HR switches off the two-step verification of someone in their subtree (audited)."""
    target = get_user_for_two_factor_reset(request.user, user_id)
    form = TwoFactorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.disable(user=target, by=request.user, reason=form.cleaned_data["reason"]):
            messages.success(
                request,
                _(
                    "Two-step verification of %(user)s is reset: they set it up again at their next sign-in."
                )
                % {"user": target.get_full_name() or target.get_username()},
            )
        else:
            messages.info(request, _("This user had no two-step verification."))
        return redirect("org:two_factor_reset", user_id=target.pk)
    return render(
        request,
        "org/two_factor_reset.html",
        {
            "form": form,
            "target": target,
            "enrolled": twofactor.has_devices(target),
            "events": target.two_factor_events.select_related("by")[:10],
        },
    )


# --- Logins given by HR ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def give_login(request: AuthedRequest, employee_id: int) -> HttpResponse:
    """HR creates or resets an employee's login: an e-mailed link or a printed first-login slip."""
    employee = get_employee_for_login(request.user, employee_id)
    form = GiveLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        method = form.cleaned_data["method"]
        try:
            password = logins.give_login(employee=employee, method=method, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if password is not None:
                response = pdf_response(
                    request,
                    "org/login_slip.html",
                    {
                        "employee": employee,
                        "username": employee.user.get_username() if employee.user else "",
                        "password": password,
                        "site_url": outbox.site_link(reverse("accounts:login")),
                    },
                    filename=f"login-{logins.default_username(employee)}",
                )
                response["Cache-Control"] = "no-store"
                return response
            messages.success(
                request,
                _("An e-mail with a link to choose a password is on its way to %(email)s.")
                % {"email": employee.email},
            )
            return redirect("org:give_login", employee_id=employee.pk)
    events = employee.user.login_events.select_related("by__employee")[:10] if employee.user else []
    return render(
        request,
        "org/give_login.html",
        {"form": form, "employee": employee, "events": events},
    )


@login_required
@require_http_methods(["GET", "POST"])
def give_logins(request: AuthedRequest, unit_id: int) -> HttpResponse:
    """HR gives logins in bulk to the people of a unit without an account (or a selection)."""
    unit, people = employees_for_logins(request.user, unit_id)
    form = GiveLoginForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        ids = [int(pk) for pk in request.POST.getlist("employee") if pk.isdigit()]
        chosen = list(people.filter(pk__in=ids).order_by("name")[:500])
        slips = []
        for employee in chosen:
            try:
                password = logins.give_login(
                    employee=employee, method=form.cleaned_data["method"], by=request.user
                )
            except ValidationError as exc:
                problems.append(
                    f"{employee.display_name} ({employee.nip_display}): {exc.messages[0]}"
                )
                continue
            if password is not None:
                slips.append(
                    {
                        "employee": employee,
                        "username": employee.user.get_username() if employee.user else "",
                        "password": password,
                    }
                )
        if slips:
            response = pdf_response(
                request,
                "org/login_slips.html",
                {"slips": slips, "site_url": outbox.site_link(reverse("accounts:login"))},
                filename=f"login-{unit.pk}",
            )
            response["Cache-Control"] = "no-store"
            return response
        if not problems:
            messages.success(request, _("%(n)d login(s) given.") % {"n": len(chosen)})
            return redirect("org:give_logins", unit_id=unit.pk)
    rows = list(people.order_by("unit__path", "name")[:300])
    return render(
        request,
        "org/give_logins.html",
        {"form": form, "unit": unit, "rows": rows, "problems": problems},
    )
