"""Back office of the unit tree and the staff: every save goes through the org services.

The unit tree (path, depth), an employee's position and unit (a mutasi), acting assignments and
penilai overrides are maintained by the services behind the pages; here they are read-only or
saved through the same services, so the back office cannot leave a unit without its path.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sikap.accounts.http import request_user
from sikap.lib.admin import ReadOnlyHistoryAdmin, ReadOnlyInline
from sikap.lib.audit import stamp
from sikap.org import services
from sikap.org.models import Assignment, Employee, Position, SupervisorOverride, Unit


def _copy_state(target: Any, source: Any) -> None:
    """Give the admin's object what the service saved (pk, derived fields)."""
    for field in type(source)._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False


class UnitAdminForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "parent", "bps_code", "address", "is_active"]

    def clean_parent(self) -> Unit | None:
        parent: Unit | None = self.cleaned_data.get("parent")
        if parent is None:
            return None
        if not parent.path.startswith("/"):
            raise ValidationError(
                _("The parent unit has no place in the unit tree."), code="parent_without_path"
            )
        if self.instance.pk and parent.path.startswith(self.instance.path):
            raise ValidationError(
                _("A unit cannot be moved below itself or below one of its own units."),
                code="unit_below_itself",
            )
        return parent


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    form = UnitAdminForm
    list_display = ["name", "kind", "bps_code", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "bps_code"]
    readonly_fields = ["path", "depth"]

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            stored = Unit.objects.get(pk=obj.pk)
            fields = {name: data[name] for name in form.changed_data}
            saved = services.update_unit(unit=stored, by=request_user(request), **fields)
        else:
            saved = services.create_unit(
                name=data["name"],
                kind=data["kind"],
                parent=data.get("parent"),
                by=request_user(request),
                bps_code=data.get("bps_code", ""),
                address=data.get("address", ""),
            )
            if not data.get("is_active", True):
                saved = services.update_unit(unit=saved, by=request_user(request), is_active=False)
        _copy_state(obj, saved)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A unit is closed by making it inactive; deleting would orphan its history and subtree.
        return False


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "jenis", "jenjang", "eselon", "reports_to", "is_unit_head"]
    list_filter = ["jenis", "eselon", "is_unit_head"]
    search_fields = ["name", "unit__name"]
    list_select_related = ["unit", "reports_to"]
    autocomplete_fields = ["unit", "reports_to"]

    def save_model(self, request: HttpRequest, obj: Position, form: Any, change: bool) -> None:
        if change:
            obj.full_clean()
            stamp(obj, request_user(request))
            obj.save()
            return
        fields = {
            f.name: getattr(obj, f.name) for f in Position._meta.concrete_fields if f.name != "id"
        }
        _copy_state(obj, services.create_position(by=request_user(request), **fields))


class AssignmentInline(ReadOnlyInline, admin.TabularInline):
    # Plt./Plh. are given on the pages (services.assign_acting); here they are only shown.
    model = Assignment
    fields = ["kind", "position", "unit", "start_date", "end_date"]
    readonly_fields = ["kind", "position", "unit", "start_date", "end_date"]


class EmployeeAdminForm(forms.ModelForm):
    class Meta:
        model = Employee
        fields = [
            "user",
            "nip",
            "name",
            "front_title",
            "back_title",
            "jenis_asn",
            "golongan",
            "email",
            "phone",
            "is_active",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        services.validate_identity(
            nip=data.get("nip", ""),
            jenis_asn=data.get("jenis_asn", ""),
            golongan=data.get("golongan", ""),
        )
        return data


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    form = EmployeeAdminForm
    list_display = ["display_name", "nip", "jenis_asn", "golongan", "position", "unit", "is_active"]
    list_filter = ["jenis_asn", "is_active", "unit"]
    search_fields = ["name", "nip"]
    list_select_related = ["position", "unit"]
    autocomplete_fields = ["user"]
    # The position and unit change only through a mutasi (services.transfer_employee).
    readonly_fields = ["position", "unit", "birth_date", "gender"]
    inlines = [AssignmentInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Employees join through the HR pages or the import, which open their riwayat jabatan.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Employee, form: Any, change: bool) -> None:
        stored = Employee.objects.get(pk=obj.pk)
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        saved = services.update_employee(employee=stored, by=request_user(request), **fields)
        _copy_state(obj, saved)


@admin.register(SupervisorOverride)
class SupervisorOverrideAdmin(ReadOnlyHistoryAdmin):
    # Overrides are set on the pages (services.set_supervisor_override), which check the dates.
    list_display = ["employee", "penilai", "atasan", "start_date", "end_date"]
