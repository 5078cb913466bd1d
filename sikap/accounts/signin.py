"""Sign-in hardening: one lockout counter per account whatever alias was typed, and a budget of
failed sign-ins and password-reset requests per client address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from sikap.accounts.models import User
from sikap.lib import ratelimit
from sikap.lib.clientip import client_ip
from sikap.lib.nip import normalise_nip


def resolve_user(typed: str) -> User | None:
    """The account a typed NIP (spaces allowed) or username (any case) belongs to."""
    typed = (typed or "").strip()
    if not typed:
        return None
    candidate = normalise_nip(typed)
    if len(candidate) == 18 and candidate.isdigit():
        user = User.objects.filter(employee__nip=candidate).first()
        if user is not None:
            return user
    return User.objects.filter(username__iexact=typed).first()


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The key django-axes counts failures under: the account's username, not what was typed."""
    typed = (credentials or {}).get("username")
    if typed is None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        typed = data.get("username", "")
    user = resolve_user(str(typed))
    if user is not None:
        return user.get_username()
    # An unknown name is still counted, in one spelling, so case games do not reset it.
    return normalise_nip(str(typed)) if normalise_nip(str(typed)).isdigit() else str(typed).lower()


def _address_key(request: HttpRequest, what: str) -> str:
    return f"signin:{what}:{client_ip(request)}"


def address_blocked(request: HttpRequest) -> bool:
    """True when this address failed too many sign-ins (any accounts) in the current window."""
    limit, window = settings.SIGNIN_ADDRESS_LIMIT
    return ratelimit.peek(_address_key(request, "failed"), window=window) >= limit


def count_failed_signin(request: HttpRequest) -> None:
    """Count one failed sign-in against the client address (password spraying)."""
    limit, window = settings.SIGNIN_ADDRESS_LIMIT
    ratelimit.hit(_address_key(request, "failed"), limit=limit, window=window)


def password_reset_allowed(request: HttpRequest, email: str) -> tuple[bool, bool]:
    """(address within budget, e-mail address within budget) for one password-reset request."""
    limit, window = settings.PASSWORD_RESET_LIMIT
    by_address = not ratelimit.hit(_address_key(request, "reset"), limit=limit, window=window)
    if not by_address:
        return False, True
    by_email = not ratelimit.hit(
        f"signin:reset-email:{email.strip().lower()}", limit=max(1, limit // 2), window=window
    )
    return by_address, by_email
