"""Sections of the staff home page contributed by the apps above (the leader's figures, ...).

Each app registers ``section(request, scope) -> HomeSection | None`` with ``SECTIONS.register``
in its ``AppConfig.ready``; it must run a fixed number of queries whatever the data size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sikap.lib.hooks import Hook


@dataclass(frozen=True)
class HomeSection:
    template: str  # included with ``section`` set to ``context``
    context: dict[str, Any] = field(default_factory=dict)
    scripts: tuple[str, ...] = ()  # static paths the section needs, loaded once at the end


SECTIONS: Hook[Callable[[Any, Any], HomeSection | None]] = Hook("home_sections")


def home_sections(request: Any, scope: Any) -> list[HomeSection]:
    """The sections the user gets, in registration order."""
    return [s for provider in SECTIONS if (s := provider(request, scope)) is not None]
