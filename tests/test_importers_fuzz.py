"""Hypothesis fuzzing of the importers: any bytes give rows or messages, never an exception.

Bounded in examples so the suite stays quick; derandomised so a failure is reproducible.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from sikap.org.importer import FileProblem, Importer, read_sheet
from sikap.surveys import paper

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADER = "NIP;NAMA;JENIS_PEGAWAI;GOLONGAN;JABATAN;JENIS_JABATAN;UNIT;ATASAN_NIP;EMAIL;TMT_JABATAN"
SEPARATORS = st.sampled_from(["\n", "\r", "\r\n", ";", ",", '"', "/", ">>", "\x00", "\t"])
CELL = st.one_of(st.text(max_size=30), st.integers(), SEPARATORS)
TEXTY = st.lists(st.one_of(st.text(max_size=20), SEPARATORS), max_size=60).map("".join)


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for values in rows:
        workbook.active.append(
            [v if not isinstance(v, str) else ILLEGAL_CHARACTERS_RE.sub("", v) for v in values]
        )
    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
    except Exception:  # openpyxl itself refuses some characters: nothing to import
        return b"PK\x03\x04broken"
    return buffer.getvalue()


@FUZZ
@given(body=st.one_of(st.binary(max_size=400), TEXTY.map(str.encode)))
def test_paper_survey_files_of_any_bytes_give_rows_or_messages(body):
    for data in (b"U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + body, body):
        table = paper.parse_file(io.BytesIO(data), "x.csv")
        assert table.rows or table.errors


@FUZZ
@given(rows=st.lists(st.lists(CELL, max_size=12), max_size=6))
def test_paper_survey_xlsx_of_any_cells_give_rows_or_messages(rows):
    data = _xlsx([["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"], *rows])
    table = paper.parse_file(io.BytesIO(data), "x.xlsx")
    assert table.rows or table.errors


def _validate(data: bytes, kind: str) -> None:
    try:
        sheet = read_sheet(data, kind)
    except FileProblem:
        return
    plan = Importer(by=None, allowed_paths=None, today=dt.date(2026, 11, 27)).validate(sheet)
    assert all(problem.row >= 1 for problem in plan.problems)


@pytest.mark.django_db
@FUZZ
@given(body=TEXTY)
def test_employee_csv_files_of_any_text_give_row_errors(personas, body):
    _validate((HEADER + "\n" + body).encode(), "csv")
    _validate(body.encode("utf-8", "surrogatepass"), "csv")


@pytest.mark.django_db
@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=10, max_size=12), max_size=4))
def test_employee_xlsx_files_of_any_cells_give_row_errors(personas, rows):
    _validate(_xlsx([HEADER.split(";"), *rows]), "xlsx")
