"""The evaluation settings page (who sets the organisation predikat, rounding, keberatan)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sikap.accounts.http import AuthedRequest
from sikap.cycle.access import can_manage_periods, require_periods
from sikap.evaluation import services
from sikap.evaluation.forms import SettingsForm
from sikap.evaluation.models import EvaluationSettings
from sikap.org.audit import audit_rows


@require_http_methods(["GET", "POST"])
@login_required
def settings_edit(request: AuthedRequest) -> HttpResponse:
    """The evaluation settings: who sets the organisation predikat, rounding, pooling, keberatan.

    They are the instance's: read by every HR admin and auditor, changed by the city-level HR or
    a superadmin (the same owner as the appraisal calendar).
    """
    scope = require_periods(request.user, for_change=request.method == "POST")
    settings = EvaluationSettings.load()
    form = SettingsForm(
        request.POST or None, instance=EvaluationSettings.objects.get(pk=settings.pk)
    )
    if not can_manage_periods(scope):
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        services.update_settings(by=request.user, **form.cleaned_data)
        messages.success(request, _("Settings saved."))
        return redirect("evaluation:settings")
    return render(
        request,
        "evaluation/form.html",
        {
            "form": form,
            "title": _("Evaluation settings"),
            "history": audit_rows(settings.history.all()),
            "back_url": reverse("cycle:years"),
            "read_only": not can_manage_periods(scope),
        },
    )
