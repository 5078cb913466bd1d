"""The wording of the training notifications, one function per kind.

Each returns ``(title, body)`` through gettext; ``planning.services.common.notify`` calls it in
the recipient's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from sikap.lib.formatting import long_date

if TYPE_CHECKING:
    from sikap.development.models import TrainingEvent


def event_days(event: TrainingEvent) -> str:
    """``16 Desember 2026`` or ``16 Desember 2026 – 18 Desember 2026`` in the active language."""
    if event.start_date == event.end_date:
        return long_date(event.start_date)
    return f"{long_date(event.start_date)} – {long_date(event.end_date)}"


def invited(event: TrainingEvent) -> tuple[str, str]:
    return (
        _("Invitation: %(name)s") % {"name": event.name},
        _("You are invited to %(name)s on %(days)s. Register on the event page.")
        % {"name": event.name, "days": event_days(event)},
    )


def seat_freed(event: TrainingEvent) -> tuple[str, str]:
    return (
        _("You have a seat: %(name)s") % {"name": event.name},
        _("A seat became free and you moved up from the waiting list of %(name)s (%(days)s).")
        % {"name": event.name, "days": event_days(event)},
    )
