from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sikap.evaluation import services
from sikap.evaluation.curve import unit_curve
from sikap.evaluation.models import Evaluation, EvaluationSettings, ObjectionStatus

pytestmark = pytest.mark.django_db


def rate(plan, period, user, result="SESUAI", behaviour="SESUAI"):
    return services.set_ratings(
        plan=plan, period=period, by=user, result_rating=result, behaviour_rating=behaviour
    )


def test_the_penilai_sets_ratings_and_the_predicate_follows_the_matrix(personas, plans, q1):
    evaluation = rate(plans["pegawai"], q1, personas.user("penilai"), "DI_ATAS", "DI_BAWAH")
    assert evaluation.predicate == "KURANG"
    assert evaluation.penilai == personas.penilai
    assert evaluation.penilai_golongan == "III/c"
    assert evaluation.history.first().history_user == personas.user("penilai")
    again = rate(plans["pegawai"], q1, personas.user("penilai"), "DI_ATAS", "DI_ATAS")
    assert again.pk == evaluation.pk and again.predicate == "SANGAT_BAIK"


@pytest.mark.parametrize("name", ["lurah", "camat", "pegawai", "hr"])
def test_only_the_plans_penilai_may_rate(personas, plans, q1, name):
    with pytest.raises(ValidationError):
        rate(plans["pegawai"], q1, personas.user(name))


def test_an_unknown_rating_is_refused(personas, plans, q1):
    with pytest.raises(ValidationError):
        rate(plans["pegawai"], q1, personas.user("penilai"), "HEBAT")


def test_per_rhk_labels_are_validated_and_empty_ones_dropped(personas, plans, q1):
    plan = plans["pegawai"]
    wr = plan.work_results.first()
    evaluation = services.set_ratings(
        plan=plan,
        period=q1,
        by=personas.user("penilai"),
        result_rating="SESUAI",
        behaviour_rating="SESUAI",
        work_result_notes={str(wr.pk): {"label": "DI_ATAS", "feedback": " Bagus "}, "0": {}},
    )
    assert evaluation.work_result_notes == {str(wr.pk): {"label": "DI_ATAS", "feedback": "Bagus"}}
    with pytest.raises(ValidationError):
        services.set_ratings(
            plan=plan,
            period=q1,
            by=personas.user("penilai"),
            result_rating="SESUAI",
            behaviour_rating="SESUAI",
            work_result_notes={"1": {"label": "X"}},
        )


def _rate_everyone(personas, plans, period):
    rate(plans["pegawai"], period, personas.user("penilai"), "SESUAI", "SESUAI")
    rate(plans["peer"], period, personas.user("penilai"), "SESUAI", "SESUAI")
    rate(plans["penilai"], period, personas.user("lurah"), "SESUAI", "SESUAI")
    rate(plans["lurah"], period, personas.user("camat"), "SESUAI", "SESUAI")
    rate(plans["hr"], period, personas.user("camat"), "SESUAI", "SESUAI")


def test_a_small_kelurahan_is_pooled_with_its_kecamatan(personas, plans, q1):
    _rate_everyone(personas, plans, q1)
    curve = unit_curve(personas.kelurahan, q1)
    assert curve.unit == personas.kecamatan
    assert personas.kelurahan in curve.pooled_units
    assert curve.evaluated == 5 and curve.headcount == 6
    settings = EvaluationSettings.load()
    settings.pooling_threshold = 2
    settings.save()
    alone = unit_curve(personas.kelurahan, q1)
    assert alone.unit == personas.kelurahan and alone.headcount == 4


def test_all_baik_under_a_baik_organisation_is_a_warning(personas, plans, q1):
    _rate_everyone(personas, plans, q1)
    services.set_organisation_predicate(
        unit=personas.kecamatan, period=q1, predicate="BAIK", by=personas.user("hr")
    )
    curve = unit_curve(personas.kecamatan, q1)
    kinds = {v.kind.value for v in curve.violations}
    assert "must_exist" in kinds


def test_calibration_needs_a_reason_and_records_it(personas, plans, q1):
    evaluation = rate(plans["pegawai"], q1, personas.user("penilai"))
    with pytest.raises(ValidationError):
        services.calibrate_rating(
            evaluation=evaluation,
            result_rating="DI_BAWAH",
            behaviour_rating="SESUAI",
            reason="  ",
            by=personas.user("camat"),
        )
    changed = services.calibrate_rating(
        evaluation=evaluation,
        result_rating="DI_BAWAH",
        behaviour_rating="SESUAI",
        reason="Target laporan tidak tercapai",
        by=personas.user("camat"),
    )
    assert changed.predicate == "BUTUH_PERBAIKAN"
    record = changed.history.first()
    assert record.history_change_reason == "Kalibrasi: Target laporan tidak tercapai"
    assert record.history_user == personas.user("camat")


