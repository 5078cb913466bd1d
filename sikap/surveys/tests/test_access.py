"""Who reads a service unit's survey report and what else they may do with it, per persona."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.surveys import access


@pytest.mark.parametrize(
    ("persona", "leads", "manages", "imports"),
    [
        ("lurah", True, True, True),
        ("camat", True, True, True),
        ("hr", False, True, True),
        ("pegawai", False, False, True),  # an officer of the kelurahan's counter
        ("auditor", False, False, False),
        ("superadmin", True, True, True),
    ],
)
def test_the_rights_on_a_kelurahan_report(personas, persona, leads, manages, imports):
    user = personas.user(persona)
    rights = access.report_rights(user, personas.kelurahan)
    assert (rights.leads, rights.manages, rights.imports) == (leads, manages, imports)
    assert access.get_report_unit(user, personas.kelurahan.pk) == personas.kelurahan
    for action, allowed in (("lead", leads), ("manage", manages), ("import", imports)):
        if allowed:
            assert access.get_report_unit(user, personas.kelurahan.pk, action=action)
        else:
            with pytest.raises(PermissionDenied):
                access.get_report_unit(user, personas.kelurahan.pk, action=action)


def test_a_report_outside_the_reach_is_not_found(personas):
    with pytest.raises(Http404):
        access.get_report_unit(personas.user("outsider"), personas.kelurahan.pk)
    assert access.can_read_reports(personas.auditor)
    assert personas.other_kecamatan not in access.service_units_visible_to(personas.user("hr"))
