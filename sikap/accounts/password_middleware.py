"""A user signed in with the one-time password of a printed slip must choose their own first."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

OPEN_PAGES = (
    "accounts:password_change",
    "accounts:password_change_done",
    "accounts:logout",
    "accounts:login",
)


class RequirePasswordChangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path_info.startswith((settings.STATIC_URL, "/i18n/"))
            and request.path_info not in {reverse(name) for name in OPEN_PAGES}
        ):
            if request.path_info.startswith("/api/") or getattr(request, "htmx", False):
                return HttpResponse(
                    _("Choose your own password first."),
                    status=403,
                    content_type="text/plain; charset=utf-8",
                )
            messages.info(
                request, _("Choose your own password first: the slip's password works once.")
            )
            return redirect("accounts:password_change")
        return self.get_response(request)
