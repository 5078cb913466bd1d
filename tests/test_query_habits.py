"""Habits of the ORM that cost a page dearly at city scale, checked over the whole source.

``.values(...).distinct()`` on a model with a default ``Meta.ordering`` selects the ordering
columns too, so DISTINCT keeps every row: the camat's home read every survey response of the
kecamatan's quarter to learn which units had any. Clear the ordering (``.order_by()``) first.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for p in (ROOT / "sikap").rglob("*.py") if "migrations" not in p.parts)


def _chain(node: ast.AST) -> list[str]:
    """The method names of a call chain, last call first (``a.b().c()`` → ["c", "b"])."""
    names = []
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        names.append(node.func.attr)
        node = node.func.value
    return names


def distinct_values_without_order_by(source: str) -> list[int]:
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    lines = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "distinct"
            and not node.args
        ):
            continue
        # order_by anywhere after values (before or after distinct) clears the ordering.
        before = _chain(node)[1:]
        if not ({"values", "values_list"} & set(before)):
            continue
        if "order_by" in before[: min(before.index(n) for n in before if n.startswith("values"))]:
            continue
        after = parents.get(parents.get(node))  # distinct().x() → the call of x
        if isinstance(after, ast.Call) and _chain(after)[:1] in (["order_by"], ["count"]):
            continue
        lines.append(node.lineno)
    return lines


def test_the_check_finds_the_habit():
    bad = "x = M.objects.filter(a=1).values_list('unit', flat=True).distinct()\n"
    good = "x = M.objects.filter(a=1).values_list('unit', flat=True).order_by().distinct()\n"
    counted = "x = M.objects.values('unit').distinct().count()\n"
    assert distinct_values_without_order_by(bad) == [1]
    assert distinct_values_without_order_by(good) == []
    assert distinct_values_without_order_by(counted) == []


def test_no_distinct_values_keep_the_default_ordering():
    found = {
        f"{path.relative_to(ROOT)}:{line}"
        for path in SOURCES
        for line in distinct_values_without_order_by(path.read_text())
    }
    assert found == set(), "clear the ordering before DISTINCT: .order_by().distinct()"
