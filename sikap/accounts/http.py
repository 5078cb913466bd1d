"""The request type of views behind ``login_required``: the user is a real ``User``."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from sikap.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


def request_user(request: HttpRequest) -> User | None:
    """The signed-in ``User`` of a request, as the actor a service records; ``None`` if anonymous."""
    user = request.user
    return user if isinstance(user, User) else None
