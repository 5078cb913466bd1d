"""JSON API: the evaluations of an employee, for callers allowed to see that employee's SKP."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Router, Schema

from sikap.accounts.http import AuthedRequest
from sikap.evaluation.models import Evaluation, EvaluationStatus
from sikap.lib.apitypes import ObjectId
from sikap.org.access import get_employee_for_user
from sikap.org.scope import get_scope
from sikap.planning.access import plans_visible_to

router = Router(tags=["evaluation"])


class EvaluationOut(Schema):
    id: int
    period: str
    year: int
    start_date: dt.date
    end_date: dt.date
    is_final_period: bool
    status: str
    result_rating: str
    behaviour_rating: str
    predicate: str
    predicate_label: str
    penilai_name: str


@router.get("/employees/{employee_id}/evaluations", response=list[EvaluationOut])
def employee_evaluations(request: AuthedRequest, employee_id: ObjectId) -> list[EvaluationOut]:
    """Evaluations of an employee; the employee sees their own once final."""
    if not request.user.is_authenticated:
        raise Http404
    employee = get_employee_for_user(request.user, employee_id)
    qs = (
        Evaluation.objects.filter(employee=employee, plan__in=plans_visible_to(request.user))
        .select_related("period__appraisal_year")
        .order_by("period__start_date")
    )
    scope = get_scope(request.user)
    if scope.employee is not None and scope.employee.pk == employee.pk:
        qs = qs.filter(status=EvaluationStatus.FINAL)
    return [
        EvaluationOut(
            id=e.pk,
            period=e.period.name,
            year=e.period.appraisal_year.year,
            start_date=e.period.start_date,
            end_date=e.period.end_date,
            is_final_period=e.period.is_final,
            status=e.status,
            result_rating=e.result_rating,
            behaviour_rating=e.behaviour_rating,
            predicate=e.predicate,
            predicate_label=e.get_predicate_display(),
            penilai_name=e.penilai_name,
        )
        for e in qs
    ]
