"""Who sees and who changes the appraisal calendar: 404 if unseen, 403 if seen but read-only.

Admin Kepegawaian (of any unit) and superadmins change it; auditors read it; nobody else sees the
setup pages (every employee still sees the periods of their own SKP through planning).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.accounts.models import User
from sikap.accounts.scope import Scope, get_scope
from sikap.cycle.models import Period


def can_manage_periods(scope: Scope) -> bool:
    """Admin Kepegawaian (anywhere) and superadmins set up appraisal years and periods."""
    return scope.is_superadmin or bool(scope.manage_paths)


def can_view_periods(scope: Scope) -> bool:
    """Those who manage periods, and auditors who read them."""
    return can_manage_periods(scope) or bool(scope.audit_paths)


def require_periods(user: User, *, for_change: bool = False) -> Scope:
    """The scope of someone who may see the period setup (404), and change it (403)."""
    scope = get_scope(user)
    if not can_view_periods(scope):
        raise Http404
    if for_change and not can_manage_periods(scope):
        raise PermissionDenied
    return scope


def get_period_for_user(user: User, pk: int, *, for_change: bool = False) -> Period:
    """A period for the period setup pages."""
    require_periods(user, for_change=for_change)
    period = Period.objects.select_related("appraisal_year").filter(pk=pk).first()
    if period is None:
        raise Http404
    return period
