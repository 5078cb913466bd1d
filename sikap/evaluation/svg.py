"""The kurva distribusi as a server-side SVG for PDFs (WeasyPrint does not run JavaScript)."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def curve_svg(chart: dict[str, Any], *, width: int = 480, height: int = 220) -> SafeString:
    """Bars for the allowed maximum, a line through the actual counts, x order SK…SB."""
    left, right, top, bottom = 36, 10, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    actual = chart["actual"]
    maxima = [m for m in chart.get("max", []) if m is not None]
    top_value = max([*actual, *maxima, 1])
    n = len(actual)
    step = plot_w / n

    def x(i: int) -> float:
        return left + step * (i + 0.5)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / top_value

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="10">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333"/>',
    ]
    for tick in sorted({0, top_value, top_value // 2}):
        parts.append(f'<text x="{left - 4}" y="{y(tick) + 3:.1f}" text-anchor="end">{tick}</text>')
    for i, label in enumerate(chart["labels"]):
        if chart.get("max") and chart["max"][i] is not None:
            lo, hi = chart["min"][i], chart["max"][i]
            parts.append(
                f'<rect x="{x(i) - step * 0.3:.1f}" y="{y(hi):.1f}" width="{step * 0.6:.1f}" '
                f'height="{y(lo) - y(hi):.1f}" fill="#cfe3d8" stroke="#7fae93"/>'
            )
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
            f"{escape(chart['codes'][i])}</text>"
        )
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + plot_h + 27}" text-anchor="middle" font-size="8">'
            f"{escape(label)}</text>"
        )
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(actual))
    parts.append(f'<polyline points="{points}" fill="none" stroke="#0b5d3b" stroke-width="2"/>')
    for i, v in enumerate(actual):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="#0b5d3b"/>')
        parts.append(f'<text x="{x(i) + 5:.1f}" y="{y(v) - 4:.1f}" font-size="9">{v}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
