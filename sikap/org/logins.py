"""HR gives logins: an account for an employee (username = NIP), by e-mail link or printed slip."""

from __future__ import annotations

import secrets

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from sikap.accounts.models import LoginAction, LoginEvent, User
from sikap.accounts.outbox import queue_email, site_link
from sikap.lib.audit import stamp
from sikap.org.models import Employee

EMAIL = "email"
SLIP = "slip"
# Letters and digits that cannot be mistaken for one another on paper (no 0/O, 1/l/I).
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def default_username(employee: Employee) -> str:
    """The NIP; an employee without one (non-ASN) gets ``pegawai-<id>``."""
    return employee.nip or f"pegawai-{employee.pk}"


def initial_password() -> str:
    """A one-time initial password for a printed slip (12 unambiguous characters)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(12))


def set_password_link(user: User) -> str:
    """The absolute set-password link of Django's token machinery, from ``SITE_URL``."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_link(reverse("accounts:password_reset_confirm", args=[uid, token]))


@transaction.atomic
def give_login(*, employee: Employee, method: str, by: User | None) -> str | None:
    """Create the employee's account if missing, then invite (e-mail) or reset it (slip).

    Returns the one-time initial password for a slip (printed, never stored), else None.
    """
    if method not in (EMAIL, SLIP):
        raise ValidationError(_("Choose e-mail or printed slip."), code="login_method")
    if method == EMAIL and not employee.email:
        raise ValidationError(
            _("%(name)s has no e-mail address: print a first-login slip instead.")
            % {"name": employee.display_name},
            code="login_no_email",
        )
    user = employee.user
    created = user is None
    if user is None:
        username = default_username(employee)
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(
                _("The username %(username)s is already used by another account.")
                % {"username": username},
                code="login_username_taken",
            )
        user = User(username=username, first_name=employee.name[:150], email=employee.email)
        user.set_unusable_password()
        user.save()
        employee.user = user
        stamp(employee, by)
        employee.save(update_fields=["user"])
    elif user.is_superuser or user.is_staff or user.role_assignments.exists():
        # HR and auditor accounts reach other people's data: only the superadmin resets them.
        raise ValidationError(
            _("This account has an assigned role: only the superadmin can reset it."),
            code="login_privileged",
        )
    password = None
    if method == SLIP:
        password = initial_password()
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        action = LoginAction.SLIP if created else LoginAction.RESET_SLIP
    else:
        if employee.email and user.email != employee.email:
            user.email = employee.email
            user.save(update_fields=["email"])
        body = render_to_string(
            "accounts/login_invite_email.txt",
            {
                "name": employee.display_name,
                "username": user.get_username(),
                "link": set_password_link(user),
                "created": created,
            },
        )
        subject = _("Your SIKAP account") if created else _("Reset your SIKAP password")
        queue_email(to=employee.email, subject=subject, body=body)
        action = LoginAction.INVITED if created else LoginAction.RESET_EMAIL
    LoginEvent.objects.create(user=user, by=by, action=action)
    return password