def _determine(personas, plans, period):
    _rate_everyone(personas, plans, period)
    services.set_organisation_predicate(
        unit=personas.kecamatan, period=period, predicate="BAIK", by=personas.user("hr")
    )
    curve = unit_curve(personas.kecamatan, period)
    return services.determine_predicates(
        curve=curve, by=personas.user("camat"), signer=personas.camat
    )


def test_the_penetapan_locks_the_evaluations(personas, plans, q1):
    determination = _determine(personas, plans, q1)
    assert determination.distribution["B"] == 5
    assert determination.violations
    assert determination.signed_by_name == personas.camat.display_name
    assert set(Evaluation.objects.values_list("status", flat=True)) == {"final"}
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    with pytest.raises(ValidationError):
        rate(plans["pegawai"], q1, personas.user("penilai"), "DI_ATAS", "DI_ATAS")
    with pytest.raises(ValidationError):
        services.calibrate_rating(
            evaluation=evaluation,
            result_rating="DI_ATAS",
            behaviour_rating="DI_ATAS",
            reason="x",
            by=personas.user("camat"),
        )
    with pytest.raises(ValidationError):
        services.set_organisation_predicate(
            unit=personas.kecamatan, period=q1, predicate="ISTIMEWA", by=personas.user("hr")
        )
    with pytest.raises(ValidationError):
        services.determine_predicates(
            curve=unit_curve(personas.kecamatan, q1), by=personas.user("camat"), signer=None
        )


def test_the_penetapan_needs_an_organisation_predicate_and_ratings(personas, plans, q1):
    curve = unit_curve(personas.kecamatan, q1)
    with pytest.raises(ValidationError) as caught:
        services.determine_predicates(curve=curve, by=personas.user("camat"), signer=None)
    assert caught.value.code == "no_assessment"
    services.set_organisation_predicate(
        unit=personas.kecamatan, period=q1, predicate="BAIK", by=personas.user("hr")
    )
    with pytest.raises(ValidationError) as caught:
        services.determine_predicates(
            curve=unit_curve(personas.kecamatan, q1), by=personas.user("camat"), signer=None
        )
    assert caught.value.code == "no_evaluations"


def test_a_final_predicate_changes_only_through_an_accepted_keberatan(personas, plans, q1):
    _determine(personas, plans, q1)
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    with pytest.raises(ValidationError):
        services.file_objection(evaluation=evaluation, reason="x", by=personas.user("peer"))
    with pytest.raises(ValidationError):
        services.file_objection(evaluation=evaluation, reason=" ", by=personas.user("pegawai"))
    objection = services.file_objection(
        evaluation=evaluation,
        reason="Bukti dukung belum dipertimbangkan",
        by=personas.user("pegawai"),
    )
    assert objection.decider == personas.lurah
    with pytest.raises(ValidationError):
        services.file_objection(evaluation=evaluation, reason="lagi", by=personas.user("pegawai"))
    with pytest.raises(ValidationError):
        services.decide_objection(
            objection=objection,
            accept=True,
            reason="ok",
            by=personas.user("penilai"),
            result_rating="DI_ATAS",
            behaviour_rating="DI_ATAS",
        )
    with pytest.raises(ValidationError):
        services.decide_objection(
            objection=objection,
            accept=True,
            reason="",
            by=personas.user("lurah"),
            result_rating="DI_ATAS",
            behaviour_rating="DI_ATAS",
        )
    services.decide_objection(
        objection=objection,
        accept=True,
        reason="Bukti lengkap",
        by=personas.user("lurah"),
        result_rating="DI_ATAS",
        behaviour_rating="DI_ATAS",
    )
    evaluation.refresh_from_db()
    assert evaluation.predicate == "SANGAT_BAIK" and evaluation.is_final
    assert evaluation.history.first().history_change_reason == "Keberatan diterima: Bukti lengkap"
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ACCEPTED
    assert objection.previous_predicate == "BAIK"
    with pytest.raises(ValidationError):
        services.decide_objection(
            objection=objection, accept=False, reason="x", by=personas.user("lurah")
        )


