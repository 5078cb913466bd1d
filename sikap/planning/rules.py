"""Pure rules of the SKP (PermenPAN-RB 6/2022 §1.4-§1.5, §1.11): values, forms, transitions.

No Django models and no database here; the texts are the official wording (domain.md).
"""

from __future__ import annotations

from dataclasses import dataclass

# §1.5: the 7 BerAKHLAK core values with their exact indicators (SE MenPAN-RB 20/2021).
BERAKHLAK: tuple[tuple[str, str, tuple[str, str, str]], ...] = (
    (
        "pelayanan",
        "Berorientasi Pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    (
        "akuntabel",
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    (
        "kompeten",
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    (
        "harmonis",
        "Harmonis",
        (
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    (
        "loyal",
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun "
            "1945, setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    (
        "adaptif",
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    (
        "kolaboratif",
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
        ),
    ),
)
BEHAVIOUR_KEYS: tuple[str, ...] = tuple(key for key, _, _ in BERAKHLAK)
BEHAVIOUR_NAMES: dict[str, str] = {key: name for key, name, _ in BERAKHLAK}
BEHAVIOUR_INDICATORS: dict[str, tuple[str, str, str]] = {key: ind for key, _, ind in BERAKHLAK}

# §1.11 Format B.1.8 "Umpan Balik Pelaksanaan Bimbingan Kinerja": the 9 statements (scale 1-5).
COACHING_STATEMENTS: tuple[str, ...] = (
    "Saya merasa diperhatikan dan dipahami",
    "Saya merasa tindakan/langkah yang saya lakukan dihargai",
    "Saya merasa bebas mengemukakan pendapat",
    "Pandangan yang diberikan berdasarkan data/fakta yang akurat",
    "Pandangan yang diberikan bersifat positif",
    "Pemberi bimbingan lebih banyak bertanya dibanding menggurui",
    "Saya dibantu mencari solusi dan aksi tindak lanjut",
    "Saya tahu apa yang harus dilakukan",
    "Saya memahami maksud dan tujuan (bimbingan kinerja)",
)
SCALE_MIN, SCALE_MAX = 1, 5

# §1.4.3 and §1.4.6 footnotes (exact wording).
FOOTNOTE_INTERVENSI = (
    "Dalam hal rencana hasil kerja Pimpinan yang diintervensi adalah hasil kerja pejabat "
    "pimpinan tinggi dan Pimpinan unit kerja mandiri/organisasi maka dituliskan rencana hasil "
    "kerja beserta indikator kinerja individu atau sasaran dan indikator kinerja organisasi "
    "yang diintervensi"
)
FOOTNOTE_EKSPEKTASI = (
    "Pimpinan dapat memberikan Ekspektasi khusus terhadap satu atau lebih aspek perilaku kerja "
    "Pegawai"
)
QUALITATIVE_LABEL = "Ukuran keberhasilan / Indikator Kinerja Individu, dan Target:"


def form_title_lines(*, form_kind: str, approach: str) -> tuple[str, str, str]:
    """The three title lines of the SKP form (§1.4.1), upper case as printed."""
    pendekatan = "KUALITATIF" if approach == "kualitatif" else "KUANTITATIF"
    bagi = (
        "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"
        if form_kind == "JPT"
        else "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"
    )
    return ("SASARAN KINERJA PEGAWAI", f"PENDEKATAN HASIL KERJA {pendekatan}", bagi)


# Workflow: which status may follow which (backed by the services and a DB check).
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"submitted"}),
    "submitted": frozenset({"returned", "approved"}),
    "returned": frozenset({"submitted"}),
    "approved": frozenset(),
}
EDITABLE_STATUSES = frozenset({"draft", "returned"})


def can_transition(current: str, target: str) -> bool:
    """Whether an SKP in ``current`` status may move to ``target``."""
    return target in TRANSITIONS.get(current, frozenset())


def is_editable(status: str) -> bool:
    """Drafts and returned SKP may be edited; submitted and approved ones are locked."""
    return status in EDITABLE_STATUSES


def action_plans_editable(*, plan_status: str, has_action_plans: bool, in_dialogue: bool) -> bool:
    """Rencana aksi of a quarter change while the SKP is a draft or returned, or in its dialogue.

    §8.2: the Tahunan Final has none. Once the SKP is approved, the employee and the pejabat
    penilai agree a quarter's rencana aksi in that quarter's dialogue: until its batas
    pengisian (or HR's reopening), as long as nothing of it is signed.
    """
    if not has_action_plans:
        return False
    if plan_status in EDITABLE_STATUSES:
        return True
    return plan_status == "approved" and in_dialogue


@dataclass(frozen=True)
class CoachingSummary:
    average: float
    answered: int


def coaching_summary(answers: list[int]) -> CoachingSummary:
    """The mean of the B.1.8 answers (for display only)."""
    valid = [a for a in answers if SCALE_MIN <= a <= SCALE_MAX]
    if not valid:
        return CoachingSummary(0.0, 0)
    return CoachingSummary(round(sum(valid) / len(valid), 2), len(valid))


def valid_scale(value: int) -> bool:
    """A value on the 1-5 scale of Formats B.1.8 and B.1.9."""
    return SCALE_MIN <= value <= SCALE_MAX
