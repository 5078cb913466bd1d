"""Typed readers for settings that come from the environment; they fail loudly on bad values."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from typing import TypeVar

N = TypeVar("N", int, float)


class ImproperlyConfiguredEnv(ValueError):
    """Raised when an environment variable holds a value that cannot be used."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, env: Mapping[str, str] | None = None) -> str:
    """Return a string variable, or the default; without a default the variable is required."""
    source = os.environ if env is None else env
    value = source.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfiguredEnv(f"{name} must be set")
        return default
    return value


def env_bool(name: str, default: bool, *, env: Mapping[str, str] | None = None) -> bool:
    """Return a boolean variable written as 1/0, true/false, yes/no or on/off."""
    source = os.environ if env is None else env
    raw = source.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfiguredEnv(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def _env_number(
    name: str, default: N, parse: Callable[[str], N], kind: str, env: Mapping[str, str] | None
) -> N:
    source = os.environ if env is None else env
    raw = source.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return parse(raw.strip())
    except ValueError:
        raise ImproperlyConfiguredEnv(f"{name} must be {kind}, not {raw!r}") from None


def env_int(name: str, default: int, *, env: Mapping[str, str] | None = None) -> int:
    """Return an integer variable."""
    return _env_number(name, default, int, "an integer", env)


def env_float(name: str, default: float, *, env: Mapping[str, str] | None = None) -> float:
    """Return a decimal number variable."""
    return _env_number(name, default, float, "a number", env)


def env_list(name: str, default: list[str], *, env: Mapping[str, str] | None = None) -> list[str]:
    """Return a comma-separated list variable, without empty items."""
    source = os.environ if env is None else env
    raw = source.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_key(database: Mapping[str, object]) -> str:
    """A short name of a database (engine, host, port, name) for prefixing cache keys."""
    where = "|".join(str(database.get(k) or "") for k in ("ENGINE", "HOST", "PORT", "NAME"))
    return hashlib.sha256(where.encode()).hexdigest()[:12]
