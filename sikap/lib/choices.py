"""``TextChoices`` built from the enums and tables of the rules, so a regulation stays one source."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from django.db import models

_Factory = Callable[[str, list[tuple[str, tuple[str, str]]]], type[models.TextChoices]]


def text_choices(name: str, members: Iterable[tuple[str, str, str]]) -> type[models.TextChoices]:
    """A ``TextChoices`` enum of (member name, stored value, label) triples."""
    # django-stubs types only the class syntax of TextChoices, not its functional API.
    factory = cast(_Factory, models.TextChoices)
    return factory(name, [(member, (value, label)) for member, value, label in members])
