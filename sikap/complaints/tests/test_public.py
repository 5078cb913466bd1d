"""The citizen's pages: no login, no personal data on anything public."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.complaints import services
from sikap.complaints.models import Complaint, ComplaintClass, SatisfactionRating, Status
from sikap.complaints.testing import PNG

pytestmark = pytest.mark.django_db

IDENTITY = ("Bambang Sutrisno", "081234567890", "bambang@example.com")


def _post(client, personas, **extra):
    data = {
        "unit": personas.kelurahan.pk,
        "classification": "pengaduan",
        "subject": "Antrean lama",
        "text": "Pelayanan surat domisili lama sekali.",
        "reporter_name": IDENTITY[0],
        "reporter_phone": IDENTITY[1],
        "reporter_email": IDENTITY[2],
        "website": "",
    }
    data.update(extra)
    return client.post(reverse("complaints:public_form"), data)


def test_the_form_needs_no_login(client, personas) -> None:
    response = client.get(reverse("complaints:public_form"))
    assert response.status_code == 200
    assert "Kelurahan Plaju Ulu" in response.content.decode()
    assert 'name="website"' in response.content.decode()


def test_a_citizen_gets_a_code_and_a_status_page_without_personal_data(client, personas) -> None:
    response = _post(client, personas)
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:status", args=[complaint.tracking_code])
    assert len(complaint.tracking_code) == 10
    assert complaint.reporter_name == IDENTITY[0]
    page = client.get(response["Location"])
    html = page.content.decode()
    assert complaint.tracking_code in html
    assert page["Cache-Control"] == "no-store"
    for value in IDENTITY:
        assert value not in html
    # even after the answer, the page carries no identity
    services.verify(complaint=complaint, by=personas.user("lurah"), complaint_class="ringan")
    services.assign(complaint=complaint, by=personas.user("lurah"), assignee=personas.pegawai)
    services.answer(complaint=complaint, by=personas.user("pegawai"), text="Sudah dipercepat.")
    html = client.get(response["Location"]).content.decode()
    assert "Sudah dipercepat." in html
    for value in (*IDENTITY, "Dewi Lestari", "Siti Rahmawati"):
        assert value not in html


def test_anonymity_keeps_no_identity(client, personas) -> None:
    _post(client, personas, is_anonymous="on")
    complaint = Complaint.objects.get()
    assert complaint.is_anonymous
    assert (complaint.reporter_name, complaint.reporter_phone, complaint.reporter_email) == (
        "",
        "",
        "",
    )


def test_the_honeypot_silently_drops_bots(client, personas) -> None:
    response = _post(client, personas, website="http://spam.example")
    assert response.status_code == 302
    assert not Complaint.objects.exists()


def test_the_form_is_rate_limited(client, personas, settings) -> None:
    settings.COMPLAINTS_PUBLIC_LIMIT = 1
    assert _post(client, personas).status_code == 302
    assert _post(client, personas).status_code == 429
    assert Complaint.objects.count() == 1


def test_an_invalid_form_is_shown_again(client, personas) -> None:
    response = _post(client, personas, subject="")
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_attachments_are_checked_by_content(client, personas) -> None:
    good = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    assert _post(client, personas, files=[good]).status_code == 302
    assert Complaint.objects.get().attachments.get().content_type == "image/png"
    bad = SimpleUploadedFile("foto.png", b"MZ not an image", content_type="image/png")
    response = _post(client, personas, files=[bad])
    assert response.status_code == 400
    assert "bukan jenis yang diterima" in response.content.decode()


def test_unknown_codes_and_wrong_methods(client, personas) -> None:
    assert client.get(reverse("complaints:status", args=["XXXXXXXXXX"])).status_code == 404
    assert client.post(reverse("complaints:track")).status_code == 405
    assert client.put(reverse("complaints:public_form")).status_code == 405
    c = services.register_complaint(unit=personas.kelurahan, subject="A", text="B")
    assert client.post(reverse("complaints:status", args=[c.tracking_code])).status_code == 405
    assert client.get(reverse("complaints:citizen_rate", args=[c.tracking_code])).status_code == 405


def test_tracking_by_code_forgives_case_and_spaces(client, personas) -> None:
    c = services.register_complaint(unit=personas.kelurahan, subject="A", text="B")
    typed = f" {c.tracking_code[:5].lower()}-{c.tracking_code[5:]} "
    response = client.get(reverse("complaints:track"), {"code": typed})
    assert response["Location"] == reverse("complaints:status", args=[c.tracking_code])
    response = client.get(reverse("complaints:track"), {"code": "NOPE"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()


def _answered(personas) -> Complaint:
    c = services.register_complaint(unit=personas.kelurahan, subject="A", text="B")
    lurah = personas.user("lurah")
    c = services.verify(complaint=c, by=lurah, complaint_class=ComplaintClass.NORMATIF)
    c = services.assign(complaint=c, by=lurah, assignee=personas.pegawai)
    return services.answer(complaint=c, by=personas.user("pegawai"), text="Selesai.")


def test_the_citizen_reopens_once_confirms_and_rates(client, personas) -> None:
    c = _answered(personas)
    url = reverse("complaints:citizen_reply", args=[c.tracking_code])
    response = client.post(url, {"text": "Belum selesai.", "reopen": "on"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == Status.IN_PROGRESS and c.reopened
    c = services.answer(complaint=c, by=personas.user("pegawai"), text="Sudah diperbaiki.")
    response = client.post(url, {"text": "Masih belum.", "reopen": "on"})
    assert response.status_code == 400
    c.refresh_from_db()
    assert c.status == Status.ANSWERED
    rate = reverse("complaints:citizen_rate", args=[c.tracking_code])
    assert client.post(rate, {"score": "9"}).status_code == 400
    assert client.post(rate, {"score": "4", "comment": "Cepat"}).status_code == 302
    assert SatisfactionRating.objects.get().score == 4
    assert client.post(rate, {"score": "5"}).status_code == 400
    confirm = reverse("complaints:citizen_confirm", args=[c.tracking_code])
    assert client.post(confirm).status_code == 302
    c.refresh_from_db()
    assert c.status == Status.CLOSED and c.close_reason == "confirmed"
    client.post(confirm)  # a second confirmation only shows a message
    assert client.post(url, {"text": "x"}).status_code == 400


def test_the_api_status_has_no_personal_data(client, personas) -> None:
    c = services.register_complaint(
        unit=personas.kelurahan,
        subject="Jalan rusak",
        text="Lubang besar.",
        reporter_name=IDENTITY[0],
        reporter_phone=IDENTITY[1],
        reporter_email=IDENTITY[2],
    )
    response = client.get(f"/api/complaints/status/{c.tracking_code}")
    assert response.status_code == 200
    body = response.content.decode()
    assert response.json()["status"] == "registered"
    for value in IDENTITY:
        assert value not in body
    assert client.get("/api/complaints/status/ZZZZZZZZZZ").status_code == 404


def _polyglot_zip() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("pwn.html", b"<html><script>alert(1)</script></html>", "bad_type"),
        ("surat.pdf.html", b"<html><script>alert(1)</script></html>", "double_extension"),
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "bad_type"),
        ("surat.pdf", "pdf+zip", "polyglot"),
        ("foto.png", "png+zip", "polyglot"),
    ],
)
def test_the_bad_files_of_issue_12_are_refused_on_the_attachment_field(
    client, personas, name, data, code
) -> None:
    from sikap.lib.samplefiles import pdf_bytes

    if data == "pdf+zip":
        data = pdf_bytes() + _polyglot_zip()
    elif data == "png+zip":
        data = PNG + _polyglot_zip()
    response = _post(client, personas, files=[SimpleUploadedFile(name, data)])
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["files"]] == [code]
    assert name in response.content.decode()  # the message names the file


def test_an_attachment_is_stored_under_a_generated_name_and_re_encoded(client, personas) -> None:
    upload = SimpleUploadedFile("../../KTP Bambang.png", PNG + b"trailing payload")
    assert _post(client, personas, files=[upload]).status_code == 302
    item = Complaint.objects.get().attachments.get()
    assert "KTP" not in item.file.name and ".." not in item.file.name
    assert item.original_name.endswith("KTP Bambang.png")
    assert b"trailing payload" not in item.file.open("rb").read()


def test_a_complaint_of_320000_characters_is_refused_on_its_field(client, personas) -> None:
    from sikap.lib.textlimits import LIMITS

    response = _post(client, personas, text="x" * 320_000)
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    assert [e.code for e in response.context["form"].errors.as_data()["text"]] == ["max_length"]
    page = response.content.decode()
    assert f'maxlength="{LIMITS.LONG}"' in page
    assert "Maksimal 5.000 karakter" in page
    assert _post(client, personas, text="x" * LIMITS.LONG).status_code == 302
