"""Shared helpers of the complaint pages."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

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
    cache_key = f"complaints:{key}:{client_ip(request)}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window)
        count = 1
    return count > limit
