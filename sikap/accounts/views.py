from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from sikap.accounts.attention import attention_items
from sikap.accounts.forms import LoginForm
from sikap.accounts.models import Role
from sikap.accounts.navigation import related_links
from sikap.accounts.scope import get_scope


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


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
