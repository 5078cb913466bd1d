"""Complaint pages: the citizen's form and status page (no login), and the staff pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts.http import AuthedRequest
from sikap.accounts.scope import get_scope
from sikap.complaints import access, forms, metrics, rules, services
from sikap.complaints.models import (
    OPEN_STATUSES,
    Category,
    Channel,
    Complaint,
    ComplaintClass,
    ComplaintSettings,
    EscalationNotice,
    Holiday,
    ResponseTemplate,
    Status,
    TemplateStep,
)
from sikap.lib.clientip import client_ip
from sikap.lib.formatting import tanggal
from sikap.org.models import Employee, Unit, UnitKind

PUBLIC_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "same-origin",  # no-referrer would send "Origin: null" and fail CSRF
}


def _public(response: HttpResponse) -> HttpResponse:
    for key, value in PUBLIC_HEADERS.items():
        response[key] = value
    return response


def _rate_limited(request: HttpRequest, key: str, limit: int, window: int) -> bool:
    """Count a request against a per-address budget; True once the budget is spent."""
    cache_key = f"complaints:{key}:{client_ip(request)}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window)
        count = 1
    return count > limit


def _apply_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            target = field if field in form.fields else None
            for text in texts:
                form.add_error(target, text)
    else:
        for text in error.messages:
            form.add_error(None, text)


# ---------------------------------------------------------------- citizen pages (no login)


@require_http_methods(["GET", "POST"])
def public_form(request: HttpRequest) -> HttpResponse:
    """The public complaint form: no login, name and contact optional, anonymity honoured."""
    form = forms.PublicComplaintForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        limit = getattr(settings, "COMPLAINTS_PUBLIC_LIMIT", 5)
        if form.data.get("website"):
            # A bot filled in the hidden field: act as if it worked, keep nothing.
            return redirect("complaints:track")
        if _rate_limited(request, "submit", limit, 3600):
            form.add_error(None, _("Too many reports from this connection. Try again later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                complaint = services.register_complaint(
                    unit=data["unit"], subject=data["subject"], text=data["text"],
                    classification=data["classification"], category=data["category"],
                    service_name=data["service_name"], reporter_name=data["reporter_name"],
                    reporter_phone=data["reporter_phone"], reporter_email=data["reporter_email"],
                    is_anonymous=data["is_anonymous"], files=data["files"],
                )  # fmt: skip
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your report is registered. Keep your tracking code: %(code)s")
                    % {"code": complaint.tracking_code},
                )
                return redirect("complaints:status", code=complaint.tracking_code)
        if status == 200 and form.errors:
            status = 400
    response = render(request, "complaints/public_form.html", {"form": form}, status=status)
    return _public(response)


@require_GET
def track(request: HttpRequest) -> HttpResponse:
    """Enter a tracking code to open the status page."""
    form = forms.TrackForm(request.GET or None)
    if form.is_valid():
        code = rules.normalise_code(form.cleaned_data["code"])
        if Complaint.objects.filter(tracking_code=code).exists():
            return redirect("complaints:status", code=code)
        form.add_error("code", _("No report has this tracking code."))
    return _public(render(request, "complaints/track.html", {"form": form}))


def _public_complaint(code: str) -> Complaint:
    return get_object_or_404(
        Complaint.objects.select_related("unit", "category"),
        tracking_code=rules.normalise_code(code),
    )


def _status_page(request: HttpRequest, complaint: Complaint, **forms_: Any) -> HttpResponse:
    events = [
        {
            "at": e.at,
            "label": e.get_kind_display(),
            "note": e.note,
            "who": _("You") if e.by_citizen else (_("Officer") if e.by_id else _("System")),
        }
        for e in complaint.events.filter(is_public=True).order_by("at", "pk")
    ]
    rating = getattr(complaint, "rating", None) if hasattr(complaint, "rating") else None
    can_reply = complaint.status != Status.CLOSED and (
        complaint.is_paused or complaint.status == Status.ANSWERED
    )
    context = {
        "complaint": complaint,
        "events": events,
        "rating": rating,
        "can_reply": can_reply,
        "reply_form": forms_.get("reply_form") or forms.CitizenReplyForm(),
        "rating_form": forms_.get("rating_form") or forms.RatingForm(),
        "can_rate": complaint.can_rate and rating is None,
    }
    status = 400 if forms_ else 200
    return _public(render(request, "complaints/status.html", context, status=status))


@require_GET
def status(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen's status page: no login, no personal data, public steps and the tanggapan."""
    return _status_page(request, _public_complaint(code))


