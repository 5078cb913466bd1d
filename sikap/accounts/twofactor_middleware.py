"""Until a user who must use two-step verification has enrolled and verified in this session,
every page but the two-step pages and sign-out sends them there; API and htmx requests get 403."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.accounts.twofactor import requires_two_factor

# Names of the pages a user who still owes the second step may open.
OPEN_PAGES = (
    "accounts:two_factor",
    "accounts:two_factor_recovery_download",
    "accounts:two_factor_verify",
    "accounts:login",
    "accounts:logout",
)


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        blocked = self._blocked(request)
        return blocked if blocked is not None else self.get_response(request)

    def _blocked(self, request: HttpRequest) -> HttpResponse | None:
        if not settings.TWO_FACTOR_REQUIRED:
            return None
        user = request.user
        if not isinstance(user, User) or user.is_verified():
            return None
        path = request.path_info
        if path.startswith((settings.STATIC_URL, "/i18n/")):
            return None
        if path in {reverse(name) for name in OPEN_PAGES}:
            return None
        if not requires_two_factor(user):
            return None
        message = _(
            "Your role requires two-step verification. Open %(url)s to set it up or to enter "
            "your code, then try again."
        ) % {"url": reverse("accounts:two_factor")}
        if path.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "two_factor_required"}, status=403)
        if getattr(request, "htmx", False):
            return HttpResponse(message, status=403, content_type="text/plain; charset=utf-8")
        return redirect(
            reverse("accounts:two_factor") + "?" + urlencode({"next": request.get_full_path()})
        )
