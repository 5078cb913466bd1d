"""Citizen pages (no login): the survey by receipt, by unit link or at the kiosk, and the public index."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.navigation import related_links
from sikap.org.models import Employee, Unit
from sikap.surveys import abuse, rules, services
from sikap.surveys.access import SERVICE_KINDS
from sikap.surveys.forms import SurveyForm
from sikap.surveys.models import (
    Channel,
    IkmSnapshot,
    ServicePromise,
    ServiceRecord,
    ServiceType,
    SurveyResponse,
    SurveySettings,
)
from sikap.surveys.stats import questions, settings_for
from sikap.surveys.suggestions import public_follow_ups


def _service_unit(pk: int) -> Unit:
    return get_object_or_404(Unit, pk=pk, kind__in=SERVICE_KINDS, is_active=True)


def _errors_text(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _handle_survey(
    request: HttpRequest,
    *,
    unit: Unit,
    channel: str,
    record: ServiceRecord | None = None,
    officer: Employee | None = None,
    with_service_choice: bool = False,
) -> HttpResponse:
    settings = settings_for(unit)
    service_types = (
        list(ServiceType.objects.filter(unit=unit, is_active=True)) if with_service_choice else None
    )
    form = SurveyForm(
        request.POST or None,
        questions=questions(),
        settings=settings,
        service_types=service_types,
    )
    problem = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        client = abuse.ip_hash(request)
        if form.is_bot:
            return redirect("surveys:thanks")
        if abuse.over_limit("form", client, abuse.FORM_LIMIT):
            problem = _(
                "Too many surveys were sent from this connection. Please try again in an hour."
            )
            status = 429
        elif record is None and abuse.seen_recently(
            client,
            {
                "unit": unit.pk,
                **form.answers,
                **form.profile,
                "comment": form.cleaned_data["comment"],
                "service": getattr(form.cleaned_data.get("service_type"), "pk", None),
            },
        ):
            problem = _("These same answers were just sent. Thank you, they are already recorded.")
        else:
            try:
                services.submit_response(
                    unit=unit,
                    answers=form.answers,
                    channel=channel,
                    service_record=record,
                    officer=officer,
                    service_type=form.cleaned_data.get("service_type"),
                    profile=form.profile,
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                problem = " ".join(_errors_text(error))
            else:
                return redirect(_thanks_url(unit, unhappy=rules.is_unhappy(form.answers)))
    return render(
        request,
        "surveys/survey.html",
        {"form": form, "unit": unit, "record": record, "officer": officer, "problem": problem},
        status=status,
    )


def _thanks_url(unit: Unit, *, unhappy: bool) -> str:
    return f"{reverse('surveys:thanks')}?unit={unit.pk}" + ("&kurang=1" if unhappy else "")


@never_cache
@require_http_methods(["GET", "POST"])
@formonce.guard
def survey_by_receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The survey for one service delivered, reached from the receipt's QR code."""
    record = (
        ServiceRecord.objects.select_related("unit", "service_type")
        .prefetch_related("officers")
        .filter(token=token)
        .first()
    )
    if record is None:
        raise Http404
    if SurveyResponse.objects.filter(service_record=record).exists():
        return render(request, "surveys/answered.html", {"unit": record.unit})
    if record.completed_at is None:
        # Asked before the desk finished: the citizen would rate a service not yet delivered.
        return render(request, "surveys/not_completed.html", {"record": record})
    officers = list(record.officers.all())
    officer = None
    wanted = request.GET.get("petugas", "")
    if wanted.isdigit():
        officer = next((o for o in officers if o.pk == int(wanted)), None)
    if officer is None and len(officers) == 1:
        officer = officers[0]
    return _handle_survey(
        request, unit=record.unit, channel=Channel.QR, record=record, officer=officer
    )


