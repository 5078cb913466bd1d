"""The one upload check of SIKAP: a file is accepted only when its whole content is what it claims.

Every upload field of the project (bukti dukung, complaint attachments, certificates, the
employee and paper-survey imports) goes through :func:`check_upload`, and every stored file is
served through :func:`serve_upload`:

* the name: no double extension (``surat.pdf.html``), no active extension (HTML, SVG, scripts),
  and the extension, when there is one, must fit the content;
* the content, whole, by type: a PDF is parsed strictly and nothing but whitespace may follow
  its last ``%%EOF``; an image is decoded with Pillow and **re-encoded** (what is stored is the
  new image: EXIF, comments and anything appended are gone); Office/ODF files are ZIP archives
  that must start at byte 0, with bounded entries and unpacked size; CSV must be text;
* no polyglot: a file that is not a ZIP archive but carries one (PDF+ZIP, PNG+ZIP, HTML+ZIP)
  is refused;
* stored under a generated name (:attr:`CheckedFile.stored_name`); the original name is kept on
  the model for display only;
* served as a download (``Content-Disposition: attachment``, ``nosniff``, a sandboxing CSP)
  except re-encoded images and strictly parsed PDFs, which open in the browser (a PDF with a
  policy that forbids scripts, fetches and framing: :data:`PDF_POLICY`).
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.http import FileResponse
from django.utils.translation import gettext as _

# Kinds of evidence people attach: documents and photos.
DOCUMENT_TYPES: dict[str, str] = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
SPREADSHEET_TYPES: dict[str, str] = {CSV_MIME: "csv", XLSX_MIME: "xlsx"}

# Extensions a name may end with for each kind of content.
_EXTENSIONS: dict[str, frozenset[str]] = {
    "application/pdf": frozenset({"pdf"}),
    "image/jpeg": frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    "image/png": frozenset({"png"}),
    "image/webp": frozenset({"webp"}),
    CSV_MIME: frozenset({"csv", "txt"}),
}
# A second-to-last segment that is one of these makes a double extension (``surat.pdf.html``).
_KNOWN_EXTENSIONS = frozenset(
    {
        "pdf",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "bmp",
        "svg",
        "svgz",
        "html",
        "htm",
        "xhtml",
        "shtml",
        "xml",
        "js",
        "mjs",
        "php",
        "phtml",
        "asp",
        "aspx",
        "jsp",
        "exe",
        "bat",
        "cmd",
        "com",
        "scr",
        "msi",
        "sh",
        "ps1",
        "vbs",
        "jar",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "csv",
        "txt",
        "zip",
        "rar",
        "7z",
        "gz",
        "tar",
    }
)
_ZIP_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        XLSX_MIME,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
    }
)
_OOXML_MARKERS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": XLSX_MIME,
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# Bounds for archives (Office files) and images: far above any real document, far below a bomb.
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_UNPACKED = 200 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000
_ACTIVE_MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|script|svg|iframe|object|embed)\b", re.I)


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str
    size: int
    # The bytes to store instead of the upload (a re-encoded image), or None to store it as sent.
    content: bytes | None = None

    @property
    def stored_name(self) -> str:
        """A generated file name: nothing the sender chose reaches the file system."""
        return f"{uuid.uuid4().hex}.{self.extension}"

    def file(self, upload: IO[bytes]) -> File[Any]:
        """What to hand to ``FieldFile.save``: the re-encoded image or the checked upload."""
        if self.content is not None:
            return ContentFile(self.content)
        upload.seek(0)
        return File(upload)


def _refuse(message: str, code: str, label: str, **params: Any) -> ValidationError:
    return ValidationError(message, code=code, params={"file": label, **params})


def _size_of(upload: IO[bytes]) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    return int(size)


def _check_name(name: str, label: str) -> str:
    """The name's extension (lower case, may be empty); refuse double or active extensions."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().strip(".")
    parts = [p.lower().strip() for p in base.split(".")]
    if len(parts) < 2:
        return ""
    if len(parts) > 2 and parts[-2] in _KNOWN_EXTENSIONS:
        raise _refuse(
            _("%(file)s has a double extension (.%(ext)s); rename it to one extension."),
            "double_extension",
            label,
            ext=".".join(parts[-2:]),
        )
    return parts[-1]


