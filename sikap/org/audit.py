"""The audit trail of a record, as rows people can read: who, when, what changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class AuditRow:
    when: Any
    who: str
    action: str
    changes: list[tuple[str, str, str]]


def _value(record: Any, field_name: str) -> str:
    field = record.instance_type._meta.get_field(field_name)
    value = getattr(record, field.attname, None)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value) or "-")
    if value in (None, ""):
        return "-"
    return str(value)


def audit_rows(history_queryset: Any, limit: int = 50) -> list[AuditRow]:
    """The last changes of a record, newest first, each with its field-by-field differences."""
    records = list(
        history_queryset.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    rows: list[AuditRow] = []
    labels = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[tuple[str, str, str]] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append(
                    (
                        str(field.verbose_name),
                        _value(previous, change.field),
                        _value(record, change.field),
                    )
                )
        who = record.history_user.get_username() if record.history_user else _("system")
        rows.append(AuditRow(record.history_date, who, labels[record.history_type], changes))
    return rows


__all__ = ["AuditRow", "audit_rows"]
