"""Staff pages: the inbox, staff entry, a complaint's detail and its actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts import formonce
from sikap.accounts.http import AuthedRequest
from sikap.complaints import access, forms, rules, services
from sikap.complaints.models import (
    OPEN_STATUSES,
    Complaint,
    EscalationNotice,
    ResponseTemplate,
    Status,
    TemplateStep,
)
from sikap.lib.forms import apply_errors
from sikap.lib.uploads import serve_upload
from sikap.org.scope import get_scope

# ---------------------------------------------------------------- staff pages

STATUS_FILTERS = [(s.value, s.label) for s in Status]


# Answered and closed complaints run on no deadline (``due_on`` is empty once a complaint is
# answered): their list is the newest first. Ordering them by the empty deadline also misled
# PostgreSQL, which walked the deadline index over every complaint of the city to find a
# kelurahan's closed ones (61 ms for 713 of 100,000, against 17 ms newest first).
WITHOUT_DEADLINE = {Status.ANSWERED.value, Status.CLOSED.value}


def inbox_order(status: str) -> tuple[Any, ...]:
    """The inbox's order for a status filter: the nearest deadline first where there is one."""
    if status in WITHOUT_DEADLINE:
        return ("-registered_on", "-pk")
    return (F("due_on").asc(nulls_last=True), "-registered_on", "-pk")


@require_GET
@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    """Complaints of the user's units and those assigned to them, with filters."""
    scope = get_scope(request.user)
    today = timezone.localdate()
    qs = access.complaints_visible_to(request.user).select_related("unit", "assignee", "category")
    units = access.inbox_units(request.user)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    selected = {
        "status": status,
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
        qs = qs.in_subtree(unit)
    if query:
        qs = qs.filter(
            Q(tracking_code=rules.normalise_code(query))
            | Q(subject__icontains=query)
            | Q(lapor_reference=query)
        )
    page = Paginator(qs.order_by(*inbox_order(status)), 50).get_page(request.GET.get("page"))
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
        "can_report": access.can_report(request.user),
        "today": today,
    }
    template = "complaints/inbox.html#rows" if request.htmx else "complaints/inbox.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


@require_http_methods(["GET", "POST"])
@login_required
@formonce.guard
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
                unit=data["unit"],
                subject=data["subject"],
                text=data["text"],
                channel=data["channel"],
                lapor_reference=data["lapor_reference"],
                classification=data["classification"],
                category=data["category"],
                service_name=data["service_name"],
                reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"],
                reporter_email=data["reporter_email"],
                is_anonymous=data["is_anonymous"],
                is_confidential=data["is_confidential"],
                files=data["files"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
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
    "forward": (forms.ForwardForm, True),
    "forward_out": (forms.ForwardOutForm, True),
    "assign": (forms.AssignForm, True),
    "extend": (forms.ExtendForm, True),
    "start": (forms.StartForm, False),
    "answer": (forms.AnswerForm, False),
    "pause": (forms.PauseForm, False),
    "resume": (forms.ResumeForm, False),
    "note": (forms.NoteForm, False),
}
ACTION_LABELS = {
    "verify": gettext_lazy("Verify"),
    "reject": gettext_lazy("Close at verification"),
    "forward": gettext_lazy("Forward to the competent unit"),
    "forward_out": gettext_lazy("Forward to another instansi"),
    "assign": gettext_lazy("Assign"),
    "extend": gettext_lazy("Extend the deadline"),
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


def _make_form(action: str, request: AuthedRequest, complaint: Complaint, data: Any = None) -> Any:
    form_class = ACTIONS[action][0]
    kwargs: dict[str, Any] = {"prefix": action}
    if action == "assign":
        kwargs["employees"] = access.assignable_employees(request.user, complaint)
        kwargs["initial"] = {"assignee": complaint.assignee_id}
    if action == "forward":
        kwargs["units"] = services.forwarding_units().exclude(pk=complaint.unit_id)
    if action == "verify":
        kwargs["initial"] = {
            "complaint_class": complaint.complaint_class,
            "category": complaint.category_id,
        }
    return form_class(data, **kwargs)


def _detail(
    request: AuthedRequest, complaint: Complaint, bound: dict[str, Any] | None = None
) -> HttpResponse:
    rights = access.rights(request.user, complaint)
    if rights.sees_identity:
        access.log_identity_access(request.user, complaint)
    bound = bound or {}
    actions = rights.actions(complaint)
    templates = list(ResponseTemplate.objects.offered_in(complaint.unit).filter(is_active=True))
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
        "show_identity": rights.sees_identity,
        "identity_log": (
            list(complaint.identity_accesses.select_related("user")[:50])
            if access.sees_identity_log(request.user, complaint)
            else None
        ),
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
        "can_change": rights.works_on,
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
@formonce.guard
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
                    complaint=complaint,
                    by=by,
                    complaint_class=data["complaint_class"],
                    category=data["category"],
                    note=data["note"],
                )
            elif action == "reject":
                original = None
                if data["duplicate_code"]:
                    original = (
                        access.complaints_visible_to(by)
                        .filter(tracking_code=rules.normalise_code(data["duplicate_code"]))
                        .first()
                    )
                services.reject(
                    complaint=complaint,
                    by=by,
                    reason=data["reason"],
                    note=data["note"],
                    duplicate_of=original,
                )
            elif action == "forward":
                services.forward(complaint=complaint, by=by, unit=data["unit"], note=data["note"])
            elif action == "forward_out":
                services.forward_out(
                    complaint=complaint,
                    by=by,
                    instansi=data["instansi"],
                    reference=data["reference"],
                    note=data["note"],
                )
            elif action == "extend":
                services.extend(
                    complaint=complaint, by=by, days=data["days"], reason=data["reason"]
                )
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
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            if not access.complaints_visible_to(by).filter(pk=complaint.pk).exists():
                return redirect("complaints:inbox")  # forwarded out of the user's units
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
    access.log_identity_access(request.user, complaint, attachment=item)
    return serve_upload(
        item.file.open("rb"), filename=item.original_name, content_type=item.content_type
    )
