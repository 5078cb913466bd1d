"""A file cache whose counters are atomic across processes and keep their expiry.

Django's file cache implements ``add`` as "has_key, then set" and ``incr`` as "get, then set with
the default timeout": two processes can both count from the same value, and every increment
moves the expiry. Rate limits need neither; Redis gives both natively, this gives them on the
single-server file cache with one ``flock`` around each counter operation.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


class LockingFileBasedCache(FileBasedCache):
    @contextmanager
    def _counter_lock(self) -> Iterator[None]:
        self._createdir()  # type: ignore[attr-defined]
        lock_path = os.path.join(self._dir, "counters.lock")  # type: ignore[attr-defined]
        with open(lock_path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        with self._counter_lock():
            return bool(super().add(key, value, timeout, version))

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        fname = self._key_to_file(key, version)  # type: ignore[attr-defined]
        with self._counter_lock():
            try:
                with open(fname, "r+b") as handle:
                    expiry = pickle.load(handle)  # noqa: S301 (our own cache files, as in Django)
                    if expiry is not None and expiry < time.time():
                        raise ValueError(f"Key '{key}' not found")
                    value = pickle.loads(zlib.decompress(handle.read())) + delta  # noqa: S301
                    handle.seek(0)
                    handle.truncate()
                    handle.write(pickle.dumps(expiry, self.pickle_protocol))
                    handle.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
            except FileNotFoundError:
                raise ValueError(f"Key '{key}' not found") from None
        return value
