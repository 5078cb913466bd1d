"""The unit's catalogue (standar pelayanan), survey settings and maklumat pelayanan."""

from __future__ import annotations

from django.urls import reverse

from sikap.surveys.models import ServicePromise, ServiceType, SurveySettings

NEW = {
    "name": "Surat Keterangan Usaha",
    "standard_minutes": "20",
    "order": "1",
    "is_active": "on",
    "biaya": "Gratis",
    "persyaratan": "Pengantar RT/RW",
}


def test_the_lurah_adds_and_changes_a_service(personas, login, domisili):
    client = login(personas.user("lurah"))
    kel = personas.kelurahan
    assert domisili.name in client.get(reverse("surveys:catalogue", args=[kel.pk])).content.decode()
    response = client.post(reverse("surveys:service_type_create", args=[kel.pk]), NEW)
    assert response.status_code == 302
    created = ServiceType.objects.get(name=NEW["name"])
    assert (created.unit, created.standard_minutes) == (kel, 20)
    url = reverse("surveys:service_type_edit", args=[kel.pk, created.pk])
    assert client.get(url).status_code == 200
    client.post(url, {**NEW, "standard_minutes": "15"})
    created.refresh_from_db()
    assert created.standard_minutes == 15
    duplicate = client.post(url, {**NEW, "name": domisili.name.upper()})
    assert duplicate.status_code == 200 and "sudah ada" in duplicate.content.decode()


def test_a_service_of_another_unit_is_404(personas, login, domisili):
    client = login(personas.user("camat"))
    url = reverse("surveys:service_type_edit", args=[personas.kecamatan.pk, domisili.pk])
    assert client.get(url).status_code == 404


def test_catalogue_access(personas, login, domisili):
    kel = personas.kelurahan
    url = reverse("surveys:catalogue", args=[kel.pk])
    assert login(personas.user("hr")).get(url).status_code == 200
    assert login(personas.user("auditor")).get(url).status_code == 403
    assert login(personas.user("pegawai")).get(url).status_code == 403
    assert login(personas.user("outsider")).get(url).status_code == 404
    assert login(personas.user("lurah")).post(url).status_code == 405


def test_the_lurah_sets_the_weight_and_signs_the_maklumat(personas, login):
    client = login(personas.user("lurah"))
    url = reverse("surveys:settings", args=[personas.kelurahan.pk])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "form": "settings",
            "weight": "worksheet",
            "min_officer_responses": "5",
            "education_options": "SD\nSMA",
            "occupation_options": "Swasta",
        },
    )
    settings = SurveySettings.objects.get(unit=personas.kelurahan)
    assert (settings.weight, settings.min_officer_responses, settings.education_list) == (
        "worksheet",
        5,
        ["SD", "SMA"],
    )
    client.post(url, {"form": "promise", "text": "Kami sanggup melayani."})
    promise = ServicePromise.objects.get(unit=personas.kelurahan)
    assert (promise.text, promise.signed_by) == ("Kami sanggup melayani.", personas.lurah)
    empty = client.post(
        url,
        {
            "form": "settings",
            "weight": "exact",
            "min_officer_responses": "5",
            "education_options": " ",
            "occupation_options": "x",
        },
    )
    assert empty.status_code == 200


def test_hr_edits_the_maklumat_without_signing_it(personas, login):
    client = login(personas.user("hr"))
    url = reverse("surveys:settings", args=[personas.kelurahan.pk])
    client.post(url, {"form": "promise", "text": "Teks baru"})
    assert ServicePromise.objects.get().signed_by is None
    assert (
        login(personas.user("auditor")).post(url, {"form": "promise", "text": "x"}).status_code
        == 403
    )
    assert login(personas.user("lurah")).put(url).status_code == 405
