"""Every core page runs the same number of queries for a small office and for a larger one.

A request's work must be bounded by what its user sees, never by the size of the instance; the
query count is the part of that a test can check (timing is measured in bench/, never here).
The larger office adds people under the same penilai, another seksi and kelurahan in the
kecamatan, and a whole other kecamatan with its own staff and SKP.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.org.models import UnitKind
from sikap.org.testing import Personas, make_employee, make_position, make_unit
from sikap.planning.services.plans import add_organisation_target
from sikap.planning.tests.conftest import make_plan, make_year

PAGES: dict[str, tuple[str, Callable[[Personas, dict[str, Any]], str]]] = {
    "home of the pegawai": ("pegawai", lambda p, d: reverse("accounts:home")),
    "home of the penilai": ("penilai", lambda p, d: reverse("accounts:home")),
    "home of the lurah": ("lurah", lambda p, d: reverse("accounts:home")),
    "home of the camat": ("camat", lambda p, d: reverse("accounts:home")),
    "home of HR": ("hr", lambda p, d: reverse("accounts:home")),
    "org tree": ("hr", lambda p, d: reverse("org:tree")),
    "unit page": ("camat", lambda p, d: reverse("org:unit", args=[p.kelurahan.pk])),
    "employee profile": ("hr", lambda p, d: reverse("org:employee", args=[p.penilai.pk])),
    "my SKP": ("pegawai", lambda p, d: reverse("planning:mine")),
    "SKP detail": ("pegawai", lambda p, d: reverse("planning:plan", args=[d["plan"].pk])),
    "team page of the penilai": ("penilai", lambda p, d: reverse("planning:team")),
    "team page of the camat": ("camat", lambda p, d: reverse("planning:team")),
    "unit SKP": ("lurah", lambda p, d: reverse("planning:unit_plans", args=[p.kelurahan.pk])),
    "cascade": ("lurah", lambda p, d: reverse("planning:cascade", args=[p.kelurahan.pk])),
    "evaluation index": ("penilai", lambda p, d: reverse("evaluation:index")),
    "engagement page": ("camat", lambda p, d: reverse("dashboards:engagement")),
    "my development": ("pegawai", lambda p, d: reverse("development:mine")),
    "complaint inbox": ("lurah", lambda p, d: reverse("complaints:inbox")),
    "IKM report": ("camat", lambda p, d: reverse("surveys:report", args=[p.kecamatan.pk])),
    "citizens' suggestions": (
        "camat",
        lambda p, d: reverse("surveys:suggestions", args=[p.kecamatan.pk]),
    ),
    "API me": ("pegawai", lambda p, d: "/api/org/me"),
}


def _chain(p: Personas) -> dict[str, Any]:
    """Approved SKP down the personas' line, each RHK intervening the one above."""
    year = make_year()
    target = add_organisation_target(
        unit=p.kecamatan,
        appraisal_year=year,
        by=None,
        sasaran="Pelayanan publik prima",
        indikator="Indeks Kepuasan Masyarakat",
        target="85",
    )
    rhk: dict[str, Any] = {}
    above = None
    for who in ("camat", "lurah", "penilai"):
        plan = make_plan(
            getattr(p, who), intervenes=above, organisation_target=target if above is None else None
        )
        rhk[who] = above = plan.work_results.get()
    return {"rhk": rhk, "plan": make_plan(p.pegawai, intervenes=rhk["penilai"])}


def _grow(p: Personas, rhk: dict[str, Any], n: int = 4) -> None:
    """Add people at every level the pages look at, and a whole other kecamatan."""
    staff = p.pegawai.position
    for i in range(n):
        make_plan(make_employee(staff, f"Staf Tambahan {i}"), intervenes=rhk["penilai"])
    lurah_pos = p.lurah.position
    seksi = make_unit("Seksi Pelayanan", UnitKind.SEKSI, p.kelurahan)
    kasi = make_position(seksi, "Kepala Seksi Pelayanan", jenis="PENGAWAS", reports_to=lurah_pos)
    kasi_rhk = make_plan(make_employee(kasi, "Kasi Pelayanan"), intervenes=rhk["lurah"])
    for i in range(n):
        pos = make_position(seksi, f"Pengadministrasi {i}", reports_to=kasi)
        make_plan(make_employee(pos, f"Staf Pelayanan {i}"), intervenes=kasi_rhk.work_results.get())
    camat_pos = p.camat.position
    kel = make_unit("Kelurahan Talang Putri", UnitKind.KELURAHAN, p.kecamatan)
    lurah2 = make_position(
        kel, "Lurah Talang Putri", jenis="PENGAWAS", reports_to=camat_pos, is_unit_head=True
    )
    make_plan(make_employee(lurah2, "Lurah Talang Putri"), intervenes=rhk["camat"])
    for i in range(n):
        make_employee(make_position(kel, f"Staf {i}", reports_to=lurah2), f"Staf TP {i}")
    other = make_unit("Kecamatan Kertapati", UnitKind.KECAMATAN, p.kota)
    head = make_position(other, "Camat Kertapati", jenis="ADMINISTRATOR", is_unit_head=True)
    make_employee(head, "Camat Kertapati")
    for i in range(n):
        make_employee(make_position(other, f"Staf K {i}", reports_to=head), f"Staf Kertapati {i}")


def _queries(client: Any, url: str) -> int:
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_runs_the_same_queries_in_a_larger_office(
    name: str, personas: Personas, login: Any
) -> None:
    who, url_of = PAGES[name]
    data = _chain(personas)
    client = login(personas.user(who))
    url = url_of(personas, data)
    small = _queries(client, url)
    _grow(personas, data["rhk"])
    # A fresh login: the scope is worked out per request, nothing is kept from the small office.
    client = login(personas.user(who))
    assert _queries(client, url) == small
