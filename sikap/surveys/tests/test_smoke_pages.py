from __future__ import annotations

from django.urls import reverse

from sikap.surveys.models import SurveySettings
from sikap.surveys.testing import make_record, make_response


def test_pages_render(personas, login, client, domisili):
    kel = personas.kelurahan
    record = make_record(kel, domisili, [personas.pegawai])
    for _ in range(3):
        make_response(kel, 3, officer=personas.pegawai, service_type=domisili)
    c = login(personas.user("pegawai"))
    assert c.get(reverse("surveys:counter")).status_code == 200
    assert c.get(reverse("surveys:receipt", args=[record.pk])).status_code == 200
    c = login(personas.user("lurah"))
    assert c.get(reverse("surveys:reports")).status_code == 200
    assert c.get(reverse("surveys:report", args=[kel.pk])).status_code == 200
    assert c.get(reverse("surveys:report_pdf", args=[kel.pk])).status_code == 200
    assert c.get(reverse("surveys:report_xlsx", args=[kel.pk])).status_code == 200
    assert c.get(reverse("surveys:import", args=[kel.pk])).status_code == 200
    assert c.post(reverse("surveys:publish", args=[kel.pk])).status_code == 302
    c.logout()
    assert client.get(reverse("surveys:survey_receipt", args=[record.token])).status_code == 200
    assert client.get(reverse("surveys:survey_unit", args=[kel.pk])).status_code == 200
    key = SurveySettings.objects.get(unit=kel).kiosk_key
    assert client.get(reverse("surveys:kiosk", args=[key])).status_code == 200
    assert client.get(reverse("surveys:public", args=[kel.pk])).status_code == 200
