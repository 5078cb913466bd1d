"""Supervisor resolution, mutasi history, Plt./Plh. and overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sikap.org import services
from sikap.org.hierarchy import OrgChart
from sikap.org.models import Assignment, AssignmentKind, Employee, Unit, UnitKind
from sikap.org.rules import golongan_label, normalise_golongan
from sikap.org.testing import make_employee, make_position

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 15)


def test_penilai_and_atasan_come_from_the_position_tree(personas):
    chain = OrgChart(DAY).chain_of(personas.pegawai)
    assert chain.penilai.employee == personas.penilai
    assert chain.atasan.employee == personas.lurah
    assert not chain.overridden


def test_a_vacant_post_passes_the_question_up(personas):
    personas.penilai.position = None
    personas.penilai.save()
    chain = OrgChart(DAY).chain_of(personas.pegawai)
    assert chain.penilai.employee == personas.lurah
    assert chain.atasan.employee == personas.camat


def test_an_acting_official_fills_a_vacant_post(personas):
    kasi = personas.penilai.position
    personas.penilai.is_active = False
    personas.penilai.save()
    services.assign_acting(
        employee=personas.lurah,
        position=kasi,
        kind=AssignmentKind.PLT,
        start_date=dt.date(2026, 6, 1),
        end_date=dt.date(2026, 6, 30),
        by=None,
    )
    chain = OrgChart(DAY).chain_of(personas.pegawai)
    assert chain.penilai.employee == personas.lurah
    assert chain.penilai.label.startswith("Plt. ")
    after = OrgChart(dt.date(2026, 7, 1)).chain_of(personas.pegawai)
    assert after.penilai.employee == personas.lurah
    assert after.penilai.acting == ""
    assert after.atasan.employee == personas.camat


def test_an_override_wins_for_its_period_only(personas):
    services.set_supervisor_override(
        employee=personas.pegawai,
        penilai=personas.camat,
        atasan=personas.hr,
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2026, 6, 30),
        reason="Penugasan khusus",
        by=None,
    )
    chain = OrgChart(DAY).chain_of(personas.pegawai)
    assert (chain.penilai.employee, chain.atasan.employee, chain.overridden) == (
        personas.camat,
        personas.hr,
        True,
    )
    assert (
        OrgChart(dt.date(2026, 7, 1)).chain_of(personas.pegawai).penilai.employee
        == personas.penilai
    )
    assert personas.pegawai in OrgChart(DAY).direct_reports(personas.camat)
    assert personas.pegawai not in OrgChart(DAY).direct_reports(personas.penilai)


def test_an_override_without_atasan_takes_the_penilai_s_penilai(personas):
    services.set_supervisor_override(
        employee=personas.pegawai,
        penilai=personas.lurah,
        start_date=DAY,
        end_date=DAY,
        reason="Plh.",
        by=None,
    )
    chain = OrgChart(DAY).chain_of(personas.pegawai)
    assert chain.atasan.employee == personas.camat


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("penilai", {"penilai": "pegawai"}),
        ("end_date", {"end_date": dt.date(2026, 1, 1)}),
    ],
)
def test_override_rejects_bad_input(personas, field, kwargs):
    values = {"penilai": personas.camat, "start_date": DAY, "end_date": DAY, "reason": "x"}
    if "penilai" in kwargs:
        values["penilai"] = getattr(personas, kwargs["penilai"])
    values.update({k: v for k, v in kwargs.items() if k != "penilai"})
    with pytest.raises(ValidationError) as error:
        services.set_supervisor_override(employee=personas.pegawai, by=None, **values)
    assert field in error.value.message_dict


def test_overlapping_overrides_are_refused(personas):
    services.set_supervisor_override(
        employee=personas.pegawai,
        penilai=personas.camat,
        start_date=DAY,
        end_date=DAY,
        reason="a",
        by=None,
    )
    with pytest.raises(ValidationError, match="tumpang tindih"):
        services.set_supervisor_override(
            employee=personas.pegawai,
            penilai=personas.lurah,
            start_date=DAY,
            end_date=DAY,
            reason="b",
            by=None,
        )


def test_supervisor_chain_and_all_reports(personas):
    chart = OrgChart(DAY)
    assert [h.employee for h in chart.supervisor_chain(personas.pegawai)] == [
        personas.penilai,
        personas.lurah,
        personas.camat,
    ]
    assert set(chart.all_reports(personas.lurah)) == {
        personas.penilai,
        personas.pegawai,
        personas.peer,
    }
    assert chart.headed_units(personas.lurah) == [personas.kelurahan.pk]
    assert chart.headed_units(personas.pegawai) == []


def test_a_transfer_closes_the_old_post_and_keeps_history(personas):
    new_post = make_position(
        personas.kecamatan, "Pengolah Data", reports_to=personas.camat.position
    )
    services.transfer_employee(
        employee=personas.pegawai,
        position=new_post,
        start_date=dt.date(2026, 7, 1),
        by=None,
        decree_number="800/1/2026",
    )
    history = list(personas.pegawai.assignments.order_by("start_date"))
    assert [a.position.name for a in history] == ["Pengadministrasi Pemerintahan", "Pengolah Data"]
    assert history[0].end_date == dt.date(2026, 6, 30)
    assert history[1].end_date is None
    personas.pegawai.refresh_from_db()
    assert personas.pegawai.unit == personas.kecamatan
    assert (
        OrgChart(dt.date(2026, 7, 2)).chain_of(personas.pegawai).penilai.employee == personas.camat
    )


def test_a_transfer_to_the_same_post_or_backwards_in_time_is_refused(personas):
    with pytest.raises(ValidationError, match="sudah menduduki"):
        services.transfer_employee(
            employee=personas.pegawai, position=personas.pegawai.position, start_date=DAY, by=None
        )
    other = make_position(personas.kecamatan, "Pengolah Data")
    with pytest.raises(ValidationError, match="sesudah mulai jabatan"):
        services.transfer_employee(
            employee=personas.pegawai, position=other, start_date=dt.date(2020, 1, 1), by=None
        )


def test_acting_requires_plt_or_plh_and_a_valid_range(personas):
    with pytest.raises(ValidationError):
        services.assign_acting(
            employee=personas.pegawai,
            position=personas.penilai.position,
            kind="DEFINITIF",
            start_date=DAY,
            end_date=DAY,
            by=None,
        )
    with pytest.raises(ValidationError):
        services.assign_acting(
            employee=personas.pegawai,
            position=personas.penilai.position,
            kind="PLH",
            start_date=DAY,
            end_date=DAY - dt.timedelta(days=1),
            by=None,
        )


def test_create_employee_validates_nip_and_golongan_with_field_messages(personas):
    with pytest.raises(ValidationError) as error:
        services.create_employee(
            by=None,
            nip="19851312201001100",
            name="X",
            jenis_asn="PNS",
            golongan="V/z",
            position=None,
            start_date=DAY,
        )
    codes = {field: [e.code for e in errors] for field, errors in error.value.error_dict.items()}
    assert codes == {"nip": ["invalid_nip"], "golongan": ["invalid_golongan"]}


def test_create_employee_refuses_a_duplicate_nip(personas):
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.create_employee(
            by=None,
            nip=personas.pegawai.nip,
            name="Kembar",
            jenis_asn="PNS",
            golongan="II/a",
            position=None,
            start_date=DAY,
        )


def test_create_employee_derives_birth_date_and_gender_from_the_nip(personas):
    employee = services.create_employee(
        by=None,
        nip="19900215 201501 2 003",
        name="Sri Wahyuni",
        jenis_asn="PNS",
        golongan="32",
        position=personas.pegawai.position,
        start_date=DAY,
        back_title="S.E.",
    )
    assert employee.nip == "199002152015012003"
    assert employee.birth_date == dt.date(1990, 2, 15)
    assert employee.gender == "P"
    assert employee.golongan == "III/b"
    assert employee.golongan_display == "Penata Muda Tingkat I, III/b"
    assert employee.display_name == "Sri Wahyuni, S.E."
    assert Assignment.objects.filter(employee=employee).count() == 1


def test_update_employee_records_history_with_the_actor(personas):
    actor = personas.user("hr")
    services.update_employee(employee=personas.pegawai, by=actor, golongan="III/a")
    latest = personas.pegawai.history.first()
    assert latest.history_user == actor
    assert latest.golongan == "III/a"
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.update_employee(
            employee=personas.pegawai,
            by=actor,
            nip=personas.peer.nip,
            jenis_asn="PPPK",
            golongan="IX",
        )


def test_a_pppk_needs_a_pppk_golongan(personas):
    assert normalise_golongan("ix", pppk=True) == "IX"
    with pytest.raises(ValueError, match="PPPK"):
        normalise_golongan("XVIII", pppk=True)
    assert normalise_golongan("iii / b", pppk=False) == "III/b"
    assert normalise_golongan("45", pppk=False) == "IV/e"
    with pytest.raises(ValueError):
        normalise_golongan("III", pppk=False)
    assert golongan_label("IX", pppk=True) == "Golongan IX"
    assert golongan_label("", pppk=True) == ""


def test_moving_a_unit_moves_its_subtree(personas):
    services.update_unit(unit=personas.kelurahan, parent=personas.other_kecamatan, by=None)
    seksi = Unit.objects.get(pk=personas.seksi.pk)
    assert seksi.path.startswith(personas.other_kecamatan.path)
    assert seksi.depth == personas.other_kecamatan.depth + 2
    with pytest.raises(ValidationError, match="turunannya"):
        services.update_unit(unit=personas.other_kecamatan, parent=seksi, by=None)


def test_unit_paths_do_not_confuse_prefixes(personas):
    units = {u.pk: u for u in Unit.objects.all()}
    for unit in units.values():
        inside = Unit.objects.subtree(unit)
        assert all(u.path.startswith(unit.path) for u in inside)
    assert set(Employee.objects.in_units([personas.kelurahan.path])) == {
        personas.lurah,
        personas.penilai,
        personas.pegawai,
        personas.peer,
    }


def test_make_employee_pppk_golongan(personas):
    e = make_employee(personas.pegawai.position, "Baru PPPK", pppk=True)
    assert e.jenis_asn == "PPPK" and e.golongan == "IX"


def test_display_name_puts_front_and_back_titles_around_the_name():
    from sikap.org.rules import display_name

    assert (
        display_name(" Budi Santoso ", "Dr.", "S.Kom., M.Si.") == "Dr. Budi Santoso, S.Kom., M.Si."
    )
    assert display_name("Budi Santoso") == "Budi Santoso"


def test_update_unit_changes_fields_and_can_move_a_unit_to_the_root(personas):
    services.update_unit(unit=personas.seksi, name="Seksi Pemerintahan dan Trantib", by=None)
    personas.seksi.refresh_from_db()
    assert personas.seksi.name == "Seksi Pemerintahan dan Trantib"
    services.update_unit(unit=personas.other_kecamatan, parent=None, by=None)
    personas.other_kecamatan.refresh_from_db()
    assert personas.other_kecamatan.path == f"/{personas.other_kecamatan.pk}/"
    assert personas.other_kecamatan.depth == 0


def test_a_first_post_is_a_transfer_without_history_to_close(personas):
    newcomer = services.create_employee(
        by=None,
        nip="199103032015031002",
        name="Anak Baru",
        jenis_asn="PNS",
        golongan="II/a",
        position=None,
        start_date=DAY,
    )
    assignment = services.transfer_employee(
        employee=newcomer, position=personas.pegawai.position, start_date=DAY, by=None
    )
    assert assignment.end_date is None
    assert list(newcomer.assignments.all()) == [assignment]


def test_update_unit_changes_only_the_fields_it_is_given(personas):
    seksi = personas.seksi
    before = (seksi.name, seksi.parent_id)
    services.update_unit(
        unit=seksi,
        kind=UnitKind.SUBBAGIAN,
        bps_code="1671031099",
        address="Jl. D.I. Panjaitan",
        is_active=False,
        by=None,
    )
    seksi.refresh_from_db()
    assert (seksi.kind, seksi.bps_code, seksi.address, seksi.is_active) == (
        UnitKind.SUBBAGIAN,
        "1671031099",
        "Jl. D.I. Panjaitan",
        False,
    )
    assert (seksi.name, seksi.parent_id) == before


def test_the_acting_employee_of_no_user_is_nobody(personas):
    from sikap.org.access import employee_of

    assert employee_of(None) is None
    assert employee_of(personas.user("pegawai")) == personas.pegawai


def test_history_is_not_shown_for_records_without_a_unit(personas):
    from sikap.org.access import can_see_history
    from sikap.org.scope import build_scope

    assert can_see_history(build_scope(personas.user("hr")), None) is False
    assert can_see_history(build_scope(personas.superadmin), None) is True
