from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sikap.accounts.navigation import nav_items
from sikap.accounts.viewer import scope_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "scope": None}
    scope = scope_of(user)
    return {"nav_items": nav_items(user, scope), "scope": scope}
