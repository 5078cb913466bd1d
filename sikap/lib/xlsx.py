"""Excel workbooks with openpyxl: a header row, typed cells, frozen panes, sensible widths."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def add_sheet(
    workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Worksheet:
    """Append a sheet with a bold header row and the given rows."""
    sheet: Worksheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBE3")
    widths = [len(str(h)) for h in headers]
    for row in rows:
        sheet.append(list(row))
        for index, value in enumerate(row):
            if index < len(widths):
                widths[index] = max(
                    widths[index], min(len(str(value if value is not None else "")), 60)
                )
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    return sheet


def new_workbook() -> Workbook:
    """An empty workbook (its default sheet removed)."""
    workbook = Workbook()
    if workbook.active is not None:
        workbook.remove(workbook.active)
    return workbook


def xlsx_response(workbook: Workbook, *, filename: str) -> HttpResponse:
    """A download of the workbook; ``filename`` without the extension."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
