"""The audit trail reads as people speak: names instead of ids, WIB times, the actor by name."""

from __future__ import annotations

from sikap.lib.audit import stamp
from sikap.org.audit import audit_rows


def test_history_names_the_position_the_actor_and_shows_wib(personas):
    employee = personas.pegawai
    employee.position = personas.penilai.position
    stamp(employee, personas.user("hr"))
    employee.save()
    row = audit_rows(employee.history.all())[0]
    assert row.who == "Nurul Hidayah"
    old, new = next((o, n) for _field, o, n in row.changes if "Seksi" in n)
    assert "Pengadministrasi Pemerintahan" in old
    assert "Kepala Seksi Pemerintahan" in new
    assert str(row.when.tzinfo) == "Asia/Jakarta"


def test_history_without_an_actor_says_system(personas):
    row = audit_rows(personas.pegawai.history.all())[0]
    assert row.who
    assert personas.pegawai.nip not in row.who


def test_plh_and_penilai_override_appear_in_the_employee_trail_with_names(personas, client):
    import datetime as dt

    from django.urls import reverse

    from sikap.org import services
    from sikap.org.audit import employee_audit_rows

    hr = personas.user("hr")
    services.assign_acting(
        employee=personas.pegawai,
        position=personas.penilai.position,
        kind="PLH",
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 13),
        by=hr,
    )
    services.set_supervisor_override(
        employee=personas.pegawai,
        penilai=personas.lurah,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 6, 30),
        reason="Kasi cuti besar",
        by=hr,
    )
    rows = employee_audit_rows(personas.pegawai)
    acting = next(r for r in rows if r.subject and any("Plh." in n for _f, _o, n in r.changes))
    assert acting.who == "Nurul Hidayah"
    assert any(n == "Kepala Seksi Pemerintahan" for _f, _o, n in acting.changes)
    override = next(r for r in rows if any(n == "Kasi cuti besar" for _f, _o, n in r.changes))
    assert override.who == "Nurul Hidayah"
    assert any("Siti Rahmawati" in n for _f, _o, n in override.changes)
    assert str(override.when.tzinfo) == "Asia/Jakarta"
    client.force_login(hr, backend="sikap.accounts.backends.NipOrUsernameBackend")
    page = client.get(reverse("org:employee", args=[personas.pegawai.pk])).content.decode()
    assert "Kasi cuti besar" in page and "Plh." in page
    assert personas.hr.nip not in page.split("Audit trail")[-1].split("Jejak audit")[-1]
