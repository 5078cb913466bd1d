from sikap.planning import rules


def test_berakhlak_has_seven_values_with_three_indicators_each():
    assert [name for _, name, _ in rules.BERAKHLAK] == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
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


def test_objective_evidence_texts():
    import dataclasses
    from decimal import Decimal

    from sikap.planning.objective import describe

    @dataclasses.dataclass
    class Service:
        services: int = 4
        completed: int = 3
        on_time: int = 2
        responses: int = 12
        ikm: Decimal | None = Decimal("88.31")
        quality: str | None = "B"
        minimum_responses: int = 10

    @dataclasses.dataclass
    class Complaints:
        handled: int = 2
        closed: int = 1
        closed_on_time: int = 1
        overdue: int = 0
        mean_rating: Decimal | None = Decimal("4.5")

    @dataclasses.dataclass
    class Other:
        employee_id: int = 1
        count: int = 3

    assert "88" in describe(Service()) and "12" in describe(Service())
    assert "10" in describe(Service(ikm=None))
    assert "4" in describe(Complaints()) and "2" in describe(Complaints(mean_rating=None))
    assert describe(Other()) == "count: 3"
    assert describe("plain") == "plain"


def test_objective_evidence_survives_a_broken_source(monkeypatch):
    import datetime as dt

    from sikap.lib.hooks import Hook
    from sikap.planning import objective

    def fail(*args, **kwargs):
        raise RuntimeError("bug in another app")

    sources = Hook("test sources")
    sources.register(objective.EvidenceSource("service", fail))
    sources.register(
        objective.EvidenceSource("complaints", lambda ids, start, end: {ids[0]: "2 pengaduan"})
    )
    monkeypatch.setattr(objective, "SOURCES", sources)
    day = dt.date(2026, 1, 1)
    assert objective.objective_evidence([7], day, day) == {7: [("complaints", "2 pengaduan")]}
    assert objective.objective_evidence([], day, day) == {}
