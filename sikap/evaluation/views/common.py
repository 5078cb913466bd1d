"""Small helpers shared by the evaluation views."""

from __future__ import annotations
