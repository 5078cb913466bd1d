"""The one way a service names the actor of a change in the audit trail (django-simple-history)."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model

M = TypeVar("M", bound=Model)


def stamp(instance: M, by: AbstractBaseUser | None, *, reason: str | None = None) -> M:
    """Record ``by`` (and a reason) as the author of the instance's next saved history row."""
    # simple-history reads these attributes when the instance is saved.
    instance._history_user = by  # type: ignore[attr-defined]
    if reason is not None:
        instance._change_reason = reason  # type: ignore[attr-defined]
    return instance
