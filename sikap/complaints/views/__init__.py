"""Complaint pages, by audience: citizens, staff, HR settings and reports."""

from sikap.complaints.views.calendar import (
    holiday_add,
    holiday_bulk,
    holiday_delete,
    holiday_propose,
    holidays,
    settings_view,
    texts,
)
from sikap.complaints.views.citizen import (
    citizen_confirm,
    citizen_rate,
    citizen_reply,
    public_form,
    status,
    track,
)
from sikap.complaints.views.reports import (
    report,
)
from sikap.complaints.views.staff import (
    ACTION_LABELS,
    STATUS_FILTERS,
    TEMPLATE_FIELDS,
    act,
    attachment,
    detail,
    inbox,
    staff_new,
)

__all__ = [
    "ACTION_LABELS",
    "STATUS_FILTERS",
    "TEMPLATE_FIELDS",
    "act",
    "attachment",
    "citizen_confirm",
    "citizen_rate",
    "citizen_reply",
    "detail",
    "holiday_add",
    "holiday_bulk",
    "holiday_delete",
    "holiday_propose",
    "holidays",
    "inbox",
    "public_form",
    "report",
    "settings_view",
    "staff_new",
    "status",
    "texts",
    "track",
]
