"""``manage.py compute_ikm``: worked files at every band edge, both weights, blanks and bad rows."""

from __future__ import annotations

import io
import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

HEADER = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]


def _half_up(value: Fraction) -> Decimal:
    return Decimal(math.floor(value * 100 + Fraction(1, 2))).scaleb(-2)


def _rows_for(target: str, weight: Fraction | None) -> list[list[int]]:
    """Respondents answering all nine unsur whose index is exactly ``target`` (searched, then built)."""
    for n in range(1, 400):
        for total in range(9 * n, 36 * n + 1):
            mean_nrr = Fraction(total, n)  # sum of the nine NRR
            perception = mean_nrr / 9 if weight is None else mean_nrr * weight
            if _half_up(perception * 25) == Decimal(target):
                answers = [1] * (9 * n)
                extra = total - 9 * n
                for i in range(len(answers)):
                    add = min(3, extra)
                    answers[i] += add
                    extra -= add
                return [answers[i * 9 : i * 9 + 9] for i in range(n)]
    raise AssertionError(f"no data for {target}")


def _csv(tmp_path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    path = tmp_path / "answers.csv"
    lines = [",".join(header)] + [",".join("" if v is None else str(v) for v in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(path: Path, *args: str) -> dict:
    out = io.StringIO()
    call_command("compute_ikm", str(path), "--json", *args, stdout=out)
    return json.loads(out.getvalue())


EDGES = [
    ("64.99", "D", "Tidak Baik"),
    ("65.00", "C", "Kurang Baik"),
    ("76.60", "C", "Kurang Baik"),
    ("76.61", "B", "Baik"),
    ("88.30", "B", "Baik"),
    ("88.31", "A", "Sangat Baik"),
]


@pytest.mark.parametrize(("target", "quality", "performance"), EDGES)
def test_it_classifies_every_band_edge_with_the_exact_weight(
    tmp_path, target, quality, performance
):
    data = _run(_csv(tmp_path, _rows_for(target, None)))
    assert data["ikm"] == float(target)
    assert (data["quality"], data["performance"]) == (quality, performance)


@pytest.mark.parametrize(("target", "quality", "performance"), EDGES)
def test_it_classifies_every_band_edge_with_the_worksheet_weight(
    tmp_path, target, quality, performance
):
    rows = _rows_for(target, Fraction(111, 1000))
    data = _run(_csv(tmp_path, rows), "--weight", "0.111")
    assert data["ikm"] == float(target)
    assert (data["quality"], data["performance"]) == (quality, performance)


def test_the_index_is_printed_with_two_decimals(tmp_path):
    out = io.StringIO()
    call_command("compute_ikm", str(_csv(tmp_path, _rows_for("88.30", None))), "--json", stdout=out)
    assert '"ikm": 88.30,' in out.getvalue()
    assert json.loads(out.getvalue())["ikm"] == 88.3


def test_the_plain_output_is_readable(tmp_path):
    out = io.StringIO()
    call_command("compute_ikm", str(_csv(tmp_path, [[3] * 9])), "--population", "10", stdout=out)
    assert "IKM: 75.00 (C, Kurang Baik)" in out.getvalue()
    assert "Sampel minimal: 10 (belum cukup)" in out.getvalue()


def test_the_worksheet_weight_lands_lower_than_the_exact_one(tmp_path):
    path = _csv(tmp_path, [[4] * 9, [4] * 9])
    assert _run(path)["ikm"] == 100.0
    assert _run(path, "--weight", "0.111")["ikm"] == 99.9


def test_a_file_with_only_u1_to_u9_gives_every_key(tmp_path):
    data = _run(_csv(tmp_path, [[4, 3, 3, 4, 3, 4, 4, 3, 3], [3, 3, 2, 4, 3, 3, 4, 3, 2]]))
    assert set(data) >= {"respondents", "nrr", "ikm_perception", "ikm", "quality", "performance"}
    assert "required_sample" not in data
    assert data["respondents"] == 2
    assert list(data["nrr"]) == HEADER
    assert data["nrr"]["U3"] == 2.5
    assert isinstance(data["ikm"], float)


def test_blank_cells_are_unanswered_unsur(tmp_path):
    # U2 answered by one respondent only; U9 by nobody: NRR over the answers given.
    rows = [[4, None, 4, 4, 4, 4, 4, 4, None], [2, 2, 2, 2, 2, 2, 2, 2, None]]
    data = _run(_csv(tmp_path, rows))
    assert data["nrr"]["U2"] == 2.0
    assert data["nrr"]["U1"] == 3.0
    assert data["nrr"]["U9"] is None
    # Mean of the eight answered NRR (3,2,3,3,3,3,3,3) = 23/8 → 71.875 → 71.88.
    assert data["ikm"] == 71.88
    assert data["quality"] == "C"


def test_population_adds_the_krejcie_morgan_sample(tmp_path):
    data = _run(_csv(tmp_path, [[3] * 9] * 10), "--population", "100")
    assert data["required_sample"] == 80
    assert data["sample_sufficient"] is False
    data = _run(_csv(tmp_path, [[3] * 9] * 10), "--population", "10")
    assert (data["required_sample"], data["sample_sufficient"]) == (10, True)


def test_invalid_values_are_reported_with_their_row_numbers(tmp_path):
    rows = [
        [4] * 9,
        [0, 4, 4, 4, 4, 4, 4, 4, 4],
        [4, 4, 5, 4, 4, 4, 4, 4, 4],
        [4, "baik", 4, 4, 4, 4, 4, 4, 2.5],
    ]
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("compute_ikm", str(_csv(tmp_path, rows)), "--json", stderr=err)
    assert caught.value.returncode != 0
    lines = err.getvalue().strip().splitlines()
    assert lines == [
        "Baris 3: U1 bernilai 0, harus 1–4",
        "Baris 4: U3 bernilai 5, harus 1–4",
        "Baris 5: U2 bernilai 'baik', harus bilangan bulat 1–4",
        "Baris 5: U9 bernilai '2.5', harus bilangan bulat 1–4",
    ]


def test_a_missing_column_is_reported(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("compute_ikm", str(_csv(tmp_path, [[4] * 8], HEADER[:8])), stderr=err)
    assert "U9" in err.getvalue()


def test_it_reads_xlsx_with_profile_columns_and_semicolon_csv(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append([*HEADER, "umur", "jenis_kelamin"])
    ws.append([4, 4, 3, 4, 4, 4, 4, 4, 4, 35, "P"])
    ws.append([3, 3, 3, None, 3, 3, 3, 3, 3, None, None])
    path = tmp_path / "a.xlsx"
    wb.save(path)
    data = _run(path)
    assert data["respondents"] == 2
    assert data["nrr"]["U4"] == 4.0
    semi = tmp_path / "b.csv"
    semi.write_text(";".join(HEADER) + "\n" + ";".join(["3"] * 9) + "\n", encoding="utf-8")
    assert _run(semi)["ikm"] == 75.0


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("compute_ikm", str(tmp_path / "nope.csv"))


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj\x00<<>>\r\x00", b'U1,U2\r"open quote\r', b"\x00\x01\x02"],
)
def test_a_file_that_is_not_a_table_is_a_command_error_not_a_crash(tmp_path, data):
    path = tmp_path / "jawaban.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError):
        call_command("compute_ikm", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_cr_only_line_endings_are_read(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"U1,U2,U3,U4,U5,U6,U7,U8,U9\r4,4,4,4,4,4,4,4,4\r")
    out = io.StringIO()
    call_command("compute_ikm", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["respondents"] == 1
