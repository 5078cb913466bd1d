"""Sending gentle reminders from the lists of people who are behind (engagement, unit, team)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sikap.accounts.http import AuthedRequest
from sikap.planning import access, forms, nudges


@require_POST
@login_required
def nudge(request: AuthedRequest) -> HttpResponse:
    """Remind one person (``one``) or every ticked one (``pick``), then go back to the list."""
    form = forms.NudgeForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if not form.is_valid():
        for message in form.non_field_errors():
            messages.error(request, str(message))
        return redirect(back or "accounts:home")
    wanted = form.cleaned_data["targets"]
    people = access.get_nudge_targets(request.user, [pk for pk, _topic in wanted])
    outcome = nudges.send_nudges(
        targets=[(person, topic) for person, (_pk, topic) in zip(people, wanted, strict=True)],
        by=request.user,
    )
    names = ", ".join(n.employee.display_name for n in outcome.sent)
    if len(outcome.sent) == 1:
        messages.success(request, _("Reminder sent to %(names)s.") % {"names": names})
    elif outcome.sent:
        messages.success(
            request,
            _("Reminders sent to %(n)s people: %(names)s.")
            % {"n": len(outcome.sent), "names": names},
        )
    for _person, reason in outcome.refused:
        messages.warning(request, reason)
    return redirect(back or "accounts:home")


@require_http_methods(["GET", "POST"])
@login_required
def nudge_templates(request: AuthedRequest) -> HttpResponse:
    """The wording of each reminder for the instance or one subtree, editable by its owner."""
    raw = request.POST.get("unit") or request.GET.get("unit", "")
    is_post = request.method == "POST"
    unit = access.get_nudge_template_target(
        request.user, int(raw) if raw.isdigit() else None, for_change=is_post
    )
    failed: forms.NudgeTemplateForm | None = None
    if is_post:
        form = forms.NudgeTemplateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            nudges.save_template(
                unit=unit,
                topic=data["topic"],
                subject=data["subject"],
                body=data["body"],
                by=request.user,
            )
            messages.success(request, _("Reminder template saved."))
            return redirect(f"{reverse('planning:nudge_templates')}?unit={raw}")
        failed = form
    can_change = access.can_change_nudge_templates(request.user, unit)
    rows = []
    for wording in nudges.wordings(unit):
        shown = failed if failed is not None and failed.data.get("topic") == wording.topic else None
        initial = {"topic": wording.topic, "subject": wording.subject, "body": wording.body}
        rows.append((wording, shown or forms.NudgeTemplateForm(initial=initial, auto_id=False)))
    return render(
        request,
        "planning/nudge_templates.html",
        {
            "unit": unit,
            "targets": access.nudge_template_targets(request.user),
            "rows": rows,
            "can_change": can_change,
        },
    )
