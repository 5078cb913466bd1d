"""Bounded parameter types for the JSON API, so out-of-range input is a 422, never a 500.

A database id past 64 bits overflows SQLite (and past 32 bits PostgreSQL ``integer``); a
year like 10**9 makes ``datetime.date`` raise. Every API parameter of these kinds uses one of
these types.
"""

from __future__ import annotations

from typing import Annotated

from ninja import Path, Query

MAX_ID = 2_147_483_647
MIN_YEAR = 2000
MAX_YEAR = 2100

ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
YearQuery = Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR)]
TextQuery = Annotated[str, Query(max_length=40)]
# Paging of the list endpoints: at most MAX_LIMIT rows per request, whatever the size of the
# city; ``offset`` pages on (the order of each list is stable).
DEFAULT_LIMIT = 100
MAX_LIMIT = 500
LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
OffsetQuery = Annotated[int, Query(ge=0, le=MAX_ID)]
