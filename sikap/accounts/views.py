from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikap.accounts import outbox, signin
from sikap.accounts.attention import attention_items
from sikap.accounts.forms import LoginForm, OutboxPasswordResetForm
from sikap.accounts.models import EmailStatus, OutgoingEmail, Role
from sikap.accounts.navigation import related_links
from sikap.accounts.scope import get_scope


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Password spraying: many accounts, few guesses each, from one address.
        if signin.address_blocked(request):
            return render(request, "accounts/locked_out.html", {"by_address": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        signin.count_failed_signin(self.request)
        return super().form_invalid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_message.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    form_class = OutboxPasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        by_address, by_email = signin.password_reset_allowed(
            self.request, form.cleaned_data["email"]
        )
        if not by_address:
            form.add_error(
                None,
                ValidationError(
                    _("Too many password reset requests from this connection. Try again later."),
                    code="reset_rate_limited",
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        if not by_email:
            # Same answer as a sent link: the page must not tell who exists or was asked for.
            return redirect(self.success_url)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_message.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_message.html"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """For citizens, the doors to the public services; for staff, "what needs my attention?"."""
    if not request.user.is_authenticated:
        doors = related_links("landing", request.user, None, None)
        return render(request, "accounts/landing.html", {"doors": doors})
    scope = get_scope(request.user)
    chain = None
    if scope.employee is not None:
        chain = scope.chart.chain_of(scope.employee)
    role_labels = [Role(role).label for role in Role if role in scope.roles]
    return render(
        request,
        "accounts/home.html",
        {
            "items": attention_items(request.user, scope),
            "chain": chain,
            "role_labels": role_labels,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def outbox_page(request: HttpRequest) -> HttpResponse:
    """HR sees how many e-mails wait or failed and sends the failed ones again."""
    scope = get_scope(request.user)
    if not (scope.is_superadmin or scope.has(Role.ADMIN_KEPEGAWAIAN)):
        raise PermissionDenied
    if request.method == "POST":
        count = outbox.retry_failed(by=request.user)
        messages.success(request, _("%(n)d e-mail(s) queued again.") % {"n": count})
        return redirect("accounts:outbox")
    totals = OutgoingEmail.objects.aggregate(
        pending=Count("pk", filter=Q(status=EmailStatus.PENDING)),
        failed=Count("pk", filter=Q(status=EmailStatus.FAILED)),
    )
    # Addresses and subjects cross every unit: only the superadmin sees them.
    rows = (
        list(OutgoingEmail.objects.exclude(status=EmailStatus.SENT)[:50])
        if scope.is_superadmin
        else []
    )
    return render(request, "accounts/outbox.html", {"totals": totals, "rows": rows})
