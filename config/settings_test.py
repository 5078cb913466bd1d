"""The test suite's settings: the project's own, read as with ``SIKAP_TESTING=1`` (pytest uses this)."""

from __future__ import annotations

import os

os.environ["SIKAP_TESTING"] = "1"
# Each request works out its scope, so that query counts compare like with like; the tests of
# the kept scope (sikap/org/tests/test_scope_cache.py) switch it on. SCOPE_CACHE_SECONDS=300
# runs the whole suite with it on.
os.environ.setdefault("SCOPE_CACHE_SECONDS", "0")
# Likewise the leaders' figures are counted on every visit; their tests switch the snapshots on.
os.environ.setdefault("SNAPSHOT_SECONDS", "0")

from config.settings import *  # noqa: F403
