"""Remove personal data from citizens' free text (survey saran, complaint text) before staff read it.

Pure: plain strings in, plain strings out; no database, no request. Every match becomes
``MASK`` (a symbol, so it needs no translation). What is masked, in this order:

1. e-mail addresses (``name@host.tld``);
2. NIK and any other run of 16 digits, spaces, dots or dashes allowed between groups;
3. Indonesian phone numbers: ``+62``, ``62`` or ``0`` then ``8`` and 7 to 12 more digits,
   spaces, dots or dashes allowed between groups (``0812-3456-7890``, ``+62 812 3456 7890``);
4. any other run of 10 or more digits (account numbers, KK numbers);
5. the name after a naming phrase: ``nama``, ``nama saya``, ``nama lengkap``, ``atas nama``,
   ``a.n.`` (optionally followed by ``:`` or ``adalah``): the next one to three words,
   whatever their case;
6. the name after ``saya``, ``pak``, ``bapak``, ``bu``, ``ibu``, ``sdr``, ``sdri``: the next one
   to three words that start with a capital letter (``saya sangat puas`` is left alone).

Kept: the rest of the text, its punctuation, numbers shorter than 10 digits (a queue number,
an RT/RW, a time).
"""

from __future__ import annotations

import re

MASK = "•••"

_SEP = r"[ .\-]?"
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
_NIK = re.compile(r"(?<!\d)\d(?:" + _SEP + r"\d){15}(?!\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)" + _SEP + r"8(?:" + _SEP + r"\d){7,12}(?!\d)")
_LONG_NUMBER = re.compile(r"(?<!\d)\d{10,}(?!\d)")
_WORD = r"[^\W\d_][\w'’.\-]*"
_CAP_WORD = r"[A-Z][\w'’.\-]*"
_NAMING = re.compile(
    r"(?P<lead>(?:\b(?:nama(?:\s+(?:saya|lengkap))?|atas\s+nama)(?:\s*:\s*|\s+adalah\s+|\s+)"
    r"|\ba\.\s?n\.\s*))"
    r"(?!(?:saya|lengkap|adalah)\b)(?P<name>" + _WORD + r"(?:\s+" + _WORD + r"){0,2})",
    re.IGNORECASE | re.UNICODE,
)
_ADDRESSED = re.compile(
    r"(?P<lead>\b(?:[Ss]aya|[Pp]ak|[Bb]apak|[Bb]u|[Ii]bu|[Ss]dri?\.?)\s+)"
    r"(?P<name>" + _CAP_WORD + r"(?:\s+" + _CAP_WORD + r"){0,2})",
    re.UNICODE,
)


def _keep_lead(match: re.Match[str]) -> str:
    return match.group("lead") + MASK


def mask_personal_data(text: str) -> str:
    """The text with e-mails, NIK, phone numbers, long numbers and names replaced by ``MASK``."""
    if not text:
        return text
    text = _EMAIL.sub(MASK, text)
    text = _NIK.sub(MASK, text)
    text = _PHONE.sub(MASK, text)
    text = _LONG_NUMBER.sub(MASK, text)
    text = _NAMING.sub(_keep_lead, text)
    return _ADDRESSED.sub(_keep_lead, text)
