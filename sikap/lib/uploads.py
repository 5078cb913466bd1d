"""Validation of uploaded files by their content (not their name) and size."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
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
_OOXML_MARKERS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str
    size: int


def _sniff(handle: IO[bytes]) -> str | None:
    handle.seek(0)
    head = handle.read(8192)
    handle.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in (None, "application/zip") or (mime or "").startswith("application/vnd.openxml"):
        # Office documents are zip files; look inside to tell which one.
        try:
            with zipfile.ZipFile(handle) as archive:
                names = archive.namelist()
                if "mimetype" in names:
                    mime = archive.read("mimetype").decode("ascii", "replace").strip()
                else:
                    for prefix, ooxml in _OOXML_MARKERS.items():
                        if any(n.startswith(prefix) for n in names):
                            mime = ooxml
                            break
        except zipfile.BadZipFile:
            pass
        finally:
            handle.seek(0)
    return mime


def check_upload(
    upload: IO[bytes], *, allowed: dict[str, str] | None = None, max_bytes: int | None = None,
    name: str = "",
) -> CheckedFile:  # fmt: skip
    """Check type (from the content) and size; raise ValidationError in Indonesian otherwise."""
    allowed = DOCUMENT_TYPES if allowed is None else allowed
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    label = _("The file %(name)s") % {"name": name} if name else _("The file")
    if size > limit:
        raise ValidationError(
            _("%(file)s is too large (%(size)s MB); the limit is %(limit)s MB."),
            code="too_large",
            params={
                "file": label,
                "size": f"{size / 1048576:.1f}",
                "limit": f"{limit / 1048576:.0f}",
            },
        )
    if size == 0:
        raise ValidationError(_("%(file)s is empty."), code="empty", params={"file": label})
    mime = _sniff(upload)
    if mime not in allowed:
        kinds = ", ".join(sorted({ext.upper() for ext in allowed.values()}))
        raise ValidationError(
            _("%(file)s is not of an accepted type (its content is not recognised as %(kinds)s)."),
            code="bad_type",
            params={"file": label, "kinds": kinds},
        )
    return CheckedFile(content_type=mime, extension=allowed[mime], size=size)