def _read_all(upload: IO[bytes]) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _zip_mime(data: bytes) -> str | None:
    """The Office/ODF type of a ZIP archive that starts at byte 0, or None."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return archive.read("mimetype")[:100].decode("ascii", "replace").strip()
            for prefix, ooxml in _OOXML_MARKERS.items():
                if any(n.startswith(prefix) for n in names):
                    return ooxml
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    return "application/zip"


def _sniff(data: bytes, extension: str) -> str | None:
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else None
    if mime in (None, "application/zip") or (mime or "").startswith("application/vnd."):
        zipped = _zip_mime(data)
        if zipped is not None:
            return zipped
    if mime is None and extension in _EXTENSIONS[CSV_MIME]:
        return CSV_MIME
    return mime


def _carries_zip(data: bytes) -> bool:
    """Whether a file that is not an archive has a ZIP archive inside or appended to it."""
    if b"PK\x05\x06" not in data[-(65536 + 22) :] and b"PK\x03\x04" not in data:
        return False
    try:
        return zipfile.is_zipfile(io.BytesIO(data))
    except (OSError, ValueError):  # pragma: no cover - is_zipfile catches its own errors
        return False


def _check_pdf(data: bytes, label: str) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    bad = _refuse(
        _("%(file)s is not a valid PDF (its structure cannot be read)."), "bad_pdf", label
    )
    if not data.startswith(b"%PDF-"):
        raise bad
    end = data.rfind(b"%%EOF")
    if end < 0 or data[end + 5 :].strip(b" \t\r\n\x00\x0c"):
        raise _refuse(
            _("%(file)s has data after the end of the PDF; save it again as a plain PDF."),
            "pdf_trailing_data",
            label,
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if len(reader.pages) < 1:
            raise bad
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        RecursionError,
        IndexError,
        AssertionError,
    ) as error:
        raise bad from error


def _reencode_image(data: bytes, mime: str, label: str) -> bytes:
    from PIL import Image, ImageOps

    bad = _refuse(_("%(file)s is not a valid image (it cannot be decoded)."), "bad_image", label)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise _refuse(
                    _("%(file)s is an image too large to process (%(pixels)s megapixels)."),
                    "image_too_large",
                    label,
                    pixels=f"{probe.width * probe.height / 1e6:.0f}",
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image: Image.Image = ImageOps.exif_transpose(opened) or opened
            fmt = _IMAGE_FORMATS[mime]
            if fmt == "JPEG" and image.mode not in ("L", "RGB", "CMYK"):
                image = image.convert("RGB")
            out = io.BytesIO()
            # Only pixels are written: no EXIF (location), no comments, nothing appended.
            options: dict[str, Any] = {"quality": 90} if fmt in ("JPEG", "WEBP") else {}
            image.save(out, format=fmt, **options)
            return out.getvalue()
    except ValidationError:
        raise
    except (
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        EOFError,
        KeyError,
        TypeError,
        IndexError,
    ) as error:
        raise bad from error


def _check_zip(data: bytes, label: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if archive.start_dir + 22 > len(data):  # pragma: no cover - BadZipFile before this
                raise zipfile.BadZipFile
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise _refuse(_("%(file)s is a damaged document."), "bad_zip", label) from error
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > MAX_ZIP_ENTRIES or unpacked > MAX_ZIP_UNPACKED:
        raise _refuse(
            _("%(file)s unpacks to too much data (%(entries)s parts, %(size)s MB)."),
            "zip_too_large",
            label,
            entries=len(infos),
            size=f"{unpacked / 1048576:.0f}",
        )


def _check_text(data: bytes, label: str) -> None:
    bad = _refuse(_("%(file)s is not a CSV text file."), "bad_text", label)
    if b"\x00" in data or _ACTIVE_MARKUP.search(data[:65536]):
        raise bad
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            data.decode(encoding)
            return
        except UnicodeDecodeError:
            continue
    raise bad  # pragma: no cover - cp1252 decodes all but five bytes


def looks_active(data: bytes) -> bool:
    """Whether text carries markup a browser would run, or any file hides a ZIP archive."""
    return bool(_ACTIVE_MARKUP.search(data[:65536])) or _carries_zip(data)


def check_upload(
    upload: IO[bytes],
    *,
    allowed: dict[str, str] | None = None,
    max_bytes: int | None = None,
    name: str = "",
) -> CheckedFile:
    """Check the name, the size and the whole content; raise ValidationError naming the file."""
    allowed = DOCUMENT_TYPES if allowed is None else allowed
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    name = name or getattr(upload, "name", "") or ""
    size = _size_of(upload)
    label = _("The file %(name)s") % {"name": name} if name else _("The file")
    extension = _check_name(name, label)
    if size > limit:
        raise _refuse(
            _("%(file)s is too large (%(size)s MB); the limit is %(limit)s MB."),
            "too_large",
            label,
            size=f"{size / 1048576:.1f}",
            limit=f"{limit / 1048576:.0f}",
        )
    if size == 0:
        raise _refuse(_("%(file)s is empty."), "empty", label)
    data = _read_all(upload)
    mime = _sniff(data, extension)
    if mime not in allowed:
        kinds = ", ".join(sorted({ext.upper() for ext in allowed.values()}))
        raise _refuse(
            _("%(file)s is not of an accepted type (its content is not recognised as %(kinds)s)."),
            "bad_type",
            label,
            kinds=kinds,
        )
    fits = _EXTENSIONS.get(mime, frozenset({allowed[mime]}))
    if extension and extension not in fits:
        raise _refuse(
            _("%(file)s is named .%(ext)s but its content is %(kind)s."),
            "extension_mismatch",
            label,
            ext=extension,
            kind=allowed[mime].upper(),
        )
    if mime not in _ZIP_TYPES and _carries_zip(data):
        raise _refuse(
            _("%(file)s carries a hidden archive; save it again as a plain file."),
            "polyglot",
            label,
        )
    content: bytes | None = None
    if mime == "application/pdf":
        _check_pdf(data, label)
    elif mime in _IMAGE_FORMATS:
        content = _reencode_image(data, mime, label)
    elif mime in _ZIP_TYPES:
        _check_zip(data, label)
    elif mime == CSV_MIME:
        _check_text(data, label)
    return CheckedFile(
        content_type=mime,
        extension=allowed[mime],
        size=len(content) if content is not None else size,
        content=content,
    )


# A PDF is shown by the browser's own viewer, which a ``sandbox`` policy blocks outright in
# Chromium (no token re-enables it) and which needs the embed of the file itself (object-src)
# and inline styles of the page the browser builds around it. Scripts stay forbidden, nothing
# may be fetched or submitted, and no other site may frame it (docs/architecture.md).
PDF_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'none'",
        "object-src 'self'",
        "style-src 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)
# Even if a browser rendered any other file, it may run nothing and reach nothing.
SANDBOX_POLICY = "default-src 'none'; sandbox"


def _is_pdf(handle: IO[bytes]) -> bool:
    """Whether the stored bytes start as a PDF (the upload check parsed it strictly)."""
    start = handle.read(5)
    handle.seek(0)
    return start == b"%PDF-"


def serve_upload(handle: IO[bytes], *, filename: str, content_type: str) -> FileResponse:
    """A stored upload as a response: re-encoded images and checked PDFs open in the browser,
    everything else is a download."""
    pdf = content_type == "application/pdf" and _is_pdf(handle)
    inline = pdf or content_type in _IMAGE_FORMATS
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=filename,
        content_type=content_type if content_type else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Content-Security-Policy"] = PDF_POLICY if pdf else SANDBOX_POLICY
    return response
