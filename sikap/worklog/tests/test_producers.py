"""The work writes the log: a service recorded at the desk becomes a draft for each officer."""

from __future__ import annotations

import pytest

from sikap.surveys.testing import make_record, make_service_type
from sikap.worklog.models import Entry


@pytest.mark.django_db(transaction=True)
def test_a_desk_service_drafts_one_entry_per_officer(personas):
    unit = personas.pegawai.unit
    kind = make_service_type(unit)
    record = make_record(unit, kind, [personas.pegawai, personas.peer], minutes=8)
    drafts = Entry.objects.filter(source="surveys.service_record", source_id=record.pk)
    assert sorted(drafts.values_list("employee_id", flat=True)) == sorted(
        [personas.pegawai.pk, personas.peer.pk]
    )
    draft = drafts.get(employee=personas.pegawai)
    assert (draft.confirmed, draft.status, draft.satuan) == (False, "draf", "layanan")
    assert draft.activity == "Pelayanan Surat Keterangan Domisili"
    assert draft.start_time is not None and draft.end_time is not None
    assert draft.end_time > draft.start_time
