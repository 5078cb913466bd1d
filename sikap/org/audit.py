"""The audit trail of a record, as rows people can read: who, when, what changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.org.models import Assignment, SupervisorOverride

# Times of the audit trail are read in Palembang: always WIB, whatever the server runs in.
WIB = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class AuditRow:
    when: Any
    who: str
    action: str
    changes: list[tuple[str, str, str]]
    subject: str = ""


def _value(record: Any, field_name: str, names: dict[tuple[Any, Any], str]) -> str:
    field = record.instance_type._meta.get_field(field_name)
    value = getattr(record, field.attname, None)
    if isinstance(field, models.ForeignKey) and value not in (None, ""):
        # Name the related record ("Kepala Seksi Pemerintahan"), not its id; once per record.
        key = (field.related_model, value)
        if key not in names:
            related = field.related_model._default_manager.filter(pk=value).first()
            names[key] = str(related) if related is not None else f"#{value}"
        return names[key]
    if field.choices:
        return str(dict(field.flatchoices).get(value, value) or "-")
    if value in (None, ""):
        return "-"
    return str(value)


def audit_rows(
    history_queryset: Any,
    limit: int = 50,
    *,
    subject: str = "",
    created_fields: tuple[str, ...] = (),
) -> list[AuditRow]:
    """The last changes of a record, newest first, each with its field-by-field differences."""
    records = list(
        history_queryset.select_related("history_user__employee").order_by("-history_date")[
            : limit + 1
        ]
    )
    names: dict[tuple[Any, Any], str] = {}
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
                        _value(previous, change.field, names),
                        _value(record, change.field, names),
                    )
                )
        elif record.history_type == "+":
            # A new record (a Plh. assignment, a penilai set by hand) reads as what it says.
            for name in created_fields:
                field = record.instance_type._meta.get_field(name)
                value = _value(record, name, names)
                if value != "-":
                    changes.append((str(field.verbose_name), "-", value))
        who = _actor(record.history_user)
        when = timezone.localtime(record.history_date, WIB)
        rows.append(AuditRow(when, who, labels[record.history_type], changes, subject))
    return rows


def employee_audit_rows(employee: Any, limit: int = 50) -> list[AuditRow]:
    """An employee's trail: their data, their Plt./Plh. and definitive posts, penilai set by hand."""
    rows = audit_rows(employee.history.all(), limit)
    rows += audit_rows(
        Assignment.history.filter(employee_id=employee.pk),
        limit,
        subject=_("Position history"),
        created_fields=("kind", "position", "unit", "start_date", "end_date", "decree_number"),
    )
    rows += audit_rows(
        SupervisorOverride.history.filter(employee_id=employee.pk),
        limit,
        subject=_("Pejabat penilai set by hand"),
        created_fields=("penilai", "atasan", "start_date", "end_date", "reason"),
    )
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:limit]


def _actor(user: Any) -> str:
    """The actor by name (the employee's name, else the account's full name), never a NIP."""
    if user is None:
        return _("system")
    employee = getattr(user, "employee", None)
    if employee is not None:
        return str(employee.display_name)
    return str(user.get_full_name() or user.get_username())


__all__ = ["WIB", "AuditRow", "audit_rows", "employee_audit_rows"]
