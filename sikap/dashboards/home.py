"""The leader's section of the home page: the figures of the camat's or lurah's units."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from sikap.accounts.home import HomeSection
from sikap.dashboards import leader


def leader_section(request: Any, scope: Any) -> HomeSection | None:
    unit = leader.leader_unit(scope)
    if unit is None:
        return None
    glance = leader.snapshot(unit)
    return HomeSection(
        "dashboards/includes/leader_glance.html",
        {
            "glance": glance,
            "charts": [(f"glance-{f.key}", f.chart_data()) for f in glance.figures],
            "pdf_url": reverse("dashboards:monthly_pdf"),
            "month": f"{glance.today:%Y-%m}",
        },
        scripts=("vendor/chartjs/chart.umd.min.js", "dashboards/glance.js"),
    )
