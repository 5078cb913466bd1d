import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.lib.masking import MASK, mask_personal_data

M = MASK


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("Pelayanan cepat, terima kasih.", "Pelayanan cepat, terima kasih."),
        # e-mail
        ("hubungi budi.santoso+1@mail.co.id ya", f"hubungi {M} ya"),
        # NIK, 16 digits, plain and grouped
        ("NIK 1671012345678901 salah", f"NIK {M} salah"),
        ("NIK 1671 0123 4567 8901.", f"NIK {M}."),
        ("1671.0123.4567.8901", M),
        # 15 and 17 digits are not a NIK, but still long numbers
        ("167101234567890", M),
        ("16710123456789012", M),
        # phones
        ("WA 081234567890", f"WA {M}"),
        ("telp 0812-3456-7890!", f"telp {M}!"),
        ("hp +62 812 3456 7890", f"hp {M}"),
        ("6281234567", M),
        ("08123456", "08123456"),  # too short for a phone number
        # numbers that stay
        ("antrian 123, RT 03 RW 05, jam 09.30", "antrian 123, RT 03 RW 05, jam 09.30"),
        ("nomor 123456789", "nomor 123456789"),
        ("rekening 1234567890", f"rekening {M}"),
        # naming phrases: the next one to three words, any case
        ("nama saya budi santoso, mohon dibantu", f"nama saya {M}, mohon dibantu"),
        ("Nama: Siti Aminah Putri Lestari", f"Nama: {M} Lestari"),
        ("Nama lengkap adalah Rudi", f"Nama lengkap adalah {M}"),
        ("surat atas nama Ahmad", f"surat atas nama {M}"),
        ("a.n. Dewi", f"a.n. {M}"),
        ("a.n.Dewi", f"a.n.{M}"),
        ("namanya tidak dipanggil", "namanya tidak dipanggil"),
        # addressed people: capitalised words only
        ("saya Budi Santoso dari RT 3", f"saya {M} dari RT 3"),
        ("saya sangat puas", "saya sangat puas"),
        ("Pak Joko ramah sekali", f"Pak {M} ramah sekali"),
        ("terima kasih Ibu Rina", f"terima kasih Ibu {M}"),
        ("bapak petugas ramah", "bapak petugas ramah"),
        # several kinds in one text
        (
            "Saya Andi, NIK 1671012345678901, hp 081234567890, andi@x.id",
            f"Saya {M}, NIK {M}, hp {M}, {M}",
        ),
    ],
)
def test_it_masks_personal_data(text: str, expected: str) -> None:
    assert mask_personal_data(text) == expected


def test_it_is_idempotent() -> None:
    text = "nama saya Budi, WA 081234567890, budi@mail.id"
    once = mask_personal_data(text)
    assert mask_personal_data(once) == once


def test_no_digit_run_of_ten_or_more_survives() -> None:
    masked = mask_personal_data("a 1234567890123 b 0812 3456 7890 c 1671-0123-4567-8901")
    assert not re.search(r"\d{4}", masked)


_DIGITS_OR_TEXT = st.text(alphabet="0123456789 .-abc@xyz", max_size=80)


@given(_DIGITS_OR_TEXT)
def test_no_sixteen_digit_run_survives_any_text(text: str) -> None:
    masked = mask_personal_data(text)
    assert not re.search(r"\d{10}", masked)
    assert mask_personal_data(masked) == masked


@given(st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(id|com)", fullmatch=True))
def test_every_plain_email_is_masked(email: str) -> None:
    assert mask_personal_data(f"kirim ke {email} ya") == f"kirim ke {MASK} ya"
