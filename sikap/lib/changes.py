"""A signal for the writes that bypass ``save()`` and ``delete()``.

``QuerySet.update``, ``bulk_create`` and ``bulk_update`` send no ``post_save``. A model whose
changes something else must notice (the supervisor chart behind every user's scope, say) uses
``SignallingQuerySet``, and the listener connects to ``bulk_changed`` as well as to the model
signals.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

# Sent with ``sender`` = the model class, after the rows were written.
bulk_changed = Signal()


class SignallingQuerySet:
    """A mixin for a model's QuerySet whose bulk writes send ``bulk_changed``.

    ``class EmployeeQuerySet(SignallingQuerySet, models.QuerySet["Employee"])``.
    """

    def update(self, **kwargs: Any) -> int:
        count: int = super().update(**kwargs)  # type: ignore[misc]
        bulk_changed.send(sender=self.model)  # type: ignore[attr-defined]
        return count

    def bulk_create(self, *args: Any, **kwargs: Any) -> Any:
        created = super().bulk_create(*args, **kwargs)  # type: ignore[misc]
        bulk_changed.send(sender=self.model)  # type: ignore[attr-defined]
        return created

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        count: int = super().bulk_update(*args, **kwargs)  # type: ignore[misc]
        bulk_changed.send(sender=self.model)  # type: ignore[attr-defined]
        return count


__all__ = ["SignallingQuerySet", "bulk_changed"]
