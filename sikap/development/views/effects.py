"""Did the training help? Participants' service signals before and after, beside non-participants."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sikap.accounts.http import AuthedRequest
from sikap.development import access, effect, effect_data

# Trainings offered in the chooser: those ended in the last two years, newest first.
CHOOSER_DAYS = 730
CHOOSER_MAX = 100


@require_GET
@login_required
def effects(request: AuthedRequest) -> HttpResponse:
    """For a training and its jenis diklat: the difference-in-differences of each signal."""
    scope = access.require_reader(request.user)
    today = timezone.localdate()
    visible = access.events_visible_to(scope).select_related("unit")
    choices = list(
        visible.filter(
            end_date__gte=today - dt.timedelta(days=CHOOSER_DAYS), end_date__lte=today
        ).order_by("-end_date", "-pk")[:CHOOSER_MAX]
    )
    raw = request.GET.get("kegiatan", "")
    event = next((e for e in choices if raw.isdigit() and e.pk == int(raw)), None)
    if event is None and not raw:
        event = choices[0] if choices else None
    context: dict[str, object] = {
        "choices": choices,
        "event": event,
        "window": effect.WINDOW_DAYS,
        "minimum": effect.MIN_GROUP,
    }
    if event is not None:
        single = effect_data.training_effect(event, today)
        same_jenis = [e for e in choices if e.jenis_diklat == event.jenis_diklat]
        pooled = effect_data.jenis_effect(same_jenis, today)
        context |= {
            "single": single,
            "pooled": pooled,
            "pooled_events": min(len(same_jenis), effect_data.MAX_EVENTS),
            "chart": single.chart(),
        }
    return render(request, "development/effects.html", context)
