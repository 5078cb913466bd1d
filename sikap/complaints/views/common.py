"""Shared helpers of the complaint pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from sikap.lib import ratelimit
from sikap.lib.clientip import client_ip

PUBLIC_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "same-origin",  # no-referrer would send "Origin: null" and fail CSRF
}


def with_public_headers(response: HttpResponse) -> HttpResponse:
    for key, value in PUBLIC_HEADERS.items():
        response[key] = value
    return response


def rate_limited(request: HttpRequest, key: str, limit: int, window: int) -> bool:
    """Count a request against a per-address budget; True once the budget is spent."""
    return ratelimit.hit(f"complaints:{key}:{client_ip(request)}", limit=limit, window=window)
