"""The project settings plus one bare view, so pages can be compared with Django's own floor."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_bench"
