from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from sikap.accounts import outbox, signin, twofactor
from sikap.accounts.attention import attention_items
from sikap.accounts.forms import (
    LoginForm,
    OutboxPasswordResetForm,
    TwoFactorCodeForm,
)
from sikap.accounts.home import home_sections
from sikap.accounts.http import AuthedRequest
from sikap.accounts.models import EmailStatus, OutgoingEmail, Role, User
from sikap.accounts.navigation import related_links
from sikap.accounts.viewer import scope_of
from sikap.lib import ratelimit


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

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not twofactor.has_devices(user):
            return super().form_valid(form)
        # The password was right; the session is signed in only after the second step.
        self.request.session[_PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": time.time(),
        }
        return redirect("accounts:two_factor_verify")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        User.objects.filter(pk=form.user.pk).update(must_change_password=False)
        return response


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

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        User.objects.filter(pk=form.user.pk).update(must_change_password=False)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_message.html"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """For citizens, the doors to the public services; for staff, "what needs my attention?"."""
    if not request.user.is_authenticated:
        doors = related_links("landing", request.user, None, None)
        return render(request, "accounts/landing.html", {"doors": doors})
    scope = scope_of(request.user)
    chain = me_links = None
    if scope.employee is not None:
        chain = scope.chart.chain_of(scope.employee)
        me_links = related_links("me", request.user, scope, scope.employee)
    role_labels = [Role(role).label for role in Role if role in scope.roles]
    sections = home_sections(request, scope)
    return render(
        request,
        "accounts/home.html",
        {
            "items": attention_items(request.user, scope),
            "sections": sections,
            "section_scripts": list(dict.fromkeys(s for x in sections for s in x.scripts)),
            "chain": chain,
            "me_links": me_links,
            "role_labels": role_labels,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def outbox_page(request: AuthedRequest) -> HttpResponse:
    """HR sees how many e-mails wait or failed and sends the failed ones again."""
    scope = scope_of(request.user)
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


# --- Two-step verification -------------------------------------------------------------------

_PENDING = "signin_pending"
_SHOWN_CODES = "two_factor_recovery_codes"


def _pending_user(request: HttpRequest) -> tuple[User, str, str] | None:
    pending = request.session.get(_PENDING)
    if not pending or time.time() - pending["at"] > settings.TWO_FACTOR_PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending["backend"], pending["next"]) if user else None


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of sign-in, after the password: a code from the app or a recovery code."""
    pending = _pending_user(request)
    if pending is None:
        request.session.pop(_PENDING, None)
        return redirect("accounts:login")
    user, backend, next_url = pending
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = f"signin:otp:{user.pk}"
        limit, window = settings.TWO_FACTOR_ATTEMPTS, settings.TWO_FACTOR_PENDING_SECONDS
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[_PENDING]
            auth_login(request, user, backend=backend)
            otp_login(request, device)
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        if ratelimit.hit(key, limit=limit, window=window):
            # Too many wrong codes: the password must be typed again (and counts as a failure).
            del request.session[_PENDING]
            signin.count_failed_signin(request)
            messages.error(request, _("Too many wrong codes. Sign in again."))
            return redirect("accounts:login")
        form.add_error(
            "code", ValidationError(_("This code is not valid."), code="two_factor_invalid")
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: AuthedRequest) -> HttpResponse:
    """Set up, check or switch off two-step verification for the signed-in user."""
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    enrolled = twofactor.has_devices(user)
    verified = user.is_verified()
    form = TwoFactorCodeForm(request.POST or None)
    action = request.POST.get("action", "")
    context: dict[str, Any] = {
        "form": form,
        "next": next_url,
        "required": twofactor.requires_two_factor(user),
        "enrolled": enrolled,
        "verified": verified,
        "codes_left": 0,
        "events": user.two_factor_events.select_related("by")[:10],
    }
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if not enrolled:
            codes = twofactor.confirm_enrolment(
                device=twofactor.pending_device(user), token=code, by=user
            )
            if codes is not None:
                otp_login(request, twofactor.verified_device(user))
                return _show_recovery_codes(request, codes, next_url)
        else:
            device = twofactor.verify(user, code)
            if device is not None:
                otp_login(request, device)
                if action == "disable":
                    twofactor.disable(user=user, by=user)
                    request.session.pop(DEVICE_ID_SESSION_KEY, None)
                    messages.success(request, _("Two-step verification is off."))
                    return redirect("accounts:two_factor")
                if action == "recovery":
                    codes = twofactor.regenerate_recovery_codes(user=user, by=user)
                    return _show_recovery_codes(request, codes, next_url)
                return redirect(next_url or "accounts:home")
        form.add_error(
            "code", ValidationError(_("This code is not valid."), code="two_factor_invalid")
        )
    if not enrolled:
        device = twofactor.pending_device(user)
        context["qr"] = mark_safe(twofactor.qr_svg(device))
        context["secret"] = twofactor.secret_of(device)
    else:
        context["codes_left"] = twofactor.recovery_codes_left(user)
    request.session.pop(_SHOWN_CODES, None)
    return render(request, "accounts/two_factor.html", context)


def _show_recovery_codes(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    # Kept in the session only for the download link of this page; gone on the next visit.
    request.session[_SHOWN_CODES] = codes
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": next_url})


@login_required
@require_GET
def two_factor_recovery_download(request: AuthedRequest) -> HttpResponse:
    """The recovery codes just shown, as a text file (once: the link is gone afterwards)."""
    codes = request.session.pop(_SHOWN_CODES, None)
    if not codes:
        raise Http404
    text = _("SIKAP recovery codes for %(user)s (each works once):") % {
        "user": request.user.get_username()
    }
    body = "\n".join([text, "", *codes, ""])
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sikap-recovery-codes.txt"'
    response["Cache-Control"] = "no-store"
    return response
