"""A server-side SVG bar chart of NRR per unsur, for PDFs (WeasyPrint draws SVG natively)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.html import escape


def nrr_bar_svg(rows: list[dict[str, Any]], *, width: int = 640, bar_height: int = 22) -> str:
    """Horizontal bars on a 0-4 scale; the lowest unsur is drawn in a warning colour."""
    label_width = 330
    plot = width - label_width - 50
    height = bar_height * len(rows) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">'
    ]
    for tick in range(5):
        x = label_width + plot * tick / 4
        parts.append(
            f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{height - 20}" stroke="#ccc"/>'
            f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle">{tick}</text>'
        )
    for i, row in enumerate(rows):
        y = 12 + i * bar_height
        value: Decimal | None = row.get("nrr")
        label = escape(f"{row['code']} {row['name']}"[:52])
        parts.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{label}</text>')
        if value is None:
            continue
        w = plot * float(value) / 4
        colour = "#d97706" if row.get("lowest") else "#0b5d3b"
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{bar_height - 6}" '
            f'fill="{colour}"/><text x="{label_width + w + 4:.1f}" y="{y + 14}">'
            f"{str(value.quantize(Decimal('0.01'), ROUND_HALF_UP)).replace('.', ',')}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
