"""Who owns which complaint setting: the instance's calendar and categories, a subtree's limits,
retention and templates. Every page is tried as the HR admin of ANOTHER kecamatan (issue 11.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.complaints import services
from sikap.complaints.models import Category, ComplaintSettings, Holiday, ResponseTemplate, Status
from sikap.complaints.tests.conftest import make_complaint

pytestmark = pytest.mark.django_db

D = dt.date
LIMITS = {
    "verification_days": 30,
    "follow_up_days": 5,
    "ringan_days": 2,
    "normatif_days": 5,
    "tidak_berkadar_days": 14,
    "berkadar_days": 60,
    "confirmation_timeout_days": 10,
    "warning_days": 1,
    "camat_after_days": 3,
    "retention_days": 30,
}


def _closed(personas, *, on: dt.date):
    c = make_complaint(personas.kelurahan, on=on)
    lurah = personas.user("lurah")
    services.verify(complaint=c, by=lurah, complaint_class="ringan", on=on)
    services.assign(complaint=c, by=lurah, assignee=personas.pegawai, on=on)
    c = services.answer(complaint=c, by=lurah, text="Sudah diperbaiki.", on=on)
    return services.confirm(complaint=c, on=on)


def test_another_kecamatans_hr_cannot_change_plajus_deadlines_or_retention(login, personas):
    open_one = make_complaint(personas.kelurahan, on=D(2026, 11, 2))
    closed = _closed(personas, on=D(2026, 11, 2))
    due = open_one.verification_due
    client = login(personas.other_hr)
    url = reverse("complaints:settings")
    plaju = {"unit": personas.kecamatan.pk}
    assert client.get(url, plaju).status_code == 404
    assert client.post(url, {**LIMITS, **plaju}).status_code == 404
    # Without a unit they change their own kecamatan's settings, which Plaju does not use.
    assert client.post(url, LIMITS).status_code == 302
    assert ComplaintSettings.objects.get(unit=personas.other_kecamatan).verification_days == 30
    open_one.refresh_from_db()
    assert open_one.verification_due == due
    assert ComplaintSettings.for_unit(personas.kelurahan).retention_days == 730
    assert services.purge_personal_data(today=D(2027, 1, 15)) == 0
    closed.refresh_from_db()
    assert closed.reporter_name == "Bambang Sutrisno"


def test_a_kecamatans_value_overrides_the_default_for_its_subtree_only(login, personas):
    plaju = make_complaint(personas.kelurahan, on=D(2026, 11, 2))
    seberang = make_complaint(personas.other_kecamatan, on=D(2026, 11, 2))
    response = login(personas.user("hr")).post(
        reverse("complaints:settings"), {**LIMITS, "verification_days": 5, "retention_days": 365}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?unit={personas.kecamatan.pk}")
    plaju.refresh_from_db()
    seberang.refresh_from_db()
    assert plaju.verification_due == D(2026, 11, 9)
    assert seberang.verification_due == D(2026, 11, 5)
    assert ComplaintSettings.for_unit(personas.other_kecamatan) == ComplaintSettings.load()
    row = ComplaintSettings.objects.get(unit=personas.kecamatan)
    record = row.history.latest()
    assert record.history_user == personas.user("hr") and record.retention_days == 365
    # A later change of the default reaches Seberang Ulu II, not Plaju's own settings.
    services.update_settings(by=personas.superadmin, unit=None, values={"verification_days": 4})
    plaju.refresh_from_db()
    seberang.refresh_from_db()
    assert (plaju.verification_due, seberang.verification_due) == (D(2026, 11, 9), D(2026, 11, 6))


def test_retention_follows_the_settings_of_the_complaints_unit(personas):
    closed = _closed(personas, on=D(2026, 11, 2))
    services.update_settings(
        by=personas.user("hr"), unit=personas.kecamatan, values={"retention_days": 60}
    )
    assert services.purge_personal_data(today=D(2026, 12, 31)) == 0
    assert services.purge_personal_data(today=D(2027, 1, 2)) == 1
    closed.refresh_from_db()
    assert closed.reporter_name == "" and closed.status == Status.CLOSED


@pytest.mark.parametrize(
    ("name", "get", "post"),
    [
        ("city_hr", 200, 302),
        ("superadmin", 200, 302),
        ("hr", 403, 403),
        ("other_hr", 404, 404),
        ("auditor", 403, 403),
        ("camat", 404, 404),
        ("pegawai", 404, 404),
    ],
)
def test_only_the_instance_owner_changes_the_default(login, personas, name, get, post):
    url = reverse("complaints:settings")
    client = login(personas.user(name))
    default = {"unit": ""}
    if get == 200:
        assert client.get(url).status_code == 200
    response = client.post(url, {**LIMITS, "verification_days": 7, **default})
    if name in ("hr", "other_hr"):
        # Without a unit an HR admin opens their own subtree: the default is not theirs.
        assert response.status_code == 302
        assert ComplaintSettings.load().verification_days == 3
    else:
        assert response.status_code == post
        assert ComplaintSettings.load().verification_days == (7 if post == 302 else 3)


def test_a_subtrees_settings_are_read_by_its_auditor_and_hr_only(login, personas):
    url = reverse("complaints:settings")
    plaju = {"unit": personas.kecamatan.pk}
    assert login(personas.user("auditor")).get(url, plaju).status_code == 200
    assert login(personas.user("auditor")).post(url, {**LIMITS, **plaju}).status_code == 403
    assert login(personas.user("hr")).get(url, plaju).status_code == 200
    html = login(personas.user("city_hr")).get(url, plaju).content.decode()
    assert "Kecamatan Plaju" in html
    assert login(personas.user("city_hr")).post(url, {**LIMITS, **plaju}).status_code == 302
    assert ComplaintSettings.for_unit(personas.seksi).verification_days == 30
    bad = {**LIMITS, **plaju, "retention_days": 5}
    assert login(personas.user("hr")).post(url, bad).status_code == 400


@pytest.mark.parametrize(
    ("name", "get", "post"),
    [
        ("city_hr", 200, 302),
        ("superadmin", 200, 302),
        ("hr", 200, 403),
        ("other_hr", 200, 403),
        ("auditor", 200, 403),
        ("camat", 404, 404),
        ("pegawai", 404, 404),
    ],
)
def test_the_holiday_calendar_belongs_to_the_instance(login, personas, name, get, post):
    client = login(personas.user(name))
    assert client.get(reverse("complaints:holidays")).status_code == get
    add = {"date": "2027-03-10", "name": "Cuti bersama Nyepi", "kind": "cuti_bersama"}
    assert client.post(reverse("complaints:holiday_add"), add).status_code == post
    holiday = Holiday.objects.filter(date__year=2026).first()
    assert holiday is not None
    response = client.post(reverse("complaints:holiday_delete", args=[holiday.pk]))
    assert response.status_code == post
    assert Holiday.objects.filter(pk=holiday.pk).exists() == (post != 302)
    bulk = {"text": "2027-01-01 | Tahun Baru | libur_nasional"}
    assert client.post(reverse("complaints:holiday_bulk"), bulk).status_code == post
    assert client.post(reverse("complaints:holiday_propose"), {"year": 2028}).status_code == post


def test_another_kecamatans_hr_cannot_edit_plajus_templates_or_the_categories(login, personas):
    plaju_t = ResponseTemplate.objects.create(
        unit=personas.kecamatan, step="answered", title="Plaju", body="Terima kasih, Plaju."
    )
    shared = ResponseTemplate.objects.create(step="answered", title="Umum", body="Terima kasih.")
    category = Category.objects.create(name="Jalan")
    url = reverse("complaints:texts")
    client = login(personas.other_hr)
    html = client.get(url).content.decode()
    assert "Umum" in html and "Terima kasih, Plaju." not in html
    edit = {
        "kind": "template",
        "template-step": "answered",
        "template-title": "Diubah",
        "template-body": "x",
        "template-is_active": "on",
    }
    assert client.get(url, {"kind": "template", "pk": plaju_t.pk}).status_code == 404
    assert client.post(url, {**edit, "pk": plaju_t.pk}).status_code == 404
    assert client.post(url, {**edit, "pk": shared.pk}).status_code == 403
    cat = {"kind": "category", "pk": category.pk, "category-name": "Diubah"}
    assert client.post(url, cat).status_code == 403
    # Their own template for Plaju's subtree is refused: Plaju is not among their units.
    own = {**edit, "template-unit": personas.kecamatan.pk}
    assert client.post(url, own).status_code == 400
    assert (
        client.post(url, {**own, "template-unit": personas.other_kecamatan.pk}).status_code == 302
    )
    plaju_t.refresh_from_db()
    shared.refresh_from_db()
    category.refresh_from_db()
    assert (plaju_t.title, shared.title, category.name) == ("Plaju", "Umum", "Jalan")
    assert ResponseTemplate.objects.get(title="Diubah").unit == personas.other_kecamatan


def test_plajus_hr_edits_plajus_templates_and_the_complaint_offers_them(login, personas):
    other_t = ResponseTemplate.objects.create(
        unit=personas.other_kecamatan, step="verified", title="Templat SU II", body="Templat SU II."
    )
    url = reverse("complaints:texts")
    client = login(personas.user("hr"))
    data = {
        "kind": "template",
        "template-unit": personas.kecamatan.pk,
        "template-step": "verified",
        "template-title": "Plaju",
        "template-body": "Terima kasih.",
        "template-is_active": "on",
    }
    assert client.post(url, data).status_code == 302
    mine = ResponseTemplate.objects.get(title="Plaju")
    assert mine.history.latest().history_user == personas.user("hr")
    assert client.post(url, {**data, "pk": mine.pk, "template-title": "Plaju 2"}).status_code == 302
    assert client.post(url, {**data, "template-unit": ""}).status_code == 400
    assert client.post(url, {"kind": "category", "category-name": "Jalan"}).status_code == 403
    assert login(personas.user("auditor")).post(url, data).status_code == 403
    assert login(personas.user("auditor")).post(url, {"kind": "x"}).status_code == 403
    c = make_complaint(personas.kelurahan, on=D(2026, 11, 2))
    client = login(personas.user("hr"))
    html = client.get(reverse("complaints:detail", args=[c.pk])).content.decode()
    assert "Plaju 2" in html and other_t.title not in html


def test_a_unit_without_its_place_in_the_tree_gets_no_settings(personas):
    from sikap.org.models import Unit

    loose = Unit(name="Unit lepas", path="")
    with pytest.raises(ValidationError) as caught:
        services.update_settings(by=personas.superadmin, unit=loose, values={})
    assert caught.value.code == "unit_without_path"
