"""The synthetic city (or province) on top of the demo office; see ``manage.py generate_synthetic``."""

from __future__ import annotations

import datetime as dt
import random
from importlib import import_module
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from bench.synthetic.org import CITY_HR_USERNAME, SCALES, Scale
from bench.synthetic.writer import Progress, Writer

STEPS = ("evaluation", "surveys", "complaints", "development")


class AlreadyGenerated(Exception):
    pass


@transaction.atomic
def generate(
    *, scale: Scale, seed: int, today: dt.date | None = None, out: TextIO | None = None
) -> dict[str, int]:
    """Generate everything in one transaction; return the rows written per model."""
    from sikap.accounts.models import User

    if User.objects.filter(username=CITY_HR_USERNAME).exists():
        raise AlreadyGenerated(CITY_HR_USERNAME)
    today = today or timezone.localdate()
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(7, 0)))
    progress = Progress(out)
    writer = Writer(now=now, progress=progress)
    rng = random.Random(seed)
    from bench.synthetic import org, planning

    org.build(writer, scale, random.Random(rng.random()), today)
    progress.step("supervisor chart")
    world = planning.build_world(today)
    progress.done(len(world.people))
    planning.build(writer, world, random.Random(rng.random()))
    for name in STEPS:
        step_rng = random.Random(rng.random())
        try:
            module = import_module(f"bench.synthetic.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bench.synthetic.{name}":
                raise
            continue
        module.build(writer, world, scale, step_rng)
    writer.finish()
    return writer.counts


__all__ = ["SCALES", "AlreadyGenerated", "generate"]
