"""The renewal recommendation of a PPPK Paruh Waktu: the penilai's form and HR's list (§8.1)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikap.accounts.http import AuthedRequest
from sikap.evaluation import access, services
from sikap.evaluation.forms import RenewalFilterForm, RenewalForm
from sikap.evaluation.models import RenewalRecommendation
from sikap.lib.forms import apply_errors
from sikap.org.models import Contract

PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
@login_required
def renewal(request: AuthedRequest, pk: int) -> HttpResponse:
    """The pejabat penilai recommends perpanjang, angkat menjadi PPPK or tidak diperpanjang."""
    evaluation = access.get_evaluation_for_renewal(request.user, pk, for_change=True)
    current = RenewalRecommendation.objects.filter(evaluation=evaluation).first()
    initial = {"decision": current.decision, "reasons": current.reasons} if current else {}
    form = RenewalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommend_renewal(evaluation=evaluation, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Renewal recommendation saved."))
            return redirect("evaluation:detail", pk=evaluation.pk)
    return render(
        request,
        "evaluation/form.html",
        {
            "form": form,
            "title": _("Renewal recommendation for %(name)s (%(year)s)")
            % {
                "name": evaluation.employee.display_name,
                "year": evaluation.period.appraisal_year.year,
            },
            "intro": _(
                "The result of the evaluasi kinerja triwulan dan tahunan is the consideration for "
                "perpanjangan perjanjian kerja or pengangkatan menjadi PPPK."
            ),
            "back_url": reverse("evaluation:detail", args=[evaluation.pk]),
        },
    )


@require_GET
@login_required
def renewal_list(request: AuthedRequest) -> HttpResponse:
    """HR's list of the renewal recommendations of their subtree, with the contract end date."""
    qs = access.renewals_visible_to(request.user)
    form = RenewalFilterForm(request.GET or None)
    year = timezone.localdate().year
    if form.is_valid():
        data = form.cleaned_data
        year = data["tahun"] or year
        if data["rekomendasi"]:
            qs = qs.filter(decision=data["rekomendasi"])
        if data["berakhir_sebelum"]:
            ending = Contract.objects.touching_year(year).filter(
                employee=OuterRef("evaluation__employee"), end_date__lt=data["berakhir_sebelum"]
            )
            qs = qs.filter(Exists(ending))
    qs = qs.filter(evaluation__period__appraisal_year__year=year).select_related(
        "evaluation__employee__unit", "evaluation__plan__penilai"
    )
    page = Paginator(qs.order_by("evaluation__employee__name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    contracts: dict[int, Contract] = {}
    for contract in Contract.objects.touching_year(year).filter(
        employee__in=[r.evaluation.employee_id for r in rows]
    ):
        contracts.setdefault(contract.employee_id, contract)
    return render(
        request,
        "evaluation/renewals.html",
        {
            "form": form,
            "year": year,
            "page": page,
            "rows": [(r, contracts.get(r.evaluation.employee_id)) for r in rows],
        },
    )
