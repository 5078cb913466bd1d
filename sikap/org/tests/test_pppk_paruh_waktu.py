"""PPPK Paruh Waktu (KepmenPAN-RB 16/2025, domain.md §8.1): the employee type and its import."""

from __future__ import annotations

import pytest

from sikap.org.models import Employee, JenisAsn
from sikap.org.tests.test_import_rules import csv_bytes, row, validate

pytestmark = pytest.mark.django_db


def test_the_import_accepts_pppk_paruh_waktu_with_the_ni_pppk_rules(personas):
    data = csv_bytes(
        [
            row(
                personas.peer.nip,
                NAMA="Rudi Hartono",
                JENIS_PEGAWAI="PPPK Paruh Waktu",
                GOLONGAN="IX",
                JABATAN="Operator Layanan Operasional",
                KODE_UNIT=str(personas.seksi.pk),
                TMT_JABATAN="01-06-2026",
            ),
        ]
    )
    importer, plan = validate(data)
    assert plan.problems == []
    importer.apply(plan)
    peer = Employee.objects.get(pk=personas.peer.pk)
    assert peer.jenis_asn == JenisAsn.PPPK_PW and peer.is_pppk


def test_a_pppk_paruh_waktu_row_needs_a_pppk_golongan(personas):
    _, plan = validate(
        csv_bytes(
            [
                row(
                    personas.peer.nip,
                    NAMA="Rudi Hartono",
                    JENIS_PEGAWAI="PPPK_PW",
                    GOLONGAN="III/a",
                    KODE_UNIT=str(personas.seksi.pk),
                    TMT_JABATAN="01-06-2026",
                ),
            ]
        )
    )
    assert [p.column for p in plan.problems] == ["GOLONGAN"]


def test_an_unknown_type_names_the_three_kinds(personas):
    _, plan = validate(csv_bytes([row(personas.pegawai.nip, JENIS_PEGAWAI="HONORER")]))
    assert "PPPK Paruh Waktu" in str(plan.problems[0])