def test_a_rejected_keberatan_keeps_the_predicate(personas, plans, q1):
    _determine(personas, plans, q1)
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    objection = services.file_objection(
        evaluation=evaluation, reason="Tidak setuju", by=personas.user("pegawai")
    )
    services.decide_objection(
        objection=objection, accept=False, reason="Sesuai bukti", by=personas.user("lurah")
    )
    evaluation.refresh_from_db()
    assert evaluation.predicate == "BAIK"


def test_the_keberatan_window_is_a_setting(personas, plans, q1):
    _determine(personas, plans, q1)
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    late = timezone.localdate(evaluation.finalised_at) + dt.timedelta(days=15)
    with pytest.raises(ValidationError, match="lewat"):
        services.file_objection(
            evaluation=evaluation, reason="x", by=personas.user("pegawai"), today=late
        )
    services.update_settings(
        by=personas.user("hr"),
        organisation_predicate_setter="parent_head",
        rounding="STRICT",
        pooling_threshold=10,
        objection_days=30,
    )
    assert services.file_objection(
        evaluation=evaluation, reason="x", by=personas.user("pegawai"), today=late
    )


def test_a_draft_cannot_be_objected_to(personas, plans, q1):
    evaluation = rate(plans["pegawai"], q1, personas.user("penilai"))
    with pytest.raises(ValidationError, match="final"):
        services.file_objection(evaluation=evaluation, reason="x", by=personas.user("pegawai"))


def test_keberatan_notifies_the_atasan_and_then_the_employee(
    personas, plans, q1, mailoutbox, django_capture_on_commit_callbacks
):
    from sikap.planning.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        _determine(personas, plans, q1)
    assert Notification.objects.filter(recipient=personas.user("pegawai")).exists()
    assert not mailoutbox  # the penetapan notifies in the app only
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    with django_capture_on_commit_callbacks(execute=True):
        objection = services.file_objection(
            evaluation=evaluation, reason="Mohon ditinjau", by=personas.user("pegawai")
        )
    assert mailoutbox[-1].to == [personas.lurah.email]
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_objection(
            objection=objection, accept=False, reason="Sesuai bukti", by=personas.user("lurah")
        )
    assert mailoutbox[-1].to == [personas.pegawai.email]
    assert "ditolak" in mailoutbox[-1].subject.lower()


def test_without_an_atasan_snapshot_todays_atasan_decides(personas, plans, q1):
    _determine(personas, plans, q1)
    evaluation = Evaluation.objects.get(plan=plans["lurah"])  # the lurah's SKP has no atasan
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        services.file_objection(evaluation=evaluation, reason="x", by=personas.user("lurah"))
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    plan = evaluation.plan
    plan.atasan = None
    plan.save()
    objection = services.file_objection(
        evaluation=evaluation, reason="x", by=personas.user("pegawai")
    )
    assert objection.decider == personas.lurah


def _ready(personas, plans, period):
    _rate_everyone(personas, plans, period)
    services.set_organisation_predicate(
        unit=personas.kecamatan, period=period, predicate="BAIK", by=personas.user("hr")
    )
    return unit_curve(personas.kecamatan, period)


def test_the_penetapan_waits_for_the_end_of_the_period(personas, plans, year2026):
    final = year2026.periods.get(is_final=True)
    curve = _ready(personas, plans, final)
    early = timezone.make_aware(dt.datetime(2026, 12, 2, 9))
    with pytest.raises(ValidationError) as caught:
        services.determine_predicates(
            curve=curve, by=personas.user("camat"), signer=None, now=early
        )
    assert caught.value.code == "period_not_ended"
    assert not Evaluation.objects.filter(period=final, status="final").exists()
    signed = services.determine_predicates(
        curve=curve,
        by=personas.user("camat"),
        signer=None,
        now=early,
        early_close_reason="Mutasi pimpinan akhir tahun",
    )
    assert signed.reason == "Mutasi pimpinan akhir tahun"
    assert (
        signed.history.first().history_change_reason
        == "Penutupan awal: Mutasi pimpinan akhir tahun"
    )


