"""The page of a refused form (CSRF): in the user's language, inside SIKAP's layout, with a way back.

Django's own ``csrf_failure`` renders its template without the request, so the layout (menu,
language switch) and the user's home page are not available to it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403: the form was sent with an expired or missing token; offer the page it came from."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    return render(request, "403_csrf.html", {"back": back}, status=403)
