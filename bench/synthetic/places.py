"""The real structure of Kota Palembang: 18 kecamatan and their 107 kelurahan.

Kecamatan codes are the BPS codes (Plaju 1671031 and Seberang Ulu II 1671030 as in the demo).
The split of Seberang Ulu I/Jakabaring and Ilir Timur II/Ilir Timur III follows the 2021 Perda as
reported in the press (UNCONFIRMED in detail); kelurahan codes are the kecamatan code + a
sequence number, except Plaju's, which are the demo's.
"""

from __future__ import annotations

PALEMBANG: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "1671010",
        "Ilir Barat II",
        ("27 Ilir", "28 Ilir", "29 Ilir", "30 Ilir", "32 Ilir", "35 Ilir", "Kemang Manis"),
    ),
    ("1671011", "Gandus", ("Gandus", "Karang Anyar", "Karang Jaya", "Pulokerto", "36 Ilir")),
    ("1671020", "Seberang Ulu I", ("1 Ulu", "2 Ulu", "3-4 Ulu", "5 Ulu", "7 Ulu")),
    (
        "1671021",
        "Kertapati",
        ("Karya Jaya", "Kemang Agung", "Kemas Rindo", "Keramasan", "Kertapati", "Ogan Baru"),
    ),
    ("1671022", "Jakabaring", ("8 Ulu", "9/10 Ulu", "15 Ulu", "Silaberanti", "Tuan Kentang")),
    (
        "1671030",
        "Seberang Ulu II",
        ("11 Ulu", "12 Ulu", "13 Ulu", "14 Ulu", "16 Ulu", "Sentosa", "Tangga Takat"),
    ),
    (
        "1671031",
        "Plaju",
        (
            "Plaju Darat",
            "Talang Putri",
            "Komperta",
            "Plaju Ilir",
            "Talang Bubuk",
            "Plaju Ulu",
            "Bagus Kuning",
        ),
    ),
    (
        "1671040",
        "Ilir Barat I",
        (
            "Bukit Baru",
            "Bukit Lama",
            "Demang Lebar Daun",
            "Lorok Pakjo",
            "Siring Agung",
            "26 Ilir D-I",
        ),
    ),
    (
        "1671041",
        "Bukit Kecil",
        ("19 Ilir", "22 Ilir", "23 Ilir", "24 Ilir", "26 Ilir", "Talang Semut"),
    ),
    (
        "1671050",
        "Ilir Timur I",
        (
            "13 Ilir",
            "14 Ilir",
            "15 Ilir",
            "16 Ilir",
            "17 Ilir",
            "18 Ilir",
            "20 Ilir I",
            "20 Ilir III",
            "20 Ilir IV",
            "Kepandean Baru",
            "Sungai Pangeran",
        ),
    ),
    (
        "1671051",
        "Kemuning",
        ("20 Ilir II", "Ario Kemuning", "Pahlawan", "Pipa Reja", "Sekip Jaya", "Talang Aman"),
    ),
    ("1671060", "Ilir Timur II", ("1 Ilir", "8 Ilir", "9 Ilir", "10 Ilir", "11 Ilir", "Kuto Batu")),
    (
        "1671061",
        "Kalidoni",
        ("Bukit Sangkal", "Kalidoni", "Sei Lais", "Sei Selayur", "Sungai Selincah"),
    ),
    (
        "1671062",
        "Ilir Timur III",
        ("2 Ilir", "3 Ilir", "5 Ilir", "Duku", "Lawang Kidul", "Sungai Buah"),
    ),
    ("1671070", "Sako", ("Sako", "Sako Baru", "Sialang", "Sukamaju")),
    ("1671071", "Sematang Borang", ("Karya Mulya", "Lebung Gajah", "Srimulya", "Suka Mulya")),
    (
        "1671080",
        "Sukarami",
        (
            "Kebun Bunga",
            "Sukabangun",
            "Sukajaya",
            "Sukarami",
            "Sukodadi",
            "Talang Betutu",
            "Talang Jambe",
        ),
    ),
    (
        "1671081",
        "Alang-Alang Lebar",
        ("Alang-Alang Lebar", "Karya Baru", "Srijaya", "Talang Kelapa"),
    ),
)

