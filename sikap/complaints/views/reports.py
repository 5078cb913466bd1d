"""Metrics and the monthly report (page, PDF, Excel)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sikap.accounts.http import AuthedRequest
from sikap.complaints import access, forms, metrics
from sikap.complaints.models import (
    Channel,
    Complaint,
    ComplaintClass,
    Status,
)
from sikap.org.models import Employee, path_within, within_q

# ---------------------------------------------------------------- metrics and monthly report


def _month_bounds(text: str, today: dt.date) -> tuple[dt.date, dt.date]:
    try:
        year, month = (int(part) for part in text.split("-")[:2])
        start = dt.date(year, month, 1)
    except (ValueError, TypeError):
        start = today.replace(day=1)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return start, end


OVERDUE_SHOWN = 20


@require_GET
@login_required
def report(request: AuthedRequest) -> HttpResponse:
    """Monthly metrics per unit and employee; as a page, PDF or Excel."""
    units_qs = access.report_units(request.user)
    today = timezone.localdate()
    units = list(units_qs.order_by("path"))
    form = forms.ReportForm(request.GET or None, units=units_qs)
    start, end = _month_bounds(request.GET.get("month", ""), today)
    root = next((u for u in units if str(u.pk) == request.GET.get("unit")), None)
    if root is None and units:
        root = units[0]
    shown = [u for u in units if root is not None and path_within(u.path, [root.path])]
    qs = metrics.period_queryset(start, end)
    qs = qs.filter(within_q([root.path])) if root else qs.none()
    rows = metrics.rows_for(qs)
    employees = Employee.objects.in_bulk({r["assignee_id"] for r in rows if r["assignee_id"]})
    late = (
        Complaint.objects.overdue(today)
        .filter(within_q([root.path] if root else []))
        .select_related("unit", "assignee")
        .order_by("due_on", "pk")
    )
    # The page shows the longest overdue and links to the inbox for the rest (a city's
    # kecamatan can have hundreds); the printed report lists up to 200.
    fmt = request.GET.get("format")
    overdue = list(late[: 200 if fmt == "pdf" else OVERDUE_SHOWN])
    overdue_count = late.count() if fmt is None else len(overdue)
    total = metrics.summarise(rows, today)
    breakdowns = [
        (_("By status"), [(x.label, total.by_status.get(x.value, 0)) for x in Status]),
        (_("By class"), [(x.label, total.by_class.get(x.value, 0)) for x in ComplaintClass]),
        (_("By channel"), [(x.label, total.by_channel.get(x.value, 0)) for x in Channel]),
    ]
    context = {
        "form": form,
        "breakdowns": breakdowns,
        "start": start,
        "end": end,
        "month": f"{start:%Y-%m}",
        "root": root,
        "total": total,
        "unit_rows": metrics.by_unit(rows, shown, today),
        "employee_rows": metrics.by_employee(rows, employees, today),
        "overdue": overdue,
        "overdue_more": max(0, overdue_count - len(overdue)),
        "today": today,
    }
    filename = f"pengaduan-{start:%Y-%m}"
    if fmt == "pdf":
        from sikap.lib.pdf import pdf_response

        context["pdf_sections"] = [
            ("Per unit", context["unit_rows"]),
            ("Per pegawai", context["employee_rows"]),
        ]
        return pdf_response(request, "complaints/report_pdf.html", context, filename=filename)
    if fmt == "xlsx":
        return _report_xlsx(context, filename)
    return render(request, "complaints/report.html", context)


def _report_xlsx(context: dict[str, Any], filename: str) -> HttpResponse:
    from sikap.lib.xlsx import add_sheet, new_workbook, xlsx_response

    def line(label: str, s: metrics.Summary) -> list[Any]:
        return [
            label,
            s.total,
            *(s.by_status.get(st.value, 0) for st in Status),
            s.closed,
            s.closed_on_time,
            s.open_overdue,
            float(s.on_time_rate) if s.on_time_rate is not None else None,
            *(
                float(v) if v is not None else None
                for v in (s.median_verify, s.median_answer, s.median_close)
            ),
        ]

    headers = [
        "Unit/Pegawai",
        "Jumlah",
        *(str(st.label) for st in Status),
        "Selesai ditangani",
        "Tepat waktu",
        "Terbuka & terlambat",
        "Ketepatan waktu (%)",
        "Median verifikasi (hari kerja)",
        "Median tanggapan (hari kerja)",
        "Median selesai (hari kerja)",
    ]
    workbook = new_workbook()
    add_sheet(workbook, "Per unit", headers, [line(u.name, s) for u, s in context["unit_rows"]])
    add_sheet(
        workbook,
        "Per pegawai",
        headers,
        [line(e.display_name, s) for e, s in context["employee_rows"]],
    )
    add_sheet(
        workbook,
        "Terlambat",
        ["Kode", "Unit", "Perihal", "Status", "Batas waktu", "Petugas"],
        [
            [
                c.tracking_code,
                c.unit.name,
                c.subject,
                str(c.get_status_display()),
                c.due_on,
                c.assignee.display_name if c.assignee else "",
            ]
            for c in context["overdue"]
        ],
    )
    return xlsx_response(workbook, filename=filename)