@require_POST
def citizen_reply(request: HttpRequest, code: str) -> HttpResponse:
    complaint = _public_complaint(code)
    form = forms.CitizenReplyForm(request.POST)
    if form.is_valid():
        try:
            services.citizen_reply(
                complaint=complaint, text=form.cleaned_data["text"],
                reopen=form.cleaned_data["reopen"],
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your reply was sent."))
            return redirect("complaints:status", code=complaint.tracking_code)
    return _status_page(request, complaint, reply_form=form)


@require_POST
def citizen_confirm(request: HttpRequest, code: str) -> HttpResponse:
    complaint = _public_complaint(code)
    try:
        services.confirm(complaint=complaint)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you. Your report is closed."))
    return redirect("complaints:status", code=complaint.tracking_code)


@require_POST
def citizen_rate(request: HttpRequest, code: str) -> HttpResponse:
    complaint = _public_complaint(code)
    form = forms.RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate(
                complaint=complaint, score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("complaints:status", code=complaint.tracking_code)
    return _status_page(request, complaint, rating_form=form)


# ---------------------------------------------------------------- staff pages

STATUS_FILTERS = [(s.value, s.label) for s in Status]


@require_GET
@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    """Complaints of the user's units and those assigned to them, with filters."""
    scope = get_scope(request.user)
    today = timezone.localdate()
    qs = access.complaints_visible_to(request.user).select_related("unit", "assignee", "category")
    units = list(Unit.objects.within_any(scope.read_paths).filter(is_active=True))
    if scope.is_superadmin:
        units = list(
            Unit.objects.filter(is_active=True, kind__in=[UnitKind.KECAMATAN, UnitKind.KELURAHAN])
        )
    query = request.GET.get("q", "").strip()
    selected = {
        "status": request.GET.get("status", ""),
        "overdue": request.GET.get("overdue") == "1",
        "mine": request.GET.get("mine") == "1",
        "unit": request.GET.get("unit", ""),
        "q": query,
    }
    if selected["status"] == "open":
        qs = qs.open()
    elif selected["status"] in Status.values:
        qs = qs.filter(status=selected["status"])
    if selected["overdue"]:
        qs = qs.overdue(today)
    if selected["mine"] and scope.employee is not None:
        qs = qs.filter(assignee=scope.employee)
    unit = next((u for u in units if str(u.pk) == selected["unit"]), None)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if query:
        qs = qs.filter(
            Q(tracking_code=rules.normalise_code(query))
            | Q(subject__icontains=query)
            | Q(lapor_reference=query)
        )
    ordering = (F("due_on").asc(nulls_last=True), "-registered_on", "-pk")
    page = Paginator(qs.order_by(*ordering), 50).get_page(request.GET.get("page"))
    rows = [(c, c.is_overdue(today)) for c in page.object_list]
    notices = []
    if scope.employee is not None:
        notices = list(
            EscalationNotice.objects.filter(
                recipient=scope.employee,
                complaint__status__in=OPEN_STATUSES,
                sent_at__gte=timezone.now() - dt.timedelta(days=14),
            ).select_related("complaint")[:10]
        )
    context = {
        "page": page,
        "rows": rows,
        "units": units,
        "selected": selected,
        "statuses": STATUS_FILTERS,
        "notices": notices,
        "can_enter": access.can_enter(request.user),
        "can_admin": access.can_view_admin(request.user),
        "can_report": scope.is_superadmin or bool(scope.read_paths),
        "today": today,
    }
    template = "complaints/inbox.html#rows" if request.htmx else "complaints/inbox.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def staff_new(request: AuthedRequest) -> HttpResponse:
    """Staff entry of a complaint received at the desk, by phone, WhatsApp or via LAPOR!."""
    access.require_entry(request.user)
    form = forms.StaffComplaintForm(
        request.POST or None, request.FILES or None, units=access.entry_units(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.register_complaint(
                unit=data["unit"], subject=data["subject"], text=data["text"],
                channel=data["channel"], lapor_reference=data["lapor_reference"],
                classification=data["classification"], category=data["category"],
                service_name=data["service_name"], reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"], reporter_email=data["reporter_email"],
                is_anonymous=data["is_anonymous"], files=data["files"], by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Registered. Give the citizen the tracking code %(code)s.")
                % {"code": complaint.tracking_code},
            )
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "complaints/staff_new.html", {"form": form})


ACTIONS: dict[str, tuple[type[Any], bool]] = {
    # action: (form class, needs a unit manager rather than the assignee)
    "verify": (forms.VerifyForm, True),
    "reject": (forms.RejectForm, True),
    "assign": (forms.AssignForm, True),
    "start": (forms.StartForm, False),
    "answer": (forms.AnswerForm, False),
    "pause": (forms.PauseForm, False),
    "resume": (forms.ResumeForm, False),
    "note": (forms.NoteForm, False),
}
ACTION_LABELS = {
    "verify": gettext_lazy("Verify"),
    "reject": gettext_lazy("Close at verification"),
    "assign": gettext_lazy("Assign"),
    "start": gettext_lazy("Start the follow-up"),
    "answer": gettext_lazy("Send the tanggapan"),
    "pause": gettext_lazy("Ask the citizen (pause the clock)"),
    "resume": gettext_lazy("Resume the clock"),
    "note": gettext_lazy("Add an internal note"),
}
TEMPLATE_FIELDS = {
    TemplateStep.VERIFIED: ("verify", "note"),
    TemplateStep.REJECTED: ("reject", "note"),
    TemplateStep.STARTED: ("start", "note"),
    TemplateStep.ANSWERED: ("answer", "text"),
    TemplateStep.PAUSED: ("pause", "reason"),
}


def _available_actions(scope: Any, complaint: Complaint) -> list[str]:
    manager = access.can_manage(scope, complaint)
    worker = access.can_work_on(scope, complaint)
    s = complaint.status
    result: list[str] = []
    if manager and s == Status.REGISTERED and not complaint.is_paused:
        result.append("verify")
    if manager and s in (Status.REGISTERED, Status.VERIFIED):
        result.append("reject")
    if manager and s in (Status.VERIFIED, Status.ASSIGNED, Status.IN_PROGRESS):
        result.append("assign")
    if worker and s == Status.ASSIGNED:
        result.append("start")
    if worker and s in (Status.ASSIGNED, Status.IN_PROGRESS) and not complaint.is_paused:
        result.append("answer")
    if worker and complaint.is_open and not complaint.is_paused:
        result.append("pause")
    if worker and complaint.is_paused:
        result.append("resume")
    if worker:
        result.append("note")
    return result


def _make_form(action: str, request: AuthedRequest, complaint: Complaint, data: Any = None) -> Any:
    form_class = ACTIONS[action][0]
    kwargs: dict[str, Any] = {"prefix": action}
    if action == "assign":
        kwargs["employees"] = access.assignable_employees(request.user, complaint)
        kwargs["initial"] = {"assignee": complaint.assignee_id}
    if action == "verify":
        kwargs["initial"] = {
            "complaint_class": complaint.complaint_class,
            "category": complaint.category_id,
        }
    return form_class(data, **kwargs)


def _detail(
    request: AuthedRequest, complaint: Complaint, bound: dict[str, Any] | None = None
) -> HttpResponse:
    scope = get_scope(request.user)
    bound = bound or {}
    actions = _available_actions(scope, complaint)
    templates = list(ResponseTemplate.objects.filter(is_active=True))
    chosen = next((t for t in templates if str(t.pk) == request.GET.get("tpl")), None)
    action_forms = {}
    for action in actions:
        form = bound.get(action) or _make_form(action, request, complaint)
        if chosen is not None and action not in bound:
            target = TEMPLATE_FIELDS.get(TemplateStep(chosen.step))
            if target and target[0] == action:
                form.initial[target[1]] = chosen.body
        action_forms[action] = form
    steps = {action: step for step, (action, _f) in TEMPLATE_FIELDS.items()}
    context = {
        "complaint": complaint,
        "today": timezone.localdate(),
        "overdue": complaint.is_overdue(timezone.localdate()),
        "show_identity": access.sees_identity(request.user, complaint),
        "events": complaint.events.select_related("by__employee").order_by("at", "pk"),
        "pauses": list(complaint.pauses.all()),
        "attachments": list(complaint.attachments.all()),
        "rating": getattr(complaint, "rating", None),
        "escalations": list(complaint.escalations.select_related("recipient")),
        "actions": [
            (
                action,
                ACTION_LABELS[action],
                form,
                [t for t in templates if steps.get(action) == t.step],
            )
            for action, form in action_forms.items()
        ],
        "can_change": access.can_work_on(scope, complaint),
    }
    status = 400 if bound else 200
    return render(request, "complaints/detail.html", context, status=status)


@require_GET
@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A complaint with its steps, deadlines and the actions the user may take."""
    complaint = access.get_complaint_for_user(request.user, pk)
    return _detail(request, complaint)


@require_POST
@login_required
def act(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """One lifecycle action on a complaint (verify, reject, assign, start, answer, pause...)."""
    if action not in ACTIONS:
        raise Http404
    complaint = access.get_complaint_for_user(request.user, pk, for_change=True)
    if ACTIONS[action][1]:
        access.require_manager_of(request.user, complaint)
    form = _make_form(action, request, complaint, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        by = request.user
        try:
            if action == "verify":
                services.verify(
                    complaint=complaint, by=by, complaint_class=data["complaint_class"],
                    category=data["category"], note=data["note"],
                )  # fmt: skip
            elif action == "reject":
                original = None
                if data["duplicate_code"]:
                    original = (
                        access.complaints_visible_to(by)
                        .filter(tracking_code=rules.normalise_code(data["duplicate_code"]))
                        .first()
                    )
                services.reject(
                    complaint=complaint, by=by, reason=data["reason"], note=data["note"],
                    duplicate_of=original,
                )  # fmt: skip
            elif action == "assign":
                services.assign(
                    complaint=complaint, by=by, assignee=data["assignee"], note=data["note"]
                )
            elif action == "start":
                services.start(complaint=complaint, by=by, note=data["note"])
            elif action == "answer":
                services.answer(complaint=complaint, by=by, text=data["text"])
            elif action == "pause":
                services.pause(complaint=complaint, by=by, reason=data["reason"])
            elif action == "resume":
                services.resume(complaint=complaint, by=by, note=data["note"])
            else:
                services.add_note(complaint=complaint, by=by, note=data["note"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("complaints:detail", pk=complaint.pk)
    return _detail(request, complaint, {action: form})


@require_GET
@login_required
def attachment(request: AuthedRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Download an attachment: only staff who may see the reporter's identity."""
    complaint = access.get_complaint_for_user(request.user, pk)
    if not access.sees_identity(request.user, complaint):
        raise PermissionDenied
    item = get_object_or_404(complaint.attachments, pk=attachment_pk)
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name,
        content_type=item.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------- calendar and settings (HR)


@require_GET
@login_required
def holidays(request: AuthedRequest) -> HttpResponse:
    """The working-day calendar: libur nasional and cuti bersama of a year."""
    scope = access.require_admin_view(request.user)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    return _holidays_page(request, scope, year)


def _holidays_page(
    request: AuthedRequest, scope: Any, year: int, form: Any = None, propose: Any = None,
    bulk: Any = None,
) -> HttpResponse:  # fmt: skip
    years = sorted({d.year for d in Holiday.objects.dates("date", "year")} | {year, year + 1})
    context = {
        "year": year,
        "years": years,
        "rows": Holiday.objects.filter(date__year=year),
        "form": form or forms.HolidayForm(),
        "propose_form": propose or forms.ProposeForm(initial={"year": year + 1}),
        "bulk_form": bulk or forms.BulkHolidayForm(),
        "can_change": scope.is_superadmin or bool(scope.manage_paths),
    }
    return render(
        request, "complaints/holidays.html", context, status=400 if form or propose or bulk else 200
    )


@require_POST
@login_required
def holiday_add(request: AuthedRequest) -> HttpResponse:
    scope = access.require_admin_view(request.user, for_change=True)
    form = forms.HolidayForm(request.POST)
    if form.is_valid():
        try:
            holiday = services.add_holiday(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Added %(date)s.") % {"date": tanggal(holiday.date)})
            return redirect(f"{reverse('complaints:holidays')}?year={holiday.date.year}")
    year = form.cleaned_data.get("date", timezone.localdate()).year if form.is_bound else 0
    return _holidays_page(request, scope, year or timezone.localdate().year, form=form)


@require_POST
@login_required
def holiday_bulk(request: AuthedRequest) -> HttpResponse:
    """Enter a whole SKB at once: one line per day, ``date | name | kind``."""
    scope = access.require_admin_view(request.user, for_change=True)
    form = forms.BulkHolidayForm(request.POST)
    if form.is_valid():
        try:
            created = services.add_holidays(by=request.user, rows=form.cleaned_data["rows"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("%(n)d days added.") % {"n": len(created)})
            year = created[0].date.year if created else timezone.localdate().year
            return redirect(f"{reverse('complaints:holidays')}?year={year}")
    return _holidays_page(request, scope, timezone.localdate().year, bulk=form)


@require_POST
@login_required
def holiday_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    access.require_admin_view(request.user, for_change=True)
    holiday = get_object_or_404(Holiday, pk=pk)
    year = holiday.date.year
    services.delete_holiday(by=request.user, holiday=holiday)
    messages.success(request, _("Removed."))
    return redirect(f"{reverse('complaints:holidays')}?year={year}")


@require_POST
@login_required
def holiday_propose(request: AuthedRequest) -> HttpResponse:
    """Add the libur nasional proposed for a year; cuti bersama must be entered from the SKB."""
    scope = access.require_admin_view(request.user, for_change=True)
    form = forms.ProposeForm(request.POST)
    if not form.is_valid():
        return _holidays_page(request, scope, timezone.localdate().year, propose=form)
    year = form.cleaned_data["year"]
    created = services.propose_national_holidays(by=request.user, year=year)
    messages.success(
        request,
        _(
            "%(n)d libur nasional proposed for %(year)d. Check them against the SKB and add the "
            "cuti bersama by hand."
        )
        % {"n": len(created), "year": year},
    )
    return redirect(f"{reverse('complaints:holidays')}?year={year}")


@require_http_methods(["GET", "POST"])
@login_required
def settings_view(request: AuthedRequest) -> HttpResponse:
    """Time limits, escalation and retention: read by auditors, changed by HR admins."""
    scope = access.require_admin_view(request.user, for_change=request.method == "POST")
    config = ComplaintSettings.load()
    form = forms.SettingsForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        services.update_settings(by=request.user, values=form.cleaned_data)
        messages.success(request, _("Settings saved; open deadlines were recomputed."))
        return redirect("complaints:settings")
    context = {"form": form, "can_change": scope.is_superadmin or bool(scope.manage_paths)}
    return render(request, "complaints/settings.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def texts(request: AuthedRequest) -> HttpResponse:
    """Categories and response templates: HR admins add and edit; auditors read."""
    scope = access.require_admin_view(request.user, for_change=request.method == "POST")
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    pk = request.POST.get("pk") or request.GET.get("pk")
    category_form = forms.CategoryForm(prefix="category")
    template_form = forms.ResponseTemplateForm(prefix="template")
    if kind == "category":
        instance = get_object_or_404(Category, pk=pk) if pk else None
        category_form = forms.CategoryForm(
            request.POST or None, prefix="category", instance=instance
        )
    elif kind == "template":
        instance_t = get_object_or_404(ResponseTemplate, pk=pk) if pk else None
        template_form = forms.ResponseTemplateForm(
            request.POST or None, prefix="template", instance=instance_t
        )
    if request.method == "POST":
        if kind == "category" and category_form.is_valid():
            services.save_category(by=request.user, category=category_form.save(commit=False))
            messages.success(request, _("Saved."))
            return redirect("complaints:texts")
        if kind == "template" and template_form.is_valid():
            services.save_response_template(
                by=request.user, template=template_form.save(commit=False)
            )
            messages.success(request, _("Saved."))
            return redirect("complaints:texts")
    context = {
        "categories": Category.objects.all(),
        "templates": ResponseTemplate.objects.all(),
        "category_form": category_form,
        "template_form": template_form,
        "editing": (kind, pk),
        "can_change": scope.is_superadmin or bool(scope.manage_paths),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "complaints/texts.html", context, status=status)


# ---------------------------------------------------------------- metrics and monthly report


def _month_bounds(text: str, today: dt.date) -> tuple[dt.date, dt.date]:
    try:
        year, month = (int(part) for part in text.split("-")[:2])
        start = dt.date(year, month, 1)
    except (ValueError, TypeError):
        start = today.replace(day=1)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return start, end


@require_GET
@login_required
def report(request: AuthedRequest) -> HttpResponse:
    """Monthly metrics per unit and employee; as a page, PDF or Excel."""
    paths = access.report_paths(request.user)
    today = timezone.localdate()
    units_qs = Unit.objects.filter(
        is_active=True, kind__in=[UnitKind.KECAMATAN, UnitKind.KELURAHAN]
    )
    if paths is not None:
        units_qs = units_qs.within_any(paths)
    units = list(units_qs.order_by("path"))
    form = forms.ReportForm(request.GET or None, units=units_qs)
    start, end = _month_bounds(request.GET.get("month", ""), today)
    root = next((u for u in units if str(u.pk) == request.GET.get("unit")), None)
    if root is None and units:
        root = units[0]
    shown = [u for u in units if root is not None and u.path.startswith(root.path)]
    qs = metrics.period_queryset(start, end)
    qs = qs.filter(unit__path__startswith=root.path) if root else qs.none()
    rows = metrics.rows_for(qs)
    employees = Employee.objects.in_bulk({r["assignee_id"] for r in rows if r["assignee_id"]})
    overdue = list(
        Complaint.objects.overdue(today)
        .filter(unit__path__startswith=root.path if root else "-")
        .select_related("unit", "assignee")
        .order_by("due_on")[:200]
    )
    total = metrics.summarise(rows, today)
    breakdowns = [
        (_("By status"), [(x.label, total.by_status.get(x.value, 0)) for x in Status]),
        (_("By class"), [(x.label, total.by_class.get(x.value, 0)) for x in ComplaintClass]),
        (_("By channel"), [(x.label, total.by_channel.get(x.value, 0)) for x in Channel]),
    ]
    context = {
        "form": form,
        "breakdowns": breakdowns,
        "start": start,
        "end": end,
        "month": f"{start:%Y-%m}",
        "root": root,
        "total": total,
        "unit_rows": metrics.by_unit(rows, shown, today),
        "employee_rows": metrics.by_employee(rows, employees, today),
        "overdue": overdue,
        "today": today,
    }
    fmt = request.GET.get("format")
    filename = f"pengaduan-{start:%Y-%m}"
    if fmt == "pdf":
        from sikap.lib.pdf import pdf_response

        context["pdf_sections"] = [
            ("Per unit", context["unit_rows"]),
            ("Per pegawai", context["employee_rows"]),
        ]
        return pdf_response(request, "complaints/report_pdf.html", context, filename=filename)
    if fmt == "xlsx":
        return _report_xlsx(context, filename)
    return render(request, "complaints/report.html", context)


def _report_xlsx(context: dict[str, Any], filename: str) -> HttpResponse:
    from sikap.lib.xlsx import add_sheet, new_workbook, xlsx_response

    def line(label: str, s: metrics.Summary) -> list[Any]:
        return [
            label, s.total, *(s.by_status.get(st.value, 0) for st in Status), s.closed,
            s.closed_on_time, s.open_overdue,
            float(s.on_time_rate) if s.on_time_rate is not None else None,
            *(float(v) if v is not None else None for v in (s.median_verify, s.median_answer, s.median_close)),
        ]  # fmt: skip

    headers = [
        "Unit/Pegawai", "Jumlah", *(str(st.label) for st in Status), "Selesai ditangani",
        "Tepat waktu", "Terbuka & terlambat", "Ketepatan waktu (%)", "Median verifikasi (hari kerja)",
        "Median tanggapan (hari kerja)", "Median selesai (hari kerja)",
    ]  # fmt: skip
    workbook = new_workbook()
    add_sheet(workbook, "Per unit", headers, [line(u.name, s) for u, s in context["unit_rows"]])
    add_sheet(
        workbook, "Per pegawai", headers,
        [line(e.display_name, s) for e, s in context["employee_rows"]],
    )  # fmt: skip
    add_sheet(
        workbook, "Terlambat", ["Kode", "Unit", "Perihal", "Status", "Batas waktu", "Petugas"],
        [
            [c.tracking_code, c.unit.name, c.subject, str(c.get_status_display()), c.due_on,
             c.assignee.display_name if c.assignee else ""]
            for c in context["overdue"]
        ],
    )  # fmt: skip
    return xlsx_response(workbook, filename=filename)
