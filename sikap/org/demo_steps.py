"""The steps of ``manage.py load_demo``: each app registers its ``demo.load`` in ``ready``.

A step takes ``today`` and returns True when it created something; steps run in their order
(org first; evaluation last, as it evaluates the SKP the other steps created).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from sikap.lib.hooks import Hook


class DemoStep(Protocol):
    __module__: str
    __name__: str

    def __call__(self, *, today: dt.date) -> bool: ...


STEPS: Hook[DemoStep] = Hook("demo steps")
