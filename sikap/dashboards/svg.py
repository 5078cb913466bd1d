"""The leader's figures as server-side SVG bars for the monthly PDF (WeasyPrint runs no JS)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sikap.dashboards.leader import Figure


def bars_svg(figure: Figure, *, width: int = 250, bar_height: int = 13) -> SafeString:
    """One horizontal bar per row, labelled, scaled to the largest value."""
    label_w, gap = 120, 4
    plot_w = width - label_w - 34
    height = max(1, len(figure.rows)) * (bar_height + gap) + gap
    top = figure.top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="8">'
    ]
    for i, (label, value) in enumerate(figure.rows):
        y = gap + i * (bar_height + gap)
        shown = (
            "–"
            if value is None
            else (f"{value:.2f}".replace(".", ",") if isinstance(value, float) else str(value))
        )
        length = 0.0 if value is None else plot_w * float(value) / top
        parts.append(
            f'<text x="{label_w - 4}" y="{y + bar_height - 3}" text-anchor="end">'
            f"{escape(label[:32])}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="#0b5d3b"/>'
        )
        parts.append(
            f'<text x="{label_w + length + 3:.1f}" y="{y + bar_height - 3}">{shown}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
