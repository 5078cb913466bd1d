"""The engagement dashboard: access, figures, flags and a constant number of queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.dashboards import engagement
from sikap.org.testing import make_employee
from sikap.planning.services import records
from sikap.planning.testing import make_plan

pytestmark = pytest.mark.django_db
URL = reverse("dashboards:engagement")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("camat", 200),
        ("lurah", 200),
        ("hr", 200),
        ("auditor", 200),
        ("superadmin", 200),
        ("other_hr", 200),
        ("pegawai", 403),
        ("penilai", 403),
        ("outsider", 403),
    ],
)
def test_who_may_open_the_dashboard(personas, login, persona, expected):
    assert login(personas.user(persona)).get(URL).status_code == expected


def test_another_kecamatan_is_404(personas, login):
    client = login(personas.other_hr)
    assert client.get(URL, {"unit": personas.kecamatan.pk}).status_code == 404
    assert "Seberang Ulu II" in client.get(URL).content.decode()


def test_lurah_sees_their_kelurahan_by_default_and_not_the_kecamatan(personas, login):
    client = login(personas.user("lurah"))
    body = client.get(URL).content.decode()
    assert "Kelurahan Plaju Ulu" in body
    assert f"?unit={personas.kecamatan.pk}" not in body  # no way up past their reach
    assert client.get(URL, {"unit": personas.kecamatan.pk}).status_code == 404


def test_camat_can_go_up_from_a_kelurahan(personas, login):
    body = login(personas.user("camat")).get(URL, {"unit": personas.kelurahan.pk}).content.decode()
    assert f"?unit={personas.kecamatan.pk}" in body


def test_post_is_refused(personas, login):
    assert login(personas.user("camat")).post(URL).status_code == 405


@time_machine.travel(dt.datetime(2026, 5, 10, 9, 0, tzinfo=dt.UTC))
def test_figures_and_flags(personas, login, chain, year):
    kasi_plan = chain.kasi_plan
    staff_plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, today=dt.date(2026, 2, 10))
    q1 = year.periods.get(number=1)
    indicator = staff_plan.work_results.get().indicators.get()
    records.record_realisation(
        indicator=indicator, period=q1, by=None, value=3, today=dt.date(2026, 3, 31)
    )
    records.give_feedback(
        plan=staff_plan,
        period=q1,
        by=personas.user("penilai"),
        text="Bagus, lanjutkan.",
        work_result=staff_plan.work_results.get(),
    )
    login(personas.user("pegawai"))
    data = engagement.build(personas.kelurahan, today=dt.date(2026, 5, 10))
    assert data.last_period == q1
    people = {p.employee.pk: p for p in data.needs_help}
    assert personas.pegawai.pk not in people  # signed in, approved SKP, realisation, got feedback
    assert engagement.FLAG_NEVER in people[personas.peer.pk].flags
    assert engagement.FLAG_NO_PLAN in people[personas.peer.pk].flags
    kasi = people[personas.penilai.pk]
    assert engagement.FLAG_NO_FEEDBACK not in kasi.flags  # gave feedback to one of the team
    assert engagement.FLAG_NO_REALISATION in kasi.flags
    assert kasi_plan.status == "approved"
    assert data.total.people == 4
    assert data.total.approved == 3  # lurah, kasi, pegawai
    assert data.total.realised == 1
    assert (data.total.penilai, data.total.penilai_giving_feedback) == (2, 1)  # lurah gave none


def test_query_count_does_not_grow_with_people(personas, login):
    client = login(personas.user("camat"))
    fresh = {"perbarui": "1"}
    client.get(URL, fresh)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, fresh)
    for i in range(45):
        make_employee(personas.pegawai.position, f"Staf Baru {i}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, fresh)
    assert response.status_code == 200
    assert len(many) == len(few)
    assert "Staf Baru" in response.text


def test_the_figures_are_kept_for_minutes_and_say_when_they_were_counted(personas, login, settings):
    settings.SNAPSHOT_SECONDS = 600
    client = login(personas.user("camat"))
    with time_machine.travel(dt.datetime(2026, 5, 10, 2, 15, tzinfo=dt.UTC)):
        first = client.get(URL)
        assert "Angka per 09.15" in first.text  # WIB
        assert f"?unit={personas.kecamatan.pk}&amp;perbarui=1" in first.text
        make_employee(personas.pegawai.position, "Staf Yang Baru Datang")
        with CaptureQueriesContext(connection) as kept:
            again = client.get(URL)
        assert "Staf Yang Baru Datang" not in again.text  # the snapshot of 09.15
        with CaptureQueriesContext(connection) as counted:
            now = client.get(URL, {"perbarui": "1"})
        assert "Staf Yang Baru Datang" in now.text
        assert len(kept) < len(counted)
    settings.SNAPSHOT_SECONDS = 0  # nothing kept: every visit counts
    before = engagement.snapshot(personas.kecamatan).total.people
    make_employee(personas.pegawai.position, "Staf Kedua")
    after = engagement.snapshot(personas.kecamatan).total.people
    assert after == before + 1


def test_a_snapshot_keeps_the_first_people_and_counts_all(personas, settings):
    settings.SNAPSHOT_SECONDS = 600
    for i in range(engagement.KEPT + 5):
        make_employee(personas.pegawai.position, f"Staf {i:02d}")
    data = engagement.snapshot(personas.kecamatan)
    assert len(data.needs_help) == engagement.KEPT
    assert data.needs_help_count >= engagement.KEPT + 5
    assert engagement.snapshot(personas.kecamatan).needs_help_count == (data.needs_help_count)


def test_the_page_says_how_many_more_need_help(personas, login):
    for i in range(engagement.KEPT + 5):
        make_employee(personas.pegawai.position, f"Staf {i:02d}")
    body = login(personas.user("camat")).get(URL).text
    data = engagement.snapshot(personas.kecamatan)
    assert f"Dan {data.needs_help_count - engagement.KEPT} lainnya" in body


def test_the_scheduled_job_counts_every_leaders_unit(personas, settings):
    from django.core.cache import cache
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.utils import timezone

    from sikap.dashboards import leader

    settings.SNAPSHOT_SECONDS = 600

    out = io.StringIO()
    call_command("refresh_figures", stdout=out)
    units = engagement.leader_units()
    assert personas.kecamatan in units and personas.kelurahan in units
    assert f"{len(units)} unit" in out.getvalue()
    today = timezone.localdate()
    assert cache.get(engagement._snapshot_key(personas.kelurahan.pk, today)) is not None
    # The glance of the home page, for the units someone heads (in the default language).
    assert cache.get(leader._snapshot_key(personas.kecamatan.pk, today)) is not None
    cache.clear()
    call_command("refresh_figures", "--unit", str(personas.kelurahan.pk), stdout=out)
    assert cache.get(engagement._snapshot_key(personas.kelurahan.pk, today)) is not None
    assert cache.get(engagement._snapshot_key(personas.kecamatan.pk, today)) is None
    with pytest.raises(CommandError, match="999999"):
        call_command("refresh_figures", "--unit", "999999")


def test_a_leader_whose_units_are_all_closed_is_refused(personas, login):
    from sikap.org.models import Unit

    Unit.objects.filter(path__startswith=personas.kelurahan.path).update(is_active=False)
    assert login(personas.user("lurah")).get(URL).status_code == 403


def test_the_org_unit_page_links_to_the_units_engagement(personas, login):
    page = login(personas.user("camat")).get(reverse("org:unit", args=[personas.kelurahan.pk]))
    assert f"{reverse('dashboards:engagement')}?unit={personas.kelurahan.pk}" in page.text


def test_a_snapshot_holds_no_user_rows(personas, settings):
    """What the shared cache keeps of the people is their employee row, not their login."""
    import pickle

    from django.core.cache import cache
    from django.utils import timezone

    settings.SNAPSHOT_SECONDS = 600
    engagement.snapshot(personas.kecamatan)
    raw = cache.get(engagement._snapshot_key(personas.kecamatan.pk, timezone.localdate()))
    assert raw is not None and raw.needs_help
    for person in raw.needs_help:
        assert "user" not in person.employee._state.fields_cache
    assert b"argon2" not in pickle.dumps(raw)
