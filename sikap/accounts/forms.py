from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("NIP or username"),
        max_length=64,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    # Bounded: a megabyte-long password would otherwise be hashed (Argon2) on every attempt.
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "The NIP/username or password is wrong. Note that the password is case-sensitive."
        ),
        "inactive": _("This account is not active."),
    }


class OutboxPasswordResetForm(PasswordResetForm):
    """The reset link leaves through the e-mail outbox, so a down mail server is not a 500."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from sikap.accounts.outbox import queue_email

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        queue_email(to=to_email, subject=subject, body=body)


class TwoFactorCodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        help_text=_("The 6 digits your authenticator app shows, or one of your recovery codes."),
    )


class TwoFactorResetForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255)


class GiveLoginForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How"),
        choices=[
            ("email", _("E-mail with a link to choose a password")),
            ("slip", _("Printed first-login slip (PDF) with a one-time password")),
        ],
        widget=forms.Select,
        initial="email",
    )
