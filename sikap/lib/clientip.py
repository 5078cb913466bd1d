"""The address of the client, also behind a reverse proxy (for rate limits and lockouts only)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT = N the N-th address from the right of X-Forwarded-For.

    Only the proxies we run append to X-Forwarded-For, so counting from the right ignores whatever
    a client wrote there itself.
    """
    proxies: int = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    if proxies <= 0:
        return remote or "unknown"
    forwarded = [
        part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
    ]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote or "unknown"


def axes_client_ip(request: HttpRequest) -> str | None:
    """The client address for django-axes, which stores it in an IP field: None when unknown."""
    address = client_ip(request)
    return None if address == "unknown" else address
