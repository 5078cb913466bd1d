"""The test suite's settings: the project's own, read as with ``SIKAP_TESTING=1`` (pytest uses this)."""

from __future__ import annotations

import os

os.environ["SIKAP_TESTING"] = "1"

from config.settings import *  # noqa: F403
