"""Staff pages: the counter (register + receipt), the IKM reports, follow-up, publication, import."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.lib.dayrange import on_days
from sikap.lib.forms import apply_errors as _apply_errors
from sikap.lib.pdf import pdf_response
from sikap.lib.uploads import SPREADSHEET_TYPES, check_upload
from sikap.lib.xlsx import add_sheet, new_workbook, xlsx_response
from sikap.org.models import Employee, Unit
from sikap.org.scope import get_scope
from sikap.surveys import access, paper, services
from sikap.surveys.charts import nrr_bar_svg
from sikap.surveys.forms import (
    CounterForm,
    FollowUpForm,
    ImportForm,
    PromiseForm,
    ServiceTypeForm,
    SettingsForm,
)
from sikap.surveys.models import IkmSnapshot, ServicePromise, ServiceRecord, ServiceType
from sikap.surveys.periods import SurveyPeriod, parse_period, periods_of
from sikap.surveys.stats import UnitIndex, quarter_trend, settings_for, unit_index, year_figures

# ---- Counter -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@formonce.guard
def counter(request: AuthedRequest) -> HttpResponse:
    """Record a service delivered in a few taps; today's register below."""
    me, unit = access.get_counter_unit(request.user)
    service_types = ServiceType.objects.filter(unit=unit, is_active=True)
    officers = access.officers_of(unit)
    form = CounterForm(request.POST or None, service_types=service_types, officers=officers, me=me)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.record_service(
                unit=unit,
                service_type=data["service_type"],
                officers=list(data["officers"]),
                received_at=data["received_at"],
                completed_at=timezone.now() if data["done"] else None,
                citizen_initial=data["citizen_initial"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("surveys:receipt", record.pk)
    today = timezone.localdate()
    records = (
        ServiceRecord.objects.filter(unit=unit, **on_days("received_at", today, today))
        .select_related("service_type")
        .prefetch_related("officers")
        .annotate(answered=Count("responses"))[:100]
    )
    return render(
        request,
        "surveys/counter.html",
        {"form": form, "unit": unit, "records": records, "today": today},
    )


@login_required
@require_POST
def counter_complete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark a service of the register as completed now."""
    _employee, unit = access.get_counter_unit(request.user)
    record = access.get_record_for_user(request.user, pk)
    if record.unit_id != unit.pk:
        raise PermissionDenied
    try:
        services.complete_service(record=record, completed_at=timezone.now(), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:counter")


def survey_url(request: AuthedRequest, record: ServiceRecord, officer: Employee | None) -> str:
    url = reverse("surveys:survey_receipt", args=[record.token])
    if officer is not None:
        url += f"?petugas={officer.pk}"
    return request.build_absolute_uri(url)


@login_required
@require_GET
def receipt(request: AuthedRequest, pk: int) -> HttpResponse:
    """The printable, phone-friendly receipt with a QR code to the survey for this service."""
    record = access.get_record_for_user(request.user, pk)
    officers = list(record.officers.all())
    me = get_scope(request.user).employee
    officer = me if me is not None and any(o.pk == me.pk for o in officers) else None
    if officer is None and len(officers) == 1:
        officer = officers[0]
    url = survey_url(request, record, officer)
    qr = segno.make(url, error="m")
    # viewBox instead of a fixed size: the code scales with the paper (58 mm receipt) or screen.
    svg = qr.svg_inline(scale=5, dark="#000", light="#fff", border=2, omitsize=True)
    return render(
        request,
        "surveys/receipt.html",
        {
            "record": record,
            "officers": officers,
            "url": url,
            "qr_svg": mark_safe(svg),
            "standard": record.service_type.standard_minutes,
        },
    )


# ---- Reports -------------------------------------------------------------------------------


@login_required
@require_GET
def reports(request: AuthedRequest) -> HttpResponse:
    """The service units the user may read, with their latest published index."""
    if not access.can_read_reports(request.user):
        raise PermissionDenied
    units = list(access.service_units_visible_to(request.user).order_by("path"))
    latest: dict[int, IkmSnapshot] = {}
    for snap in IkmSnapshot.objects.filter(unit__in=units).order_by("unit", "-period_end"):
        latest.setdefault(snap.unit_id, snap)
    year = parse_period(None, today=timezone.localdate())
    figures = year_figures(units, year)
    rows = [(u, latest.get(u.pk), figures[u.pk][1], figures[u.pk][0]) for u in units]
    return render(request, "surveys/reports.html", {"rows": rows, "year": year})


def _index_for(request: AuthedRequest, unit: Unit) -> UnitIndex:
    """The index of the requested period; an officer without a reading role sees only their own row."""
    period, population = _period_and_population(request)
    index = unit_index(unit, period, population=population)
    if not access.sees_all_officers(request.user, unit):
        me = get_scope(request.user).employee
        index.officers = [g for g in index.officers if me is not None and g.pk == me.pk]
    return index


def _period_and_population(request: AuthedRequest) -> tuple[SurveyPeriod, int | None]:
    period = parse_period(request.GET.get("periode"), today=timezone.localdate())
    raw = request.GET.get("populasi", "").strip()
    population = int(raw) if raw.isdigit() and int(raw) > 0 else None
    return period, population


def _report_context(request: AuthedRequest, index: UnitIndex) -> dict[str, Any]:
    unit = index.unit
    rights = access.report_rights(request.user, unit)
    leads, can_import = rights.leads, rights.imports
    follow = index.follow_up
    form = FollowUpForm(
        initial={
            "action": follow.action,
            "responsible": follow.responsible,
            "target_date": follow.target_date,
        }
        if follow
        else None
    )
    year = index.period.start.year
    chart = {
        "labels": [r["code"] for r in index.nrr_rows],
        "values": [float(r["nrr"]) if r["nrr"] is not None else None for r in index.nrr_rows],
        "lowest": [r["lowest"] for r in index.nrr_rows],
    }
    snapshot = IkmSnapshot.objects.filter(
        unit=unit, period_start=index.period.start, period_end=index.period.end
    ).first()
    return {
        "index": index,
        "unit": unit,
        "period": index.period,
        "periods": periods_of(year) + periods_of(year - 1)[:3],
        "leads": leads,
        "can_import": can_import,
        "can_manage": rights.manages,
        "follow_form": form,
        "chart": chart,
        "reads_suggestions": access.reads_suggestions(request.user, unit),
        "snapshot": snapshot,
        "population_param": request.GET.get("populasi", ""),
        "trend": quarter_trend(unit, year, index.settings.rules_weight),
        "kiosk_url": request.build_absolute_uri(
            reverse("surveys:kiosk", args=[index.settings.kiosk_key])
        )
        if (leads or can_import)
        else "",
        "link_url": request.build_absolute_uri(reverse("surveys:survey_unit", args=[unit.pk])),
    }


@login_required
@require_GET
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    """The IKM of a unit and period: per unsur, per service, per officer, profile, sample."""
    unit = access.get_report_unit(request.user, pk)
    index = _index_for(request, unit)
    return render(request, "surveys/report.html", _report_context(request, index))


def _filename(index: UnitIndex) -> str:
    return f"IKM-{index.unit.name.replace(' ', '-')}-{index.period.key}"


@login_required
@require_GET
def report_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The IKM report (§3.6) as PDF, with the NRR chart drawn as SVG on the server."""
    unit = access.get_report_unit(request.user, pk)
    index = _index_for(request, unit)
    period = index.period
    context = {
        "index": index,
        "unit": unit,
        "period": period,
        "chart_svg": mark_safe(nrr_bar_svg(index.nrr_rows)),
        "now": timezone.localtime(),
    }
    return pdf_response(request, "surveys/report_pdf.html", context, filename=_filename(index))


def _dec(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@login_required
@require_GET
def report_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    """The IKM report as a workbook: summary, NRR per unsur, services, officers, profile."""
    unit = access.get_report_unit(request.user, pk)
    index = _index_for(request, unit)
    period = index.period
    result = index.result
    workbook = new_workbook()
    add_sheet(
        workbook,
        "Ringkasan",
        ["Keterangan", "Nilai"],
        [
            ("Unit", unit.name),
            ("Periode", period.label),
            ("Jumlah responden", index.respondents),
            ("IKM", _dec(result.ikm) if result else None),
            ("Mutu pelayanan", result.quality if result else "-"),
            ("Kinerja unit pelayanan", result.performance if result else "-"),
            ("Bobot", "1/9 (eksak)" if index.settings.weight == "exact" else "0,111"),
            ("Populasi", index.population),
            ("Sampel minimal (Krejcie–Morgan)", index.required_sample),
            ("Sampel mencukupi", {True: "Ya", False: "Tidak", None: "-"}[index.sample_sufficient]),
            ("Unsur terendah", index.lowest_names),
            ("Rencana tindak lanjut", index.follow_up.action if index.follow_up else ""),
        ],
    )
    add_sheet(
        workbook,
        "NRR per unsur",
        ["Unsur", "Nama", "NRR", "NRR tertimbang", "Konversi"],
        [
            (r["code"], r["name"], _dec(r["nrr"]), _dec(r["weighted"]), _dec(r["converted"]))
            for r in index.nrr_rows
        ],
    )
    add_sheet(
        workbook,
        "Per layanan",
        ["Layanan", "Layanan tercatat", "Tepat waktu (%)", "Responden", "IKM", "Mutu"],
        [
            (
                g.label,
                g.services,
                g.on_time_share,
                g.respondents,
                _dec(g.result.ikm) if g.result else None,
                g.result.quality if g.result else "",
            )
            for g in index.services
        ],
    )
    add_sheet(
        workbook,
        "Per petugas",
        ["Petugas", "Layanan", "Tepat waktu (%)", "Responden", "IKM", "Mutu"],
        [
            (
                g.label,
                g.services,
                g.on_time_share,
                g.respondents,
                None if g.hidden or not g.result else _dec(g.result.ikm),
                f"di bawah minimum {index.settings.min_officer_responses}"
                if g.hidden
                else (g.result.quality if g.result else ""),
            )
            for g in index.officers
        ],
    )
    add_sheet(
        workbook,
        "Profil responden",
        ["Aspek", "Kategori", "Jumlah"],
        [(aspect, label, n) for aspect, values in index.profile.items() for label, n in values],
    )
    return xlsx_response(workbook, filename=_filename(index))


@login_required
@require_POST
def follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    """The unit head records the rencana tindak lanjut for the lowest unsur."""
    unit = access.get_report_unit(request.user, pk, action="lead")
    period, population = _period_and_population(request)
    index = unit_index(unit, period, population=population)
    form = FollowUpForm(request.POST)
    scope = get_scope(request.user)
    if scope.employee is None:
        raise PermissionDenied
    if form.is_valid() and index.lowest:
        try:
            services.save_follow_up(
                unit=unit,
                period=period,
                unsur=index.lowest,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The follow-up plan has been saved."))
    elif not index.lowest:
        messages.error(request, _("There are no answers in this period yet."))
    else:
        messages.error(request, _("Please write the planned action."))
    return redirect(f"{reverse('surveys:report', args=[unit.pk])}?periode={period.key}")


@login_required
@require_POST
def publish(request: AuthedRequest, pk: int) -> HttpResponse:
    """The unit head publishes the period's index on the public page."""
    unit = access.get_report_unit(request.user, pk, action="lead")
    period, population = _period_and_population(request)
    index = unit_index(unit, period, population=population)
    try:
        services.publish_index(index=index, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The index has been published."))
    return redirect(f"{reverse('surveys:report', args=[unit.pk])}?periode={period.key}")


@login_required
@require_http_methods(["GET", "POST"])
@formonce.guard
def import_paper(request: AuthedRequest, pk: int) -> HttpResponse:
    """Import paper questionnaires: every row checked, nothing stored unless all are valid."""
    unit = access.get_report_unit(request.user, pk, action="import")
    form = ImportForm(
        request.POST or None, request.FILES or None, initial={"survey_date": timezone.localdate()}
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload, allowed=SPREADSHEET_TYPES, name=upload.name)
        except ValidationError as error:
            errors = list(error.messages)
        if not errors:
            upload.seek(0)
            fingerprint = hashlib.sha256(upload.read()).hexdigest()
            upload.seek(0)
            table = paper.parse_file(upload, upload.name)
            errors = table.errors
            if not errors:
                try:
                    batch = services.import_paper(
                        unit=unit,
                        table=table,
                        filename=upload.name,
                        submitted_on=form.cleaned_data["survey_date"],
                        by=request.user,
                        fingerprint=fingerprint,
                    )
                except ValidationError as error:
                    errors = list(error.messages)
                else:
                    messages.success(
                        request, _("%(n)d questionnaires were imported.") % {"n": batch.rows}
                    )
                    return redirect("surveys:report", unit.pk)
    settings_for(unit)
    last = ServiceRecord.objects.filter(unit=unit).aggregate(last=Max("received_at"))["last"]
    return render(
        request,
        "surveys/import.html",
        {"form": form, "unit": unit, "errors": errors, "last": last},
    )


# ---- Catalogue and settings (unit head, Admin Kepegawaian) ----------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def unit_settings(request: AuthedRequest, pk: int) -> HttpResponse:
    """The unit's survey settings and its maklumat pelayanan."""
    unit = access.get_report_unit(request.user, pk, action="manage")
    scope = get_scope(request.user)
    settings = settings_for(unit)
    promise = ServicePromise.objects.filter(unit=unit).first() or ServicePromise(unit=unit)
    which = request.POST.get("form") if request.method == "POST" else None
    settings_form = SettingsForm(request.POST if which == "settings" else None, instance=settings)
    promise_form = PromiseForm(request.POST if which == "promise" else None, instance=promise)
    leads = access.report_rights(request.user, unit).leads
    form, save = {
        "settings": (
            settings_form,
            lambda f: services.save_settings(settings=f.instance, by=request.user),
        ),
        "promise": (
            promise_form,
            lambda f: services.save_promise(
                promise=f.instance, signer=scope.employee if leads else None, by=request.user
            ),
        ),
    }.get(which or "", (None, None))
    if form is not None and save is not None and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("surveys:settings", unit.pk)
    return render(
        request,
        "surveys/settings.html",
        {
            "unit": unit,
            "settings_form": settings_form,
            "promise_form": promise_form,
            "promise": promise,
            "leads": leads,
        },
    )


@login_required
@require_GET
def catalogue(request: AuthedRequest, pk: int) -> HttpResponse:
    """The unit's service catalogue (standar pelayanan)."""
    unit = access.get_report_unit(request.user, pk, action="manage")
    service_types = ServiceType.objects.filter(unit=unit)
    return render(request, "surveys/catalogue.html", {"unit": unit, "service_types": service_types})


@login_required
@require_http_methods(["GET", "POST"])
@formonce.guard
def service_type_edit(request: AuthedRequest, pk: int, type_pk: int | None = None) -> HttpResponse:
    """Create or change a jenis layanan with its 14 komponen."""
    unit = access.get_report_unit(request.user, pk, action="manage")
    instance = ServiceType(unit=unit)
    if type_pk is not None:
        found = ServiceType.objects.filter(unit=unit, pk=type_pk).first()
        if found is None:
            raise Http404
        instance = found
    form = ServiceTypeForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_service_type(service_type=form.instance, unit=unit, by=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("surveys:catalogue", unit.pk)
    return render(
        request,
        "surveys/service_type_form.html",
        {"unit": unit, "form": form, "instance": instance},
    )
