"""The heavy computations, timed against a hand-written SQL aggregate of the same figures.

Imported by bench_pages.py (same process, same database, same run).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

REPEAT = 5


def _median_ms(fn: Callable[[], Any], repeat: int = REPEAT) -> float:
    fn()
    timings = []
    for _ in range(repeat):
        begin = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - begin) * 1000)
    return round(statistics.median(timings), 2)


def _sql(statements: list[tuple[str, list[Any]]]) -> Callable[[], None]:
    from django.db import connection

    def run() -> None:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def _row(name: str, ms: float, floor: float | None, note: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "median_ms": ms,
        "sql_floor_ms": floor,
        "x_floor": round(ms / floor, 1) if floor else None,
        "note": note,
    }


def ikm_unit_year(unit: Any) -> dict[str, Any]:
    import datetime as dt

    from django.utils import timezone

    from sikap.surveys.periods import periods_of
    from sikap.surveys.stats import unit_index

    period = next(p for p in periods_of(timezone.localdate().year) if len(p.key) == 4)
    low = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    high = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min))
    sums = ", ".join(f"SUM(u{i}), COUNT(u{i})" for i in range(1, 10))
    where = "unit_id = %s AND submitted_at >= %s AND submitted_at < %s"
    params = [unit.pk, low, high]
    # Only fixed column lists are formatted in; every value is a bound parameter.
    floor = _sql(
        [
            (f"SELECT COUNT(*), {sums} FROM surveys_surveyresponse WHERE {where}", params),  # noqa: S608
            (
                f"SELECT service_type_id, COUNT(*), {sums} FROM surveys_surveyresponse "  # noqa: S608
                f"WHERE {where} GROUP BY service_type_id",
                params,
            ),
            (
                f"SELECT officer_id, COUNT(*), {sums} FROM surveys_surveyresponse "  # noqa: S608
                f"WHERE {where} AND officer_id IS NOT NULL GROUP BY officer_id",
                params,
            ),
            (
                "SELECT age, gender, education, occupation, COUNT(*) FROM surveys_surveyresponse "  # noqa: S608
                f"WHERE {where} GROUP BY age, gender, education, occupation",
                params,
            ),
            (
                "SELECT service_type_id, COUNT(*) FROM surveys_servicerecord "
                "WHERE unit_id = %s AND received_at >= %s AND received_at < %s "
                "GROUP BY service_type_id",
                params,
            ),
        ]
    )
    index = unit_index(unit, period)
    return _row(
        f"IKM of {unit.name} {period.key}",
        _median_ms(lambda: unit_index(unit, period)),
        _median_ms(floor),
        f"{index.respondents} responses",
    )


def curve_every_unit(period: Any) -> dict[str, Any]:
    from sikap.evaluation.curve import curve_checks
    from sikap.evaluation.models import EvaluationSettings

    settings = EvaluationSettings.load()
    curves = curve_checks(period, settings=settings)
    floor = _sql(
        [
            (
                "SELECT e.unit_id, ev.predicate, COUNT(*) FROM evaluation_evaluation ev "
                "JOIN org_employee e ON e.id = ev.employee_id WHERE ev.period_id = %s "
                "GROUP BY e.unit_id, ev.predicate",
                [period.pk],
            ),
            (
                "SELECT unit_id, COUNT(*) FROM org_employee WHERE is_active "
                "AND jenis_asn <> 'NON_ASN' GROUP BY unit_id",
                [],
            ),
        ]
    )
    return _row(
        f"curve check of every unit ({len(curves)} curves)",
        _median_ms(lambda: curve_checks(period, settings=settings), 3),
        _median_ms(floor, 3),
        f"{sum(c.headcount for c in curves)} ASN",
    )


def unit_pdf(client: Any, unit: Any, period: Any) -> dict[str, Any]:
    from django.urls import reverse

    from sikap.evaluation.curve import unit_curve

    url = reverse("evaluation:determination_pdf", args=[unit.pk, period.pk])
    people = len(unit_curve(unit, period).employees)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return _row(
        f"penetapan PDF of a {people}-person unit",
        _median_ms(lambda: client.get(url), 3),
        None,
        f"{len(response.content) // 1024} KB",
    )


def run(client_for: Callable[[str], Any]) -> list[dict[str, Any]]:
    from sikap.cycle.models import Period
    from sikap.evaluation.models import Evaluation
    from sikap.org.models import Unit

    kec = Unit.objects.get(bps_code="1671031")
    rows = [ikm_unit_year(kec)]
    period = (
        Period.objects.filter(pk__in=Evaluation.objects.values("period"))
        .order_by("-end_date")
        .first()
    )
    if period is not None:
        rows.append(curve_every_unit(period))
        rows.append(unit_pdf(client_for("camat"), kec, period))
    return rows
