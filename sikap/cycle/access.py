"""Who sees and who changes the appraisal calendar: 404 if unseen, 403 if seen but read-only.

The calendar is the instance's: the city-level HR (Admin Kepegawaian of the root unit) and
superadmins change it; the HR admins of a subtree and auditors read it; nobody else sees the
setup pages (every employee still sees the periods of their own SKP through planning). A period
with a signed penetapan or final evaluations is reopened only by a superadmin.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.accounts.models import User
from sikap.cycle.models import Period
from sikap.org.scope import Scope, get_scope


def can_manage_periods(scope: Scope) -> bool:
    """The instance's owner (city-level HR, superadmin) sets up appraisal years and periods."""
    return scope.owns_instance


def can_view_periods(scope: Scope) -> bool:
    """Admin Kepegawaian of any subtree and auditors read the calendar."""
    return scope.is_superadmin or bool(scope.manage_paths or scope.audit_paths)


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


def can_reopen(scope: Scope, period: Period) -> bool:
    """Reopen entry: the calendar's owner; once the period is signed, only a superadmin."""
    from sikap.cycle.services import is_signed

    if not can_manage_periods(scope):
        return False
    return scope.is_superadmin or not is_signed(period)


def get_period_to_reopen(user: User, pk: int) -> Period:
    """A period the user may reopen: 404 unseen, 403 read-only or signed (superadmin only)."""
    period = get_period_for_user(user, pk, for_change=True)
    if not can_reopen(get_scope(user), period):
        raise PermissionDenied
    return period
