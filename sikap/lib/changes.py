"""A signal for the writes that bypass ``save()`` and ``delete()``.

``QuerySet.update``, ``bulk_create`` and ``bulk_update`` send no ``post_save``. A model whose
changes something else must notice (the supervisor chart behind every user's scope, say) uses
``SignallingQuerySet``, and the listener connects to ``bulk_changed`` as well as to the model
signals.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.dispatch import Signal

# Sent with ``sender`` = the model class, after the rows were written.
bulk_changed = Signal()

_M = TypeVar("_M", bound=models.Model)


class SignallingQuerySet(models.QuerySet[_M]):
    """A queryset whose bulk writes send ``bulk_changed``."""

    def update(self, **kwargs: Any) -> int:
        count = super().update(**kwargs)
        bulk_changed.send(sender=self.model)
        return count

    def bulk_create(self, *args: Any, **kwargs: Any) -> list[_M]:
        created = super().bulk_create(*args, **kwargs)
        bulk_changed.send(sender=self.model)
        return created

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        count = super().bulk_update(*args, **kwargs)
        bulk_changed.send(sender=self.model)
        return count


__all__ = ["SignallingQuerySet", "bulk_changed"]
