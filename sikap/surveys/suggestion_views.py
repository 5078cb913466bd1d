"""Staff pages of citizens' saran: the masked list of a unit's period, and a leader's follow-up."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikap.accounts.http import AuthedRequest
from sikap.lib.forms import apply_errors
from sikap.lib.masking import mask_personal_data
from sikap.org.models import Unit
from sikap.org.scope import get_scope
from sikap.surveys import access, services, suggestions
from sikap.surveys.forms import NEW_PLAN, SuggestionFollowUpForm
from sikap.surveys.models import FollowUpPlan, ServiceType, SuggestionFollowUp
from sikap.surveys.periods import SurveyPeriod, periods_of
from sikap.surveys.stats import lowest_unsur_of


def _service(unit: Unit, raw: str | None) -> ServiceType | None:
    return ServiceType.objects.filter(unit=unit, pk=raw).first() if raw and raw.isdigit() else None


@login_required
@require_GET
def suggestion_list(request: AuthedRequest, pk: int) -> HttpResponse:
    """The masked saran and complaint themes of a unit's period, per service, searchable."""
    unit = access.get_suggestions_unit(request.user, pk)
    today = timezone.localdate()
    period = suggestions.period_from(request.GET.get("periode"), today=today)
    service = _service(unit, request.GET.get("layanan"))
    query = request.GET.get("q", "").strip()
    listing = suggestions.suggestion_list(
        unit, period, service=service, search=query, page=request.GET.get("page")
    )
    context: dict[str, Any] = {
        "unit": unit,
        "period": period,
        "periods": suggestions.period_choices(today),
        "service": service,
        "service_types": ServiceType.objects.filter(unit=unit),
        "query": query,
        "listing": listing,
        "page": listing.page,
        "themes": suggestions.themes(unit, period, service=service),
        "can_follow_up": get_scope(request.user).heads(unit),
    }
    template = "surveys/suggestions.html#results" if request.htmx else "surveys/suggestions.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


def _label(plan: FollowUpPlan) -> str:
    named = {(p.start, p.end): p.label for p in periods_of(plan.period_start.year)}
    period = named.get(
        (plan.period_start, plan.period_end), f"{plan.period_start}–{plan.period_end}"
    )
    return f"{period} · {plan.unsur}: {plan.action[:80]}"


def _plan_period(requested: SurveyPeriod, day: Any) -> SurveyPeriod:
    """The page's period if it holds the saran's day, else the quarter of that day."""
    if requested.start <= day <= requested.end:
        return requested
    return suggestions.current_quarter(day)


@login_required
@require_http_methods(["GET", "POST"])
def suggestion_follow_up(request: AuthedRequest, pk: int, response_pk: int) -> HttpResponse:
    """The unit's head marks a saran as followed up under a rencana tindak lanjut."""
    unit, response = access.get_suggestion_for_leader(request.user, pk, response_pk)
    me = get_scope(request.user).employee
    if me is None:
        raise PermissionDenied
    day = timezone.localdate(response.submitted_at)
    period = _plan_period(
        suggestions.period_from(request.GET.get("periode"), today=timezone.localdate()), day
    )
    plans = {
        str(plan.pk): plan
        for plan in FollowUpPlan.objects.filter(
            unit=unit, period_start__lte=day, period_end__gte=day
        )
    }
    lowest = lowest_unsur_of(unit, period)
    has_own = any(
        (p.period_start, p.period_end) == (period.start, period.end) for p in plans.values()
    )
    new_label = (
        None
        if has_own
        else _("New plan for %(period)s (lowest unsur %(unsur)s)")
        % {"period": period.label, "unsur": ", ".join(lowest) or "-"}
    )
    current = SuggestionFollowUp.objects.filter(response=response).first()
    initial = {"plan": str(current.plan_id), "note": current.note} if current else None
    form = SuggestionFollowUpForm(
        request.POST or None,
        initial=initial,
        new_label=new_label,
        plans=[(key, _label(plan)) for key, plan in plans.items()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.mark_suggestion(
                response=response,
                note=data["note"],
                by=request.user,
                plan=plans.get(data["plan"]),
                period=period if data["plan"] == NEW_PLAN else None,
                lowest=lowest,
                plan_action=data["plan_action"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The suggestion is marked as followed up."))
            url = reverse("surveys:suggestions", args=[unit.pk])
            return redirect(f"{url}?periode={request.GET.get('periode', period.key)}")
    history = (
        current.history.select_related("history_user").order_by("-history_date")[:20]
        if current
        else []
    )
    return render(
        request,
        "surveys/suggestion_follow_up.html",
        {
            "unit": unit,
            "text": mask_personal_data(response.comment),
            "submitted_at": response.submitted_at,
            "service": response.service_type,
            "form": form,
            "period": period,
            "history": history,
            "back": request.GET.get("periode", period.key),
        },
    )
