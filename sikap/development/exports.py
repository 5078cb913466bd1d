"""JP recap workbook and training records shaped like SIASN ``kursus/save`` (domain.md §5.2, §7.2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from sikap.development import rules
from sikap.development.models import ActivityStatus, OwnActivity, Participant
from sikap.development.selectors import JpRow
from sikap.lib.xlsx import add_sheet, new_workbook, xlsx_response
from sikap.org.models import Employee, Unit

SIASN_FIELDS = [
    "nip",
    "jenisDiklatId",
    "jenisDiklat",
    "namaKursus",
    "jumlahJam",
    "tanggalKursus",
    "tanggalSelesaiKursus",
    "tahunKursus",
    "institusiPenyelenggara",
    "nomorSertipikat",
]


@dataclass
class UnitSummary:
    unit: Unit | None
    people: int = 0
    below: int = 0
    jp: int = 0

    @property
    def average(self) -> float:
        return self.jp / self.people if self.people else 0.0


def unit_summary(rows: Iterable[JpRow]) -> list[UnitSummary]:
    """Per unit (the employee's own unit): people, how many below target, JP in total."""
    result: dict[int | None, UnitSummary] = {}
    for row in rows:
        unit = row.employee.unit
        item = result.setdefault(unit.pk if unit else None, UnitSummary(unit))
        item.people += 1
        item.jp += row.jp
        item.below += int(row.below)
    return list(result.values())


def recap_xlsx(rows: list[JpRow], *, year: int) -> HttpResponse:
    """The JP recap as a workbook: one sheet per employee, one per unit."""
    workbook = new_workbook()
    add_sheet(
        workbook,
        _("JP per employee"),
        [_("NIP"), _("Name"), _("Jenis ASN"), _("Unit"), _("JP"), _("Target"), _("Below target")],
        [
            (
                r.employee.nip,
                r.employee.display_name,
                r.employee.jenis_asn,
                r.employee.unit.name if r.employee.unit else "",
                r.jp,
                r.target,
                _("yes") if r.below else _("no"),
            )
            for r in rows
        ],
    )
    add_sheet(
        workbook,
        _("JP per unit"),
        [_("Unit"), _("People"), _("Below target"), _("Total JP"), _("Average JP")],
        [
            (s.unit.name if s.unit else "-", s.people, s.below, s.jp, round(s.average, 1))
            for s in unit_summary(rows)
        ],
    )
    return xlsx_response(workbook, filename=f"rekap-jp-{year}")


def siasn_records(employees: list[Employee], year: int) -> list[dict[str, Any]]:
    """One record per attended event or verified own activity of the year (two queries)."""
    ids = [e.pk for e in employees]
    records: list[dict[str, Any]] = []
    for p in (
        Participant.objects.filter(employee_id__in=ids, attended=True, event__end_date__year=year)
        .select_related("event", "employee")
        .order_by("employee__name", "event__start_date")
    ):
        records.append(
            _record(
                p.employee.nip,
                p.event.jenis_diklat,
                p.event.name,
                p.event.jp,
                p.event.start_date,
                p.event.end_date,
                p.event.organiser,
                p.certificate_number,
            )
        )
    for a in (
        OwnActivity.objects.filter(
            employee_id__in=ids, status=ActivityStatus.VERIFIED, end_date__year=year
        )
        .select_related("employee")
        .order_by("employee__name", "start_date")
    ):
        records.append(
            _record(
                a.employee.nip,
                a.jenis_diklat,
                a.name,
                a.jp,
                a.start_date,
                a.end_date,
                a.organiser,
                a.certificate_number,
            )
        )
    return records


def _record(
    nip: str, jenis: int, name: str, jp: int, start: Any, end: Any, organiser: str, number: str
) -> dict[str, Any]:
    # SIASN takes dates as dd-mm-yyyy in its forms; the year is that of the end date.
    return {
        "nip": nip,
        "jenisDiklatId": jenis,
        "jenisDiklat": rules.JENIS_DIKLAT[jenis],
        "namaKursus": name,
        "jumlahJam": jp,
        "tanggalKursus": start.strftime("%d-%m-%Y"),
        "tanggalSelesaiKursus": end.strftime("%d-%m-%Y"),
        "tahunKursus": rules.year_of(end),
        "institusiPenyelenggara": organiser,
        "nomorSertipikat": number,
    }
