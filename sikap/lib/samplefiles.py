"""Small valid files of each accepted kind, for tests and the demo data (they pass check_upload)."""

from __future__ import annotations

import io


def pdf_bytes() -> bytes:
    """A valid one-page PDF."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str = "PNG") -> bytes:
    """A valid 4 x 4 image in that Pillow format (PNG, JPEG, WEBP)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    """A valid workbook with one cell."""
    from sikap.lib.xlsx import add_sheet, new_workbook

    book = new_workbook()
    add_sheet(book, "Data", ["NIP"], [])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
