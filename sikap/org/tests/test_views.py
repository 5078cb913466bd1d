"""Every organisation page for every persona: who sees what, who may change what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.org.models import Assignment, Employee, Unit
from sikap.org.testing import make_employee, make_position

pytestmark = pytest.mark.django_db

# For read pages: the status each persona gets for a target inside Kelurahan Plaju Ulu.
READ_EXPECTED = {
    "pegawai": 404,
    "peer": 404,
    "penilai": 404,
    "lurah": 200,
    "camat": 200,
    "hr": 200,
    "auditor": 200,
    "superadmin": 200,
    "outsider": 404,
    "other_hr": 404,
}
CHANGE_EXPECTED = {
    "pegawai": 404,
    "peer": 404,
    "penilai": 404,
    "lurah": 403,
    "camat": 403,
    "hr": 200,
    "auditor": 403,
    "superadmin": 200,
    "outsider": 404,
    "other_hr": 404,
}


@pytest.mark.parametrize("persona", READ_EXPECTED)
def test_unit_page_visibility(personas, login, persona):
    response = login(personas.user(persona)).get(reverse("org:unit", args=[personas.kelurahan.pk]))
    assert response.status_code == READ_EXPECTED[persona]
    if response.status_code == 200:
        assert "Kelurahan Plaju Ulu" in response.content.decode()


@pytest.mark.parametrize("persona", READ_EXPECTED)
def test_employee_page_visibility(personas, login, persona):
    target = personas.peer
    expected = READ_EXPECTED[persona]
    if persona in ("peer", "penilai"):
        expected = 200  # oneself, and one's own subordinate
    response = login(personas.user(persona)).get(reverse("org:employee", args=[target.pk]))
    assert response.status_code == expected


def test_everyone_sees_their_own_profile(personas, login):
    for name in ("pegawai", "penilai", "lurah", "camat", "hr", "outsider"):
        employee = getattr(personas, name)
        response = login(employee.user).get(reverse("org:employee", args=[employee.pk]))
        assert response.status_code == 200, name


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("pegawai", 403),
        ("penilai", 403),
        ("lurah", 200),
        ("camat", 200),
        ("hr", 200),
        ("auditor", 200),
        ("superadmin", 200),
        ("other_hr", 200),
        ("outsider", 403),
    ],
)
def test_tree_is_for_people_who_lead_manage_or_audit(personas, login, persona, expected):
    response = login(personas.user(persona)).get(reverse("org:tree"))
    assert response.status_code == expected


def test_tree_of_another_kecamatan_hr_shows_only_their_kecamatan(personas, login):
    body = login(personas.other_hr).get(reverse("org:tree")).content.decode()
    assert "Seberang Ulu II" in body
    assert "Kelurahan Plaju Ulu" not in body
    assert "Sekretariat Kecamatan Plaju" not in body


def test_lurah_tree_is_limited_to_the_kelurahan(personas, login):
    body = login(personas.user("lurah")).get(reverse("org:tree")).content.decode()
    assert "Kelurahan Plaju Ulu" in body
    assert "Sekretariat Kecamatan Plaju" not in body


CHANGE_VIEWS = [
    ("org:employee_edit", "peer"),
    ("org:employee_transfer", "peer"),
    ("org:employee_acting", "peer"),
    ("org:employee_override", "peer"),
    ("org:unit_create", "kelurahan"),
    ("org:position_create", "kelurahan"),
    ("org:employee_create", "kelurahan"),
]


@pytest.mark.parametrize(("view", "target"), CHANGE_VIEWS)
@pytest.mark.parametrize("persona", CHANGE_EXPECTED)
def test_change_pages_are_for_the_admin_kepegawaian_of_the_subtree(
    personas, login, view, target, persona
):
    expected = CHANGE_EXPECTED[persona]
    if persona in ("peer", "penilai") and target == "peer":
        expected = 403  # they see the record but may not change it
    response = login(personas.user(persona)).get(reverse(view, args=[getattr(personas, target).pk]))
    assert response.status_code == expected


@pytest.mark.parametrize("view", ["org:tree", "org:unit", "org:employee"])
def test_read_pages_refuse_post(personas, login, view):
    args = (
        []
        if view == "org:tree"
        else [personas.kelurahan.pk if view == "org:unit" else personas.hr.pk]
    )
    assert login(personas.user("hr")).post(reverse(view, args=args)).status_code == 405


@pytest.mark.parametrize(("view", "target"), CHANGE_VIEWS)
def test_change_pages_refuse_put(personas, login, view, target):
    response = login(personas.user("hr")).put(reverse(view, args=[getattr(personas, target).pk]))
    assert response.status_code == 405


def test_anonymous_is_sent_to_the_login_page(personas, client):
    response = client.get(reverse("org:unit", args=[personas.kelurahan.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_unit_people_search_returns_the_htmx_partial(personas, login):
    client = login(personas.user("camat"))
    url = reverse("org:unit", args=[personas.kelurahan.pk])
    response = client.get(url, {"q": "Dewi"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="people">')
    assert "Dewi Lestari" in body and "Rudi Hartono" not in body
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_unit_page_query_count_does_not_grow_with_people(
    personas, login, django_assert_num_queries
):
    client = login(personas.user("camat"))
    url = reverse("org:unit", args=[personas.seksi.pk])
    client.get(url)  # warm up the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    position = personas.pegawai.position
    for i in range(45):
        make_employee(position, f"Staf Tambahan {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_tree_query_count_does_not_grow_with_units(personas, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sikap.org.testing import make_unit

    client = login(personas.user("camat"))
    client.get(reverse("org:tree"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("org:tree"))
    for i in range(30):
        unit = make_unit(f"Seksi {i}", parent=personas.kelurahan)
        make_employee(make_position(unit, f"Staf {i}"), f"Orang {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("org:tree"))
    assert len(many) == len(few)


def test_hr_edits_an_employee_and_the_change_is_in_the_audit_trail(personas, login):
    client = login(personas.user("hr"))
    url = reverse("org:employee_edit", args=[personas.pegawai.pk])
    data = {
        "nip": personas.pegawai.nip,
        "front_title": "",
        "name": "Dewi Lestari",
        "back_title": "S.E.",
        "jenis_asn": "PNS",
        "golongan": "III/a",
        "email": "dewi@example.id",
        "phone": "0811",
        "is_active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    body = client.get(reverse("org:employee", args=[personas.pegawai.pk])).content.decode()
    assert "Dewi Lestari, S.E." in body
    assert "II/c" in body and "III/a" in body  # old → new in the audit trail


def test_auditor_sees_the_audit_trail_but_the_lurah_does_not(personas, login):
    url = reverse("org:employee", args=[personas.pegawai.pk])
    auditor_body = login(personas.auditor).get(url).content.decode()
    assert 'id="history-title"' in auditor_body
    lurah_body = login(personas.user("lurah")).get(url).content.decode()
    assert 'id="history-title"' not in lurah_body


def test_edit_shows_field_errors_for_a_bad_nip_and_writes_nothing(personas, login):
    client = login(personas.user("hr"))
    data = {
        "nip": "19851301201001100",
        "name": "Dewi Lestari",
        "jenis_asn": "PNS",
        "golongan": "II/c",
        "is_active": "on",
    }
    response = client.post(reverse("org:employee_edit", args=[personas.pegawai.pk]), data)
    assert response.status_code == 200
    assert "NIP tidak valid" in response.content.decode()
    personas.pegawai.refresh_from_db()
    assert personas.pegawai.nip != "19851301201001100"


def test_edit_refuses_a_pns_golongan_for_a_pppk(personas, login):
    client = login(personas.user("hr"))
    data = {
        "nip": personas.peer.nip,
        "name": "Rudi",
        "jenis_asn": "PPPK",
        "golongan": "III/a",
        "is_active": "on",
    }
    response = client.post(reverse("org:employee_edit", args=[personas.peer.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["golongan"]


def test_hr_transfers_an_employee(personas, login):
    post = make_position(personas.kecamatan, "Pengolah Data", reports_to=personas.camat.position)
    client = login(personas.user("hr"))
    response = client.post(
        reverse("org:employee_transfer", args=[personas.pegawai.pk]),
        {"position": post.pk, "start_date": "2026-07-01", "decree_number": "800/9"},
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(employee=personas.pegawai).count() == 2
    again = client.post(
        reverse("org:employee_transfer", args=[personas.pegawai.pk]),
        {"position": post.pk, "start_date": "2026-08-01"},
    )
    assert "sudah menduduki" in again.content.decode()


def test_hr_records_an_acting_assignment_and_an_override(personas, login):
    client = login(personas.user("hr"))
    response = client.post(
        reverse("org:employee_acting", args=[personas.peer.pk]),
        {
            "position": personas.penilai.position.pk,
            "kind": "PLH",
            "start_date": "2026-06-01",
            "end_date": "2026-06-05",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("org:employee_override", args=[personas.pegawai.pk]),
        {
            "penilai": personas.lurah.pk,
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "reason": "Kasi cuti",
        },
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("org:employee_override", args=[personas.pegawai.pk]),
        {
            "penilai": personas.lurah.pk,
            "start_date": "2026-03-01",
            "end_date": "2026-03-31",
            "reason": "x",
        },
    )
    assert "tumpang tindih" in bad.content.decode()


def test_hr_creates_unit_position_and_employee(personas, login):
    client = login(personas.user("hr"))
    response = client.post(
        reverse("org:unit_create", args=[personas.kelurahan.pk]),
        {"name": "Seksi Kesejahteraan Sosial", "kind": "seksi", "bps_code": "", "address": ""},
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name="Seksi Kesejahteraan Sosial")
    assert unit.path.startswith(personas.kelurahan.path)
    response = client.post(
        reverse("org:position_create", args=[unit.pk]),
        {
            "name": "Kepala Seksi Kesos",
            "jenis": "PENGAWAS",
            "jenjang": "",
            "eselon": "IV.b",
            "reports_to": personas.lurah.position.pk,
        },
    )
    assert response.status_code == 302
    position = unit.positions.get()
    response = client.post(
        reverse("org:employee_create", args=[unit.pk]),
        {
            "nip": "198807072012011004",
            "name": "Ilham Saputra",
            "jenis_asn": "PNS",
            "golongan": "III/b",
            "is_active": "on",
            "position": position.pk,
            "start_date": "2026-01-02",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Employee.objects.get(nip="198807072012011004").unit == unit


def test_unit_form_refuses_a_used_bps_code_and_letters(personas, login):
    client = login(personas.user("hr"))
    url = reverse("org:unit_create", args=[personas.kelurahan.pk])
    response = client.post(url, {"name": "X", "kind": "seksi", "bps_code": "16AB"})
    assert response.context["form"].errors["bps_code"]
    response = client.post(url, {"name": "X", "kind": "seksi", "bps_code": "1671031"})
    assert response.context["form"].errors["bps_code"]


def test_position_form_refuses_a_jenjang_outside_fungsional(personas, login):
    client = login(personas.user("hr"))
    response = client.post(
        reverse("org:position_create", args=[personas.kelurahan.pk]),
        {"name": "Staf", "jenis": "PELAKSANA", "jenjang": "PT", "eselon": "NON"},
    )
    assert response.context["form"].errors["jenjang"]


def test_home_lists_vacancies_for_the_unit_head(personas, login):
    make_position(personas.kelurahan, "Kepala Seksi Trantib", jenis="PENGAWAS")
    body = login(personas.user("lurah")).get(reverse("accounts:home")).content.decode()
    assert "Vacant positions" in body or "Jabatan kosong" in body


def test_profile_shows_position_history_and_chain(personas, login):
    body = (
        login(personas.user("pegawai"))
        .get(reverse("org:employee", args=[personas.pegawai.pk]))
        .content.decode()
    )
    assert "Agus Setiawan, S.IP." in body  # penilai
    assert "Siti Rahmawati, S.Sos." in body  # atasan
    assert "Pengadministrasi Pemerintahan" in body


def test_the_unit_page_shows_its_people_a_page_at_a_time(personas, login):
    from sikap.org.views import PEOPLE_PAGE_SIZE

    for i in range(PEOPLE_PAGE_SIZE + 5):
        make_employee(personas.pegawai.position, f"Staf Halaman {i:02d}")
    client = login(personas.user("camat"))
    url = reverse("org:unit", args=[personas.kecamatan.pk])
    first = client.get(url).text
    total = Employee.objects.in_subtree(personas.kecamatan).filter(is_active=True).count()
    assert first.count('href="/org/pegawai/') >= PEOPLE_PAGE_SIZE
    assert f"1–{PEOPLE_PAGE_SIZE} dari {total} pegawai" in first
    assert "page=2" in first
    last = client.get(url, {"page": 99}).text  # past the end: the last page
    assert f"dari {total} pegawai" in last
    found = client.get(url, {"q": "Staf Halaman 07"}, HTTP_HX_REQUEST="true").text
    assert "Staf Halaman 07" in found and "Staf Halaman 08" not in found
    assert "page=2" not in found
