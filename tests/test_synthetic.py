"""The synthetic-data generator at the tiny scale: it runs, is deterministic for a seed, keeps the
invariants the services keep, the demo personas still resolve and pages render on its data."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from bench.synthetic import SCALES, generate
from bench.synthetic.org import CITY_HR_USERNAME
from sikap.accounts.models import Role, User
from sikap.complaints.models import Complaint, ComplaintEvent
from sikap.evaluation.models import Determination, Evaluation
from sikap.org.models import Employee, Unit, UnitKind
from sikap.org.scope import build_scope
from sikap.org.services import validate_identity
from sikap.planning.models import Plan, WorkResult
from sikap.surveys.models import ServiceRecord, SurveyResponse

pytestmark = pytest.mark.django_db
NOW = "2026-12-01 10:00 +07:00"
TODAY = dt.date(2026, 12, 1)
BACKEND = "sikap.accounts.backends.NipOrUsernameBackend"


def _signature() -> str:
    """A digest of what the generator wrote (ids included), to compare two runs."""
    parts = [
        list(
            Employee.objects.order_by("pk").values_list(
                "pk", "nip", "name", "position_id", "unit_id"
            )
        ),
        list(
            Plan.objects.order_by("pk").values_list(
                "pk", "employee_id", "penilai_id", "appraisal_year_id"
            )
        ),
        list(
            WorkResult.objects.order_by("pk").values_list("pk", "plan_id", "intervenes_id", "text")
        ),
        list(
            Evaluation.objects.order_by("pk").values_list(
                "pk", "plan_id", "period_id", "predicate", "status"
            )
        ),
        list(
            ServiceRecord.objects.order_by("pk").values_list(
                "pk", "token", "received_at", "service_type_id"
            )
        ),
        list(
            SurveyResponse.objects.order_by("pk").values_list(
                "pk", "u1", "u5", "u9", "officer_id", "submitted_at"
            )
        ),
        list(
            Complaint.objects.order_by("pk").values_list("pk", "tracking_code", "status", "due_on")
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@dataclass
class Generated:
    signatures: dict[str, str]
    output: str


@pytest.fixture(scope="module")
def tiny(django_db_setup, django_db_blocker):
    """The demo and the tiny scale, generated once for the module (and rolled back after it).

    Two runs with seed 7 and one with seed 8 are compared; the last seed-7 run goes through the
    management command and stays for the tests of the module.
    """
    signatures: dict[str, str] = {}
    with time_machine.travel(NOW), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO(), quiet_logins=True)
        for name, seed in (("seed 8", 8), ("seed 7, first run", 7)):
            with transaction.atomic():
                generate(scale=SCALES["tiny"], seed=seed, out=io.StringIO())
                signatures[name] = _signature()
                transaction.set_rollback(True)
        out = io.StringIO()
        call_command("generate_synthetic", "--scale", "tiny", "--seed", "7", stdout=out)
        signatures["seed 7, command"] = _signature()
        yield Generated(signatures, out.getvalue())
        transaction.set_rollback(True)


def test_it_is_deterministic_for_a_seed(tiny) -> None:
    from django.db import connection

    # PostgreSQL does not roll its sequences back with the savepoint, so the ids of rows the
    # services create differ between the two runs there; the same-seed comparison runs on SQLite.
    if connection.vendor != "postgresql":
        assert tiny.signatures["seed 7, first run"] == tiny.signatures["seed 7, command"]
    assert tiny.signatures["seed 8"] != tiny.signatures["seed 7, command"]


def test_the_command_prints_the_city_hr_login_and_refuses_a_second_run(tiny, settings) -> None:
    assert CITY_HR_USERNAME in tiny.output and settings.SIKAP_DEMO_PASSWORD in tiny.output
    assert User.objects.get(username=CITY_HR_USERNAME).check_password(settings.SIKAP_DEMO_PASSWORD)
    with pytest.raises(CommandError, match="already present"):
        call_command("generate_synthetic", "--scale", "tiny", stdout=io.StringIO())


def test_units_and_people_keep_the_invariants_of_the_services(tiny) -> None:
    units = {u.pk: u for u in Unit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        assert unit.path == f"{parent.path if parent else '/'}{unit.pk}/"
        assert unit.depth == (parent.depth + 1 if parent else 0)
    kecamatan = Unit.objects.filter(kind=UnitKind.KECAMATAN)
    assert set(kecamatan.values_list("name", flat=True)) == {
        "Kecamatan Plaju",
        "Kecamatan Seberang Ulu II",
    }
    asn = Employee.objects.exclude(jenis_asn="NON_ASN")
    for employee in asn:
        code, derived = validate_identity(
            nip=employee.nip, jenis_asn=employee.jenis_asn, golongan=employee.golongan, today=TODAY
        )
        assert code == employee.golongan
        assert derived["birth_date"] == employee.birth_date and derived["gender"] == employee.gender
    assert asn.filter(assignments__isnull=True, position__isnull=False).count() == 0


def test_every_skp_cascades_from_the_leaders_and_penetapan_count_their_evaluations(tiny) -> None:
    for result in WorkResult.objects.filter(
        category="UTAMA", intervenes__isnull=False
    ).select_related("plan", "intervenes__plan"):
        leader_plan = result.intervenes.plan
        assert leader_plan.appraisal_year_id == result.plan.appraisal_year_id
        assert leader_plan.employee_id == result.plan.penilai_id
    for year in (2024, 2025, 2026):
        people = Employee.objects.filter(is_active=True).exclude(jenis_asn="NON_ASN")
        with_plan = people.filter(plans__appraisal_year__year=year, plans__is_current=True)
        assert with_plan.distinct().count() == people.count()
    for determination in Determination.objects.all():
        final = Evaluation.objects.filter(period=determination.period, status="final")
        assert determination.headcount <= final.count()
        assert sum(determination.distribution.values()) == determination.headcount
    assert not Evaluation.objects.filter(status="final", finalised_at__isnull=True).exists()
    assert SurveyResponse.objects.filter(submitted_at__year=2024).exists()
    assert ComplaintEvent.objects.filter(kind="answered").exists()


def test_the_demo_personas_end_up_inside_the_city(tiny) -> None:
    camat = build_scope(User.objects.get(username="camat"), TODAY)
    plaju = Unit.objects.get(bps_code="1671031")
    assert Role.PIMPINAN in camat.roles and camat.headed_paths == [plaju.path]
    staff = Employee.objects.filter(is_active=True, unit__path__startswith=plaju.path).count()
    assert staff > 130  # grown from the demo's ~120 (about 800 at the city scale)
    hr = build_scope(User.objects.get(username="kepegawaian"), TODAY)
    assert hr.manage_paths == [plaju.path]
    city = build_scope(User.objects.get(username=CITY_HR_USERNAME), TODAY)
    assert Role.ADMIN_KEPEGAWAIAN in city.roles
    assert city.manage_paths == [Unit.objects.get(bps_code="1671").path]
    penilai = build_scope(User.objects.get(username="penilai"), TODAY)
    assert Role.PENILAI in penilai.roles and len(penilai.direct_report_ids) > 2


@pytest.mark.parametrize(
    ("username", "page"),
    [
        ("camat", "accounts:home"),
        ("camat", "planning:team"),
        ("camat", "evaluation:index"),
        ("penilai", "planning:team"),
        ("pegawai", "accounts:home"),
        ("lurah", "complaints:inbox"),
        (CITY_HR_USERNAME, "org:tree"),
        (CITY_HR_USERNAME, "accounts:home"),
    ],
)
def test_pages_render_on_the_generated_data(tiny, client, username, page) -> None:
    client.force_login(User.objects.get(username=username), backend=BACKEND)
    assert client.get(reverse(page)).status_code == 200


def test_unit_pages_of_a_generated_kelurahan_render(tiny, client) -> None:
    kel = Unit.objects.filter(kind=UnitKind.KELURAHAN, parent__bps_code="1671030").first()
    assert kel is not None
    client.force_login(User.objects.get(username=CITY_HR_USERNAME), backend=BACKEND)
    assert client.get(reverse("org:unit", args=[kel.pk])).status_code == 200
    assert client.get(reverse("surveys:report", args=[kel.pk])).status_code == 200
    assert client.get(reverse("planning:cascade", args=[kel.parent_id])).status_code == 200
    plan = Plan.objects.filter(
        employee__unit__path__startswith=kel.path, appraisal_year__year=2026
    ).first()
    assert client.get(reverse("planning:plan", args=[plan.pk])).status_code == 200
    assert client.get(reverse("surveys:public", args=[kel.pk])).status_code == 200


def _figures(curve) -> tuple:
    return (
        curve.unit.pk,
        curve.headcount,
        curve.counts,
        curve.limits,
        curve.violations,
        [u.pk for u in curve.pooled_units],
        curve.assessment,
    )


def test_the_curve_counted_without_people_and_all_curves_at_once_agree_with_the_full_curve(
    tiny,
) -> None:
    """``unit_curve(people=False)`` and ``curve_checks`` are shortcuts of ``unit_curve``: on
    the generated city (pooled kelurahan, mutasi, several SKP versions) every kecamatan and
    kelurahan gives the same members, counts, limits and warnings all three ways."""
    from sikap.cycle.models import Period
    from sikap.evaluation.curve import curve_checks, unit_curve
    from sikap.evaluation.models import EvaluationSettings

    units = list(Unit.objects.filter(kind__in=[UnitKind.KECAMATAN, UnitKind.KELURAHAN]))
    # A threshold above the tiny city's smaller kelurahan, so that some of them are pooled.
    settings = EvaluationSettings.load()
    settings.pooling_threshold = 25
    periods = Period.objects.filter(pk__in=Evaluation.objects.values("period"))
    assert units and periods.exists()
    pooled = rated = 0
    for period in periods:
        full = {u.pk: unit_curve(u, period, settings=settings) for u in units}
        for unit in units:
            light = unit_curve(unit, period, settings=settings, people=False)
            assert _figures(light) == _figures(full[unit.pk]), (unit.name, period)
            assert light.employees == [] and light.headcount == len(full[unit.pk].employees)
        every = {c.unit.pk: c for c in curve_checks(period, settings=settings)}
        targets = {curve.unit.pk: curve for curve in full.values()}
        assert set(every) == set(targets), period
        for pk, curve in targets.items():
            assert _figures(every[pk]) == _figures(curve), (curve.unit.name, period)
        pooled += sum(len(c.pooled_units) for c in every.values())
        rated += sum(c.evaluated for c in every.values())
    assert pooled and rated  # the data has pooled kelurahan and rated people to compare
