"""One number that changes whenever who may see or supervise whom may have changed.

A user's scope (``org/scope.py``) follows from the units, positions, employees, acting
assignments, supervisor overrides and role assignments of the instance. Working it out costs
10–17 queries on every request (45 ms for a camat of 800 staff at city scale), so it is kept in
the shared cache under this version, which every write to those tables changes: through their
model signals, and through ``bulk_changed`` for the querysets' bulk writes. Raw SQL (the
synthetic city generator) calls ``changed()`` itself.

The version changes at once (a test, or a request later in the same transaction, sees the new
data) and again after the commit: a request that worked out a scope from the old rows while the
transaction was open kept it under a version no one asks for any more.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from sikap.lib.changes import bulk_changed

KEY = "org:chart-version"
logger = logging.getLogger(__name__)


def version() -> int:
    """The current version (a fresh, unguessable start when the cache has none)."""
    current = cache.get(KEY)
    if current is None:
        cache.add(KEY, time.time_ns(), timeout=None)
        current = cache.get(KEY, 0)
    return int(current)


def _bump() -> None:
    try:
        try:
            cache.incr(KEY)
        except ValueError:  # not in the cache (never set, or evicted): start afresh
            cache.add(KEY, time.time_ns(), timeout=None)
    except Exception:
        # The cache is unreachable: the save goes on. Servers that cannot reach it either work
        # scopes out per request; any scope kept elsewhere ends after SCOPE_CACHE_SECONDS.
        logger.exception("could not mark the kept scopes out of date")


def changed() -> None:
    """Mark every kept scope as out of date, now and after the transaction commits."""
    _bump()
    transaction.on_commit(_bump)


def _on_change(sender: Any, **kwargs: Any) -> None:
    changed()


def connect() -> None:
    """Listen to the tables a scope is worked out from (called once, from OrgConfig.ready)."""
    from sikap.accounts.models import RoleAssignment
    from sikap.org.models import Assignment, Employee, Position, SupervisorOverride, Unit

    for model in (Unit, Position, Employee, Assignment, SupervisorOverride, RoleAssignment):
        uid = f"org-chart-{model._meta.label_lower}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
        bulk_changed.connect(_on_change, sender=model, dispatch_uid=f"{uid}-bulk")


__all__ = ["changed", "connect", "version"]