def test_the_penetapan_needs_everyone_in_the_curve_evaluated(personas, plans, q1):
    rate(plans["pegawai"], q1, personas.user("penilai"))
    rate(plans["peer"], q1, personas.user("penilai"))
    services.set_organisation_predicate(
        unit=personas.kecamatan, period=q1, predicate="BAIK", by=personas.user("hr")
    )
    curve = unit_curve(personas.kecamatan, q1)
    assert {e.pk for e in services.awaiting_evaluation(curve)} == {
        personas.penilai.pk,
        personas.lurah.pk,
        personas.hr.pk,
    }  # the camat is rated outside SIKAP (no penilai in it): not awaited
    with pytest.raises(ValidationError) as caught:
        services.determine_predicates(curve=curve, by=personas.user("camat"), signer=None)
    assert caught.value.code == "incomplete"
    assert not Evaluation.objects.filter(status="final").exists()


def test_the_signed_document_is_stored_and_a_correction_is_a_new_version(
    personas, plans, q1, django_capture_on_commit_callbacks
):
    from sikap.evaluation.models import DeterminationDocument

    with django_capture_on_commit_callbacks(execute=True):
        determination = _determine(personas, plans, q1)
    first = DeterminationDocument.objects.get(determination=determination, version=1)
    original = first.file.read()
    assert original.startswith(b"%PDF")
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    Evaluation.objects.filter(pk=evaluation.pk).update(predicate="SANGAT_BAIK")  # a keberatan
    with pytest.raises(ValidationError) as caught:
        services.correct_determination(
            curve=unit_curve(personas.kecamatan, q1),
            by=personas.user("camat"),
            signer=None,
            reason=" ",
        )
    assert caught.value.error_dict["reason"][0].code == "reason_required"
    with django_capture_on_commit_callbacks(execute=True):
        corrected = services.correct_determination(
            curve=unit_curve(personas.kecamatan, q1),
            by=personas.user("camat"),
            signer=personas.camat,
            reason="Keberatan Dewi diterima",
        )
    assert corrected.pk == determination.pk and corrected.version == 2
    assert corrected.distribution["SB"] == 1
    assert corrected.history.first().history_change_reason.startswith("Koreksi penetapan versi 2")
    first.refresh_from_db()
    assert first.file.open("rb").read() == original
    assert DeterminationDocument.objects.filter(determination=determination).count() == 2


def test_a_second_organisation_predicate_changes_the_first(personas, plans, q1):
    first = services.set_organisation_predicate(
        unit=personas.kecamatan, period=q1, predicate="BAIK", by=personas.user("hr")
    )
    second = services.set_organisation_predicate(
        unit=personas.kecamatan, period=q1, predicate="ISTIMEWA", note="naik", by=None
    )
    assert second.pk == first.pk
    assert (second.predicate, second.note) == ("ISTIMEWA", "naik")


def test_a_penetapan_that_was_never_signed_cannot_be_corrected(personas, plans, q1):
    with pytest.raises(ValidationError) as caught:
        services.correct_determination(
            curve=unit_curve(personas.kecamatan, q1),
            by=personas.user("camat"),
            signer=None,
            reason="koreksi",
        )
    assert caught.value.code == "not_signed"


def test_the_employee_sees_their_keberatan_but_only_the_decider_decides_it(personas, plans, q1):
    from django.core.exceptions import PermissionDenied

    from sikap.evaluation.access import get_objection_for_user

    _determine(personas, plans, q1)
    evaluation = Evaluation.objects.get(plan=plans["pegawai"])
    objection = services.file_objection(
        evaluation=evaluation, reason="Bukti dukung", by=personas.user("pegawai")
    )
    pegawai = personas.user("pegawai")
    assert get_objection_for_user(pegawai, objection.pk) == objection
    with pytest.raises(PermissionDenied):
        get_objection_for_user(pegawai, objection.pk, for_change=True)
    assert get_objection_for_user(personas.user("lurah"), objection.pk, for_change=True)


def test_a_correction_signs_an_evaluation_still_in_draft_and_tells_its_employee(
    personas, plans, q1, django_capture_on_commit_callbacks
):
    from sikap.planning.models import Notification

    _determine(personas, plans, q1)
    late = Evaluation.objects.get(plan=plans["pegawai"])
    Evaluation.objects.filter(pk=late.pk).update(status="draft", finalised_at=None)  # rated late
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.correct_determination(
            curve=unit_curve(personas.kecamatan, q1),
            by=personas.user("camat"),
            signer=None,
            reason="Penilaian terlambat",
        )
    late.refresh_from_db()
    assert late.is_final
    notice = Notification.objects.get(recipient=personas.pegawai.user)
    assert notice.title.startswith("Predikat kinerja")
