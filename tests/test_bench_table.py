"""The bench's table: every row has the columns of the head, heavy computations included."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

RUN = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def _run_module() -> Any:
    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _page(label: str, median: float, size: int) -> dict[str, Any]:
    return {
        "page": label,
        "as": "camat",
        "median_ms": median,
        "p95_ms": median * 1.2,
        "queries": 12,
        "bytes": size,
        "raw_bytes": size * 5,
        "x_bare": median / 2,
    }


def _heavy(median: float) -> dict[str, Any]:
    return {
        "name": "IKM of a unit-year",
        "median_ms": median,
        "sql_floor_ms": median / 3,
        "note": "846 responses",
        "x_floor": 3.0,
    }


def _report() -> dict[str, Any]:
    return {
        "scales": {
            "demo": {
                "size": "134 staff",
                "pages": [_page("bare view", 2, 100), _page("home camat", 40, 9000)],
                "heavy": [_heavy(40)],
            },
            "city": {
                "size": "14,921 staff",
                "pages": [_page("bare view", 3, 100), _page("home camat", 70, 200_000)],
                "heavy": [_heavy(120)],
            },
        },
        "import": {"rows": 10, "steps": [{"label": "validate", "seconds": 0.5, "queries": 3}]},
    }


def test_every_row_of_the_table_has_the_columns_of_its_head():
    table = _run_module().table(_report())
    lines = table.splitlines()
    head, rows = lines[1], lines[3:]
    assert "city/demo" in head
    assert any(r.startswith("IKM") and "×floor" in r for r in rows)
    assert any(r.startswith("validate") for r in rows)
    widths = {len(line) for line in [head, *rows]}
    assert len(widths) == 1  # padded to the same columns


def test_the_table_marks_a_page_slower_at_city_scale_and_too_heavy():
    table = _run_module().table(_report())
    camat = next(r for r in table.splitlines() if r.startswith("home camat"))
    assert camat.startswith("home camat !")
    assert "1.75!" in camat
    assert "195.3!" in camat  # 200,000 bytes sent > 150 KB
