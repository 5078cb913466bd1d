"""Excel workbooks with openpyxl: a header row, typed cells, frozen panes, sensible widths.

Every export goes through :func:`add_sheet` (or :func:`safe_cell` / :mod:`sikap.lib.csvexport`),
so text that people typed (an RHK, a complaint, a training title) can never become a live
formula in the spreadsheet of whoever opens the download.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet reads as the start of a formula (or of a DDE call): OWASP "CSV injection".
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    """Whether a spreadsheet would read this value as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value: Any) -> Any:
    """The value for a CSV cell: text starting like a formula gets a leading apostrophe.

    Numbers, dates and booleans stay what they are, so sums and sorting keep working.
    """
    return "'" + value if looks_like_formula(value) else value


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row; text that looks like a formula is stored as plain text (quote-prefixed).

    The text itself is kept exactly; only its cell type is forced to string, which no
    spreadsheet evaluates, and the quote prefix keeps it text when someone edits the cell.
    """
    # Control characters (a pasted form feed, say) make openpyxl refuse the whole file.
    values = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
    sheet.append(values)
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if looks_like_formula(value):
            cell = sheet.cell(row=row, column=column)
            cell.data_type = "s"
            cell.quotePrefix = True


def add_sheet(
    workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Worksheet:
    """Append a sheet with a bold header row and the given rows."""
    sheet: Worksheet = workbook.create_sheet(title=title[:31])
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBE3")
    widths = [len(str(h)) for h in headers]
    for row in rows:
        append_row(sheet, row)
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
