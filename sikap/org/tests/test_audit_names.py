"""The audit trail reads as people speak: names instead of ids, WIB times, the actor by name."""

from __future__ import annotations

from sikap.org.audit import audit_rows


def test_history_names_the_position_the_actor_and_shows_wib(personas):
    employee = personas.pegawai
    employee.position = personas.penilai.position
    employee._history_user = personas.user("hr")  # type: ignore[attr-defined]
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