@never_cache
@require_http_methods(["GET", "POST"])
@formonce.guard
def survey_by_unit(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey of a unit reached from a public link or poster."""
    unit = _service_unit(pk)
    return _handle_survey(request, unit=unit, channel=Channel.LINK, with_service_choice=True)


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    """Thanks; the public results of the unit, and the complaint form for an unhappy citizen."""
    raw = request.GET.get("unit", "")
    unit = (
        Unit.objects.filter(pk=int(raw), kind__in=SERVICE_KINDS, is_active=True).first()
        if raw.isdigit()
        else None
    )
    unhappy = request.GET.get("kurang") == "1"
    doors = related_links("after_survey", request.user, None, unit) if unhappy else []
    return render(
        request, "surveys/thanks.html", {"unit": unit, "unhappy": unhappy, "doors": doors}
    )


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The citizen's door "Survei kepuasan": choose the office that served you, then answer."""
    units = list(Unit.objects.filter(kind__in=SERVICE_KINDS, is_active=True).order_by("path"))
    return render(request, "surveys/start.html", {"units": units})


def _kiosk_settings(key: str) -> SurveySettings:
    return get_object_or_404(
        SurveySettings.objects.select_related("unit"), kiosk_key=key, unit__is_active=True
    )


@never_cache
@require_GET
def kiosk(request: HttpRequest, key: str) -> HttpResponse:
    """A tablet at the counter: works offline, queues answers, sends each exactly once."""
    settings = _kiosk_settings(key)
    unit = settings.unit
    form = SurveyForm(
        questions=questions(),
        settings=settings,
        service_types=list(ServiceType.objects.filter(unit=unit, is_active=True)),
    )
    get_token(request)
    return render(request, "surveys/kiosk.html", {"form": form, "unit": unit, "key": key})


@never_cache
@require_GET
def kiosk_token(request: HttpRequest, key: str) -> JsonResponse:
    """A fresh CSRF token for a kiosk page that has been open for a long time."""
    _kiosk_settings(key)
    return JsonResponse({"csrf": get_token(request)})


# A kiosk answer is never refused for a bad profile value (the tablet cannot ask again): dropped.
LENIENT_FIELDS = ("age", "gender", "education", "occupation", "service_type")


def _kiosk_form(data: dict[str, Any], settings: SurveySettings) -> SurveyForm:
    """The kiosk's JSON through the web survey's form, so each limit is checked in one place."""
    answers = data.get("answers") or {}
    if not isinstance(answers, dict):
        raise TypeError
    qs = questions()
    raw: dict[str, Any] = {q.field_name: answers.get(q.code) for q in qs}
    raw.update({name: data.get(name) for name in (*LENIENT_FIELDS, "website")})
    raw["comment"] = str(data.get("comment") or "")[:2000]
    values = {k: "" if v is None else str(v) for k, v in raw.items()}
    service_types = list(ServiceType.objects.filter(unit=settings.unit, is_active=True))

    def form(values: dict[str, str]) -> SurveyForm:
        return SurveyForm(values, questions=qs, settings=settings, service_types=service_types)

    bound = form(values)
    dropped = {name: "" for name in LENIENT_FIELDS if name in bound.errors}
    return form({**values, **dropped}) if dropped else bound


@require_POST
def kiosk_submit(request: HttpRequest, key: str) -> JsonResponse:
    """Receive one queued kiosk answer; a repeated idempotency key is a success, not a copy."""
    settings = _kiosk_settings(key)
    unit = settings.unit
    if abuse.over_limit("kiosk", abuse.ip_hash(request), abuse.KIOSK_LIMIT):
        return JsonResponse(
            {"ok": False, "error": _("Too many submissions. Please wait a moment.")}, status=429
        )
    try:
        data = json.loads(request.body or b"{}")
        idem = uuid.UUID(str(data.get("id", "")))
        answered_at = dt.datetime.fromisoformat(str(data.get("answered_at")).replace("Z", "+00:00"))
        form = _kiosk_form(data, settings)
    except (ValueError, TypeError, AttributeError):
        return JsonResponse(
            {
                "ok": False,
                "error": _("The answers could not be read. Please fill in the survey again."),
            },
            status=400,
        )
    if data.get("website"):
        return JsonResponse({"ok": True, "duplicate": False})
    if not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        return JsonResponse({"ok": False, "error": " ".join(messages)}, status=400)
    now = timezone.now()
    if timezone.is_naive(answered_at) or not now - dt.timedelta(
        days=14
    ) <= answered_at <= now + dt.timedelta(minutes=10):
        answered_at = now
    try:
        _response, created = services.submit_response(
            unit=unit,
            answers=form.answers,
            channel=Channel.KIOSK,
            service_type=form.cleaned_data.get("service_type"),
            profile=form.profile,
            comment=form.cleaned_data["comment"],
            idempotency_key=idem,
            submitted_at=min(answered_at, now),
        )
    except ValidationError as error:
        return JsonResponse({"ok": False, "error": " ".join(_errors_text(error))}, status=400)
    return JsonResponse({"ok": True, "duplicate": not created})


@require_GET
def public_index(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest published index of a unit, its standards and its maklumat: for everyone."""
    unit = _service_unit(pk)
    snapshot = IkmSnapshot.objects.filter(unit=unit).first()
    history = list(
        IkmSnapshot.objects.filter(unit=unit).only(
            "period_label", "ikm", "quality", "respondents", "period_end"
        )[:8]
    )
    promise = ServicePromise.objects.filter(unit=unit).select_related("signed_by").first()
    service_types = list(ServiceType.objects.filter(unit=unit, is_active=True))
    nrr_rows: list[dict[str, Any]] = []
    groups: dict[str, list[dict[str, Any]]] = {"services": [], "officers": []}
    if snapshot is not None:
        names = snapshot.detail.get("questions", {})
        lowest = snapshot.detail.get("lowest", [])
        for code, value in snapshot.detail.get("nrr", {}).items():
            nrr = Decimal(value)
            nrr_rows.append(
                {
                    "code": code,
                    "name": names.get(code, code),
                    "nrr": nrr.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                    "width": round(float(nrr) / 4 * 100, 1),
                    "lowest": code in lowest,
                }
            )
        for key in groups:
            groups[key] = [
                {**row, "ikm": Decimal(row["ikm"])} for row in snapshot.detail.get(key, [])
            ]
    return render(
        request,
        "surveys/public.html",
        {
            "unit": unit,
            "snapshot": snapshot,
            "history": history,
            "promise": promise,
            "service_types": service_types,
            "nrr_rows": nrr_rows,
            "services": groups["services"],
            "officers": groups["officers"],
            "you_said": public_follow_ups(unit),
        },
    )


@require_GET
def public_units(request: HttpRequest) -> HttpResponse:
    """Every service unit with its latest published index: the entry page for citizens."""
    units = list(Unit.objects.filter(kind__in=SERVICE_KINDS, is_active=True).order_by("path"))
    latest: dict[int, IkmSnapshot] = {}
    for snap in IkmSnapshot.objects.filter(unit__in=units).order_by("unit", "-period_end"):
        latest.setdefault(snap.unit_id, snap)
    rows = [(unit, latest.get(unit.pk)) for unit in units]
    return render(request, "surveys/public_units.html", {"rows": rows})
