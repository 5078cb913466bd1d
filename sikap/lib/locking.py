"""Row locks for workflow transitions: concurrent requests on one row run one after the other.

A transition re-reads its row under ``SELECT ... FOR UPDATE`` inside the service's transaction
and only then checks the status, so of ten simultaneous submits one moves the row and the
others see the new status (and change nothing). SQLite ignores ``FOR UPDATE``: there the one
database writer already serialises the transactions.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


def _check_atomic() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A row lock outside transaction.atomic is released at once.")


def lock(obj: M) -> M:
    """Re-read ``obj`` from its row, in place, holding the row lock until the transaction ends."""
    _check_atomic()
    manager = type(obj)._default_manager
    obj.refresh_from_db(from_queryset=manager.select_for_update(of=("self",)))
    return obj


def locked(model: type[M], pk: Any, *, queryset: models.QuerySet[M] | None = None) -> M:
    """The row ``pk`` of ``model`` (through ``queryset`` if given), locked until commit."""
    _check_atomic()
    rows = queryset if queryset is not None else model._default_manager.all()
    return rows.select_for_update(of=("self",)).get(pk=pk)
