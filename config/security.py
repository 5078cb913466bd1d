"""Response headers and request limits that hold for every page of SIKAP.

* ``RequestBodyLimitMiddleware`` refuses a body larger than its path allows from the declared
  ``Content-Length``, before anything reads it (Django's own limits only apply to form fields
  held in memory; a 300 MB file upload was otherwise received whole, streamed to disk).
* ``SecurityHeadersMiddleware`` sends a strict Content-Security-Policy (scripts only from our
  own origin or with this response's nonce; no inline handlers), and a Permissions-Policy
  that switches off the browser features SIKAP never uses.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def content_security_policy(nonce: str) -> str:
    """The policy for one response; ``nonce`` allows the few scripts that must be inline."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "script-src-attr 'none'",
            # Bootstrap and Chart.js set element styles; a few templates carry style="".
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "manifest-src 'self'",
            "worker-src 'self'",
        ]
    )


def csp_nonce(request: HttpRequest) -> dict[str, str]:
    """Template context processor: ``{{ csp_nonce }}`` for a ``<script nonce=...>``."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(nonce))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


def body_limit_for(path: str) -> int:
    """The largest request body accepted on this path (``REQUEST_BODY_LIMITS``, longest prefix)."""
    best = ("", settings.REQUEST_BODY_MAX_BYTES)
    for prefix, limit in settings.REQUEST_BODY_LIMITS.items():
        if path.startswith(prefix) and len(prefix) > len(best[0]):
            best = (prefix, limit)
    return best[1]


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit_for(request.path_info)
        if length > limit:
            message = _("The request is too large (%(size)s MB); the limit is %(limit)s MB.") % {
                "size": f"{length / 1048576:.1f}",
                "limit": f"{limit / 1048576:.0f}",
            }
            response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
            # The body was not read: the connection cannot be reused for another request.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
