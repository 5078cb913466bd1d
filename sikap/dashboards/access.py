"""Who may see the engagement dashboard: unit heads, HR and auditors, over their subtree."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sikap.accounts.models import User
from sikap.org import access as org_access
from sikap.org.models import Unit
from sikap.org.scope import get_scope


def get_dashboard_unit(user: User, unit_id: int | None) -> Unit:
    """The unit to show: the one asked for if visible (404 otherwise), else the user's top unit."""
    scope = get_scope(user)
    if not scope.reaches_any("read"):
        raise PermissionDenied
    if unit_id is not None:
        return org_access.get_unit_for_user(user, unit_id)
    units = org_access.units_visible_to(user).filter(is_active=True).order_by("depth", "pk")
    if not scope.is_superadmin:
        # The tops of the user's subtrees, not every unit inside them.
        units = units.filter(path__in=scope.paths("read"))
    unit = units.exclude(kind="pemkot").first() or units.first()
    if unit is None:
        raise PermissionDenied
    return unit


def parent_unit_id(user: User, unit: Unit) -> int | None:
    """The unit above, when the user may see its dashboard too (for the "up" link)."""
    parent = unit.parent if unit.parent_id else None
    return parent.pk if parent is not None and get_scope(user).reads(parent) else None
