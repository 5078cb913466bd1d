"""One upload check for the whole project: each bad file of issue 12 is refused, good ones pass."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from sikap.lib.samplefiles import image_bytes, pdf_bytes, xlsx_bytes
from sikap.lib.uploads import SPREADSHEET_TYPES, check_upload, serve_upload


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("x/payload.html", "<script>alert(1)</script>")
    return out.getvalue()


HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _code(data: bytes, name: str, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(io.BytesIO(data), name=name, **kwargs)
    assert name in caught.value.messages[0]  # the message names the file
    return str(caught.value.code)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("pwn.html", HTML + _zip(), "bad_type"),
        ("surat.pdf.html", pdf_bytes(), "double_extension"),
        ("evil.svg", SVG, "bad_type"),
        ("surat.pdf", pdf_bytes() + _zip(), "polyglot"),
        ("foto.png", image_bytes("PNG") + _zip(), "polyglot"),
        ("laporan.xlsx", HTML + xlsx_bytes(), "bad_type"),
        ("surat.pdf", pdf_bytes() + b"<script>alert(1)</script>", "pdf_trailing_data"),
        ("surat.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "bad_pdf"),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "bad_image"),
        ("foto.jpg", pdf_bytes(), "extension_mismatch"),
        ("foto.html", image_bytes("PNG"), "extension_mismatch"),
    ],
)
def test_it_refuses_each_bad_file_naming_it(name: str, data: bytes, code: str) -> None:
    assert _code(data, name) == code


def test_it_refuses_a_zip_bomb_of_an_office_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sikap.lib.uploads.MAX_ZIP_UNPACKED", 1000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "x")
        archive.writestr("xl/workbook.xml", "0" * 100_000)
    assert _code(out.getvalue(), "bom.xlsx") == "zip_too_large"


def test_csv_must_be_text_without_markup() -> None:
    assert _code(b"<script>alert(1)</script>\n", "data.csv", allowed=SPREADSHEET_TYPES) == (
        "bad_text"
    )
    assert _code(b"a;b\x00\n", "data.csv", allowed=SPREADSHEET_TYPES) == "bad_text"
    checked = check_upload(io.BytesIO(b"NIP;NAMA\r1;A\r"), name="d.csv", allowed=SPREADSHEET_TYPES)
    assert checked.extension == "csv"


@pytest.mark.parametrize(
    ("name", "data", "ext"),
    [
        ("surat.pdf", pdf_bytes(), "pdf"),
        ("Laporan Mei 2026.final.pdf", pdf_bytes(), "pdf"),
        ("foto.png", image_bytes("PNG"), "png"),
        ("foto.JPG", image_bytes("JPEG"), "jpg"),
        ("foto.webp", image_bytes("WEBP"), "webp"),
        ("data.xlsx", xlsx_bytes(), "xlsx"),
        ("", pdf_bytes(), "pdf"),
    ],
)
def test_it_accepts_good_files(name: str, data: bytes, ext: str) -> None:
    checked = check_upload(io.BytesIO(data), name=name)
    assert checked.extension == ext
    assert checked.stored_name.endswith(f".{ext}")
    assert name.split(".")[0] not in checked.stored_name or not name


def test_images_are_re_encoded_without_metadata_or_payload() -> None:
    source = io.BytesIO()
    exif = Image.Exif()
    exif[0x010E] = "lokasi rahasia"
    Image.new("RGB", (8, 8), "blue").save(source, format="JPEG", exif=exif.tobytes())
    data = source.getvalue() + b"<script>trailer</script>"
    checked = check_upload(io.BytesIO(data), name="foto.jpg")
    assert checked.content is not None
    assert b"lokasi rahasia" not in checked.content
    assert b"<script>" not in checked.content
    assert Image.open(io.BytesIO(checked.content)).size == (8, 8)
    stored = checked.file(io.BytesIO(data)).read()
    assert stored == checked.content


def test_stored_names_are_generated() -> None:
    checked = check_upload(io.BytesIO(pdf_bytes()), name="../../etc/passwd.pdf")
    assert checked.stored_name != checked.stored_name  # a new one each time
    assert "passwd" not in checked.stored_name
    assert "/" not in checked.stored_name


def test_images_and_pdfs_open_in_the_browser_other_files_are_downloads() -> None:
    image = serve_upload(io.BytesIO(b"x"), filename="f.png", content_type="image/png")
    assert image["Content-Disposition"].startswith("inline")
    assert image["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in image["Content-Security-Policy"]
    unknown = serve_upload(io.BytesIO(b"x"), filename="f.svg", content_type="image/svg+xml")
    assert unknown["Content-Disposition"].startswith("attachment")
    assert "sandbox" in unknown["Content-Security-Policy"]
    office = serve_upload(io.BytesIO(b"PK"), filename="s.docx", content_type=DOCX)
    assert office["Content-Disposition"].startswith("attachment")


def test_a_pdf_opens_inline_with_a_policy_that_forbids_scripts_and_framing() -> None:
    document = serve_upload(
        io.BytesIO(pdf_bytes()), filename="s.pdf", content_type="application/pdf"
    )
    assert document["Content-Disposition"] == 'inline; filename="s.pdf"'
    assert document["Content-Type"] == "application/pdf"
    assert document["X-Content-Type-Options"] == "nosniff"
    policy = {
        name: value
        for name, _space, value in (
            part.partition(" ") for part in document["Content-Security-Policy"].split("; ")
        )
    }
    assert policy["default-src"] == "'none'" and policy["script-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'none'"
    # The browser's viewer embeds the file itself; a sandbox would block the viewer.
    assert policy["object-src"] == "'self'" and "sandbox" not in policy
    assert b"".join(document.streaming_content).startswith(b"%PDF-")


def test_a_stored_pdf_that_is_not_one_is_still_a_sandboxed_download() -> None:
    fake = serve_upload(io.BytesIO(HTML), filename="s.pdf", content_type="application/pdf")
    assert fake["Content-Disposition"].startswith("attachment")
    assert "sandbox" in fake["Content-Security-Policy"]
