"""Records shaped like the SIASN web-service payloads (domain.md §7.2-§7.3), ready to upload.

SIKAP does not call BKN; HR exports these files. ``pnsDinilaiId``/``pnsDinilaiOrang`` need the
SIASN PNS id, which SIKAP does not hold: the export leaves it empty and adds ``nipDinilai`` so
the BKPSDM can look it up.
"""

from __future__ import annotations

import re
from typing import Any

from sikap.evaluation import rules
from sikap.evaluation.models import Evaluation
from sikap.org.models import JenisJabatan
from sikap.org.rules import GOLONGAN_PNS_BY_CODE

PERIODIC_FIELDS = (
    "nipDinilai",
    "namaDinilai",
    "bulanMulaiPenilaian",
    "bulanSelesaiPenilaian",
    "tahunMulaiPenilaian",
    "tahunSelesaiPenilaian",
    "tahun",
    "periodikId",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "koefisienId",
    "penilaiNipNrp",
    "penilaiNama",
    "penilaiJabatanNama",
    "penilaiUnorNama",
    "penilaiGolongan",
    "pnsDinilaiId",
    "statusPenilai",
)
ANNUAL_FIELDS = (
    "nipDinilai",
    "namaDinilai",
    "tahun",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "penilaiNipNrp",
    "penilaiNama",
    "penilaiJabatan",
    "penilaiUnorNama",
    "penilaiGolongan",
    "pnsDinilaiOrang",
    "statusPenilai",
    "id",
    "path",
)


def _golongan_id(code: str) -> str:
    """The ``golonganPns`` reference id as SIASN's payloads carry it: a string ("" if unknown)."""
    golongan = GOLONGAN_PNS_BY_CODE.get(code)
    return str(golongan.siasn_id) if golongan else ""


def _nip(value: str) -> str:
    """A NIP or NRP as SIASN stores it: digits only, whatever spacing it was written with."""
    return re.sub(r"\D", "", value)


def _penilai(evaluation: Evaluation) -> dict[str, Any]:
    penilai = evaluation.penilai
    is_asn = penilai is not None and penilai.jenis_asn != "NON_ASN"
    return {
        "penilaiNipNrp": _nip(evaluation.penilai_nip),
        "penilaiNama": evaluation.penilai_name,
        "penilaiUnorNama": evaluation.penilai_unit,
        "penilaiGolongan": _golongan_id(evaluation.penilai_golongan),
        "statusPenilai": "ASN" if is_asn else "NON ASN",
    }


def _ratings(evaluation: Evaluation) -> dict[str, Any]:
    result = rules.Rating(evaluation.result_rating)
    behaviour = rules.Rating(evaluation.behaviour_rating)
    return {
        "hasilKinerjaNilai": result.siasn_id,
        "perilakuKerjaNilai": behaviour.siasn_id,
        "kuadranKinerjaNilai": rules.EmployeePredicate(evaluation.predicate).siasn_id,
    }


def _koefisien_id(evaluation: Evaluation) -> int | None:
    position = evaluation.employee.position
    if position is None or position.jenis != JenisJabatan.FUNGSIONAL or not position.jenjang:
        return None
    jenjang = rules.KOEFISIEN.get(position.jenjang)
    return jenjang.siasn_koefisien_id if jenjang else None


def periodic_record(evaluation: Evaluation) -> dict[str, Any]:
    """One ``kinerjaperiodik/save`` record."""
    period = evaluation.period
    return {
        "nipDinilai": _nip(evaluation.employee.nip),
        "namaDinilai": evaluation.employee.display_name,
        "bulanMulaiPenilaian": period.start_date.month,
        "bulanSelesaiPenilaian": period.end_date.month,
        "tahunMulaiPenilaian": period.start_date.year,
        "tahunSelesaiPenilaian": period.end_date.year,
        "tahun": period.appraisal_year.year,
        "periodikId": period.siasn_periodik_id,
        **_ratings(evaluation),
        "koefisienId": _koefisien_id(evaluation),
        **_penilai(evaluation),
        "penilaiJabatanNama": evaluation.penilai_position,
        "pnsDinilaiId": "",
    }


def annual_record(evaluation: Evaluation) -> dict[str, Any]:
    """One ``skp22/save`` record from the evaluation of the final period."""
    return {
        "nipDinilai": _nip(evaluation.employee.nip),
        "namaDinilai": evaluation.employee.display_name,
        "tahun": evaluation.period.appraisal_year.year,
        **_ratings(evaluation),
        **_penilai(evaluation),
        "penilaiJabatan": evaluation.penilai_position,
        "pnsDinilaiOrang": "",
        "id": "",
        "path": [],
    }
