"""Fast inserts for the synthetic data: COPY on PostgreSQL, executemany on SQLite.

Rows are plain tuples with their primary keys chosen here, so that later tables can point at
them without reading anything back. Every concrete column the caller does not give is filled
from the field's default (or ``now`` for auto_now fields); a NOT NULL column without a default is
an error, so a model change cannot silently produce invalid rows.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from django.core.management.color import no_style
from django.db import connection, models

from sikap.org import chart

BATCH = 5_000


class Progress:
    """Plain-text progress: one line per step with its rows and seconds, and a running total."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.started = time.perf_counter()
        self.step_started = self.started
        self.rows = 0
        self.label = ""

    def step(self, label: str) -> None:
        self.step_started = time.perf_counter()
        self.label = label

    def done(self, rows: int) -> None:
        now = time.perf_counter()
        self.rows += rows
        line = (
            f"  {self.label:<52}{rows:>11,} rows {now - self.step_started:7.1f} s"
            f"   (total {now - self.started:6.1f} s)"
        )
        self.out.write(line + "\n")
        self.out.flush()


class Writer:
    """Allocates primary keys and bulk-inserts rows of any model."""

    def __init__(self, *, now: dt.datetime, progress: Progress) -> None:
        self.now = now
        self.progress = progress
        self.vendor = connection.vendor
        self._next: dict[type[models.Model], int] = {}
        self.touched: set[type[models.Model]] = set()
        self.counts: dict[str, int] = {}

    def ids(self, model: type[models.Model], n: int) -> range:
        """Reserve n new primary keys for model."""
        if model not in self._next:
            top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
            self._next[model] = top + 1
        start = self._next[model]
        self._next[model] = start + n
        return range(start, start + n)

    def next_id(self, model: type[models.Model]) -> int:
        return self.ids(model, 1)[0]

    def _converter(self, field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
        ops = connection.ops
        if isinstance(field, models.JSONField):
            return lambda v: v if v is None or isinstance(v, str) else json.dumps(v)
        if self.vendor != "sqlite":
            return None
        if isinstance(field, models.DateTimeField):
            return lambda v: None if v is None else ops.adapt_datetimefield_value(v)
        if isinstance(field, models.DateField):
            return lambda v: None if v is None else ops.adapt_datefield_value(v)
        return None

    def insert(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        rows: Iterable[Sequence[Any]],
        **const: Any,
    ) -> int:
        """Insert rows (tuples in the order of ``fields``); other columns get ``const`` or defaults."""
        opts = model._meta
        by_attname = {f.attname: f for f in opts.concrete_fields}
        unknown = [name for name in [*fields, *const] if name not in by_attname]
        if unknown:
            raise ValueError(f"{opts.label}: unknown columns {unknown}")
        extra: dict[str, Any] = {}
        for field in opts.concrete_fields:
            name = field.attname
            if name in fields or name in const:
                continue
            if field.primary_key:
                raise ValueError(f"{opts.label}: give the primary key")
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                extra[name] = self.now
            elif field.has_default():
                if field.unique:
                    raise ValueError(f"{opts.label}.{name} is unique: give its values")
                extra[name] = field.get_default()
            elif field.null:
                extra[name] = None
            elif field.blank and field.empty_strings_allowed:
                extra[name] = ""
            else:
                raise ValueError(f"{opts.label}.{name} is NOT NULL and has no default")
        tail_map = {**const, **extra}
        names = [*fields, *tail_map]
        columns = [by_attname[n].column for n in names]
        converters = [self._converter(by_attname[n]) for n in names]
        n_given = len(fields)
        tail = tuple(
            conv(v) if conv else v
            for v, conv in zip(tail_map.values(), converters[n_given:], strict=True)
        )
        row_conv = [(i, c) for i, c in enumerate(converters[:n_given]) if c is not None]
        table = connection.ops.quote_name(opts.db_table)
        cols = ", ".join(connection.ops.quote_name(str(c)) for c in columns)
        count = 0

        def prepared() -> Iterable[tuple[Any, ...]]:
            nonlocal count
            for row in rows:
                count += 1
                if row_conv:
                    row = list(row)
                    for i, conv in row_conv:
                        row[i] = conv(row[i])
                yield (*row, *tail)

        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in prepared():
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # noqa: S608 (names come from the models)
                batch: list[tuple[Any, ...]] = []
                for row in prepared():
                    batch.append(row)
                    if len(batch) >= BATCH:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
        self.touched.add(model)
        self.counts[opts.label] = self.counts.get(opts.label, 0) + count
        return count

    def finish(self) -> None:
        """Move the PostgreSQL sequences past the keys chosen here, then refresh the planner's
        statistics of every table written: without them PostgreSQL plans the first hours of
        queries for the empty tables it last measured (seconds per page instead of
        milliseconds) until autovacuum gets round to them."""
        if not self.touched:
            return
        tables = sorted(
            {model._meta.db_table for model in self.touched}
            | {
                field.m2m_db_table()
                for model in self.touched
                for field in model._meta.local_many_to_many
            }
        )
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                for sql in connection.ops.sequence_reset_sql(no_style(), list(self.touched)):
                    cursor.execute(sql)
                for table in tables:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
            else:
                cursor.execute("ANALYZE")
        # Rows written by COPY send no signals: the scopes kept in the cache are out of date.
        chart.changed()