# The city's other perangkat daerah, kept coarse: a head, a secretary and bidang with seksi.
OPD: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        (
            "Bidang Mutasi dan Promosi",
            "Bidang Pengembangan Kompetensi",
            "Bidang Penilaian Kinerja Aparatur",
        ),
    ),
    (
        "Dinas Kependudukan dan Pencatatan Sipil",
        (
            "Bidang Pelayanan Pendaftaran Penduduk",
            "Bidang Pelayanan Pencatatan Sipil",
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
        ),
    ),
    (
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        ("Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Penataan Ruang"),
    ),
    (
        "Dinas Lingkungan Hidup dan Kebersihan",
        ("Bidang Kebersihan", "Bidang Pengendalian Pencemaran", "Bidang Pertamanan"),
    ),
    (
        "Dinas Sosial",
        (
            "Bidang Perlindungan dan Jaminan Sosial",
            "Bidang Rehabilitasi Sosial",
            "Bidang Pemberdayaan Sosial",
        ),
    ),
    (
        "Badan Pengelola Keuangan dan Aset Daerah",
        ("Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Aset"),
    ),
    (
        "Satuan Polisi Pamong Praja",
        ("Bidang Penegakan Perda", "Bidang Ketertiban Umum", "Bidang Perlindungan Masyarakat"),
    ),
    (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        (
            "Bidang Pelayanan Perizinan",
            "Bidang Pengaduan dan Informasi",
            "Bidang Promosi Penanaman Modal",
        ),
    ),
)

# Further kabupaten/kota of Sumatera Selatan for the province scale (their kecamatan are numbered).
PROVINCE_REGIONS: tuple[tuple[str, str], ...] = (
    ("1601", "Kabupaten Ogan Komering Ulu"),
    ("1602", "Kabupaten Ogan Komering Ilir"),
    ("1603", "Kabupaten Muara Enim"),
    ("1604", "Kabupaten Lahat"),
    ("1606", "Kabupaten Musi Banyuasin"),
    ("1607", "Kabupaten Banyuasin"),
    ("1610", "Kabupaten Ogan Ilir"),
    ("1672", "Kota Prabumulih"),
    ("1673", "Kota Pagar Alam"),
)

KECAMATAN_SEKSI = (
    "Seksi Pemerintahan",
    "Seksi Ketenteraman dan Ketertiban Umum",
    "Seksi Pemberdayaan Masyarakat dan Kelurahan",
    "Seksi Kesejahteraan Sosial",
    "Seksi Pelayanan Umum",
)
SUBBAGIAN = ("Subbagian Umum dan Kepegawaian", "Subbagian Perencanaan dan Keuangan")
KELURAHAN_SEKSI = (
    "Seksi Pemerintahan",
    "Seksi Ketenteraman dan Ketertiban Umum",
    "Seksi Pemberdayaan Masyarakat",
    "Seksi Kesejahteraan Sosial",
)

# Staff positions of a leaf unit, by a keyword of the unit's name: (name, jenis, jenjang).
STAFF_BY_KEYWORD: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "Pemerintahan",
        (
            ("Pengadministrasi Pemerintahan", "PELAKSANA", ""),
            ("Pengolah Data Kependudukan", "PELAKSANA", ""),
            ("Analis Kebijakan", "FUNGSIONAL", "PT"),
        ),
    ),
    (
        "Ketenteraman",
        (
            ("Pengelola Ketenteraman dan Ketertiban", "PELAKSANA", ""),
            ("Pengadministrasi Umum", "PELAKSANA", ""),
            ("Pengemudi", "PELAKSANA", ""),
        ),
    ),
    (
        "Pemberdayaan",
        (
            ("Pengelola Pemberdayaan Masyarakat", "PELAKSANA", ""),
            ("Pengadministrasi Umum", "PELAKSANA", ""),
            ("Pranata Komputer", "FUNGSIONAL", "PT"),
        ),
    ),
    (
        "Kesejahteraan",
        (
            ("Pengelola Data Kesejahteraan Sosial", "PELAKSANA", ""),
            ("Petugas Pelayanan", "PELAKSANA", ""),
            ("Penyuluh Sosial", "FUNGSIONAL", "PT"),
        ),
    ),
    (
        "Pelayanan",
        (
            ("Pengelola Layanan Administrasi", "PELAKSANA", ""),
            ("Petugas Pelayanan Terpadu", "PELAKSANA", ""),
            ("Pengadministrasi Umum", "PELAKSANA", ""),
        ),
    ),
    (
        "Kepegawaian",
        (
            ("Pengelola Layanan Kepegawaian", "PELAKSANA", ""),
            ("Pengadministrasi Umum", "PELAKSANA", ""),
            ("Arsiparis", "FUNGSIONAL", "TR"),
        ),
    ),
    (
        "Keuangan",
        (
            ("Pengadministrasi Keuangan", "PELAKSANA", ""),
            ("Penyusun Program Anggaran dan Pelaporan", "PELAKSANA", ""),
            ("Bendahara", "PELAKSANA", ""),
        ),
    ),
    (
        "",
        (
            ("Pengadministrasi Umum", "PELAKSANA", ""),
            ("Pengolah Data", "PELAKSANA", ""),
            ("Analis Kebijakan", "FUNGSIONAL", "PT"),
        ),
    ),
)


def staff_positions(unit_name: str) -> tuple[tuple[str, str, str], ...]:
    """The staff jabatan of a leaf unit (seksi, subbagian or sekretariat kelurahan)."""
    return next(staff for key, staff in STAFF_BY_KEYWORD if key in unit_name)
