from sikap.planning import rules


def test_berakhlak_has_seven_values_with_three_indicators_each():
    assert [name for _, name, _ in rules.BERAKHLAK] == [
        "Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif",
        "Kolaboratif",
    ]  # fmt: skip
    assert all(len(indicators) == 3 for _, _, indicators in rules.BERAKHLAK)
    assert rules.BEHAVIOUR_INDICATORS["akuntabel"][1] == (
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien"
    )


def test_coaching_form_has_nine_statements():
    assert len(rules.COACHING_STATEMENTS) == 9


def test_form_titles():
    assert rules.form_title_lines(form_kind="JA_JF", approach="kuantitatif") == (
        "SASARAN KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
    )
    assert rules.form_title_lines(form_kind="JPT", approach="kualitatif")[1:] == (
        "PENDEKATAN HASIL KERJA KUALITATIF",
        "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
    )


def test_transitions():
    assert rules.can_transition("draft", "submitted")
    assert not rules.can_transition("draft", "approved")
    assert rules.can_transition("submitted", "returned")
    assert rules.can_transition("submitted", "approved")
    assert rules.can_transition("returned", "submitted")
    assert not rules.can_transition("approved", "draft")
    assert not rules.can_transition("unknown", "draft")
    assert rules.is_editable("draft") and rules.is_editable("returned")
    assert not rules.is_editable("submitted") and not rules.is_editable("approved")


def test_coaching_summary_and_scale():
    assert rules.coaching_summary([5, 4, 3]) == rules.CoachingSummary(4.0, 3)
    assert rules.coaching_summary([0, 6]) == rules.CoachingSummary(0.0, 0)
    assert rules.valid_scale(1) and rules.valid_scale(5)
    assert not rules.valid_scale(0) and not rules.valid_scale(6)
