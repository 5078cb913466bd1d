"""Rate limits count in fixed windows, atomically, on every cache SIKAP runs with."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory

from sikap.lib import ratelimit
from sikap.surveys import abuse

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)  # on an hour boundary


@pytest.fixture(params=["file", "locmem"])
def any_cache(request, settings, tmp_path):
    if request.param == "file":
        settings.CACHES = {
            "default": {
                "BACKEND": "sikap.lib.cache.LockingFileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "rl",
            }
        }
    cache.clear()
    yield request.param
    cache.clear()


def test_a_new_request_does_not_extend_the_window(any_cache):
    # Four requests 310 s apart: each older than the cache's default 300 s timeout.
    with time_machine.travel(START, tick=False) as traveller:
        results = []
        for _ in range(4):
            results.append(abuse.over_limit("form", "client-a", (3, 3600)))
            traveller.shift(310)
        assert results == [False, False, False, True]
        # The window is fixed: it ends at the next hour whatever came in between.
        traveller.move_to(START + dt.timedelta(hours=1, seconds=1))
        assert not abuse.over_limit("form", "client-a", (3, 3600))


def test_the_counter_is_kept_until_its_window_ends(any_cache):
    with time_machine.travel(START, tick=False) as traveller:
        assert not ratelimit.hit("one", limit=1, window=3600)
        traveller.shift(3599)
        assert ratelimit.hit("one", limit=1, window=3600)
        assert ratelimit.peek("one", window=3600) == 2


def test_the_kiosk_limit_is_atomic_under_concurrent_requests(any_cache):
    limit, window = abuse.KIOSK_LIMIT
    accepted: list[bool] = []
    lock = threading.Lock()
    barrier = threading.Barrier(12)

    def burst() -> None:
        barrier.wait()
        for _ in range(25):
            ok = not abuse.over_limit("kiosk", "tablet", (limit, window))
            with lock:
                accepted.append(ok)

    threads = [threading.Thread(target=burst) for _ in range(12)]
    with time_machine.travel(START, tick=False):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(accepted) == 300
    assert accepted.count(True) == limit


def test_a_public_complaint_counts_in_the_same_fixed_window(any_cache):
    from sikap.complaints.views.common import rate_limited

    request = RequestFactory().post("/", REMOTE_ADDR="10.9.9.9")
    with time_machine.travel(START, tick=False) as traveller:
        assert not rate_limited(request, "submit", 1, 3600)
        traveller.shift(1800)
        assert rate_limited(request, "submit", 1, 3600)
