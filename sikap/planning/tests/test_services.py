from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.accounts.outbox import send_due
from sikap.lib.samplefiles import pdf_bytes
from sikap.org import services as org_services
from sikap.org.testing import make_employee, make_position
from sikap.planning.models import (
    BehaviourExpectation,
    Category,
    Evidence,
    Feedback,
    Notification,
    Plan,
    PlanStatus,
    WorkResult,
)
from sikap.planning.services import common, plans, records
from sikap.planning.testing import DAY, make_plan, make_year

PDF = pdf_bytes()


def test_create_plan_snapshots_the_header(personas, year):
    plan = plans.create_plan(employee=personas.pegawai, appraisal_year=year, by=None, today=DAY)
    assert plan.status == PlanStatus.DRAFT
    assert plan.employee_name == "Dewi Lestari"
    assert plan.penilai == personas.penilai and plan.penilai_name == "Agus Setiawan, S.IP."
    assert plan.atasan == personas.lurah
    assert plan.employee_position == "Pengadministrasi Pemerintahan"
    assert plan.instansi == "PEMERINTAH KOTA PALEMBANG\nKECAMATAN PLAJU"
    assert (plan.start_date, plan.end_date) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert BehaviourExpectation.objects.filter(plan=plan).count() == 7
    # A later move does not change the snapshot.
    personas.penilai.name = "Nama Baru"
    personas.penilai.save()
    plan.refresh_from_db()
    assert plan.penilai_name == "Agus Setiawan, S.IP."


def test_create_plan_rejects_dates_outside_the_year(personas, year):
    with pytest.raises(ValidationError):
        plans.create_plan(
            employee=personas.pegawai,
            appraisal_year=year,
            by=None,
            start_date=dt.date(2025, 12, 1),
            today=DAY,
        )


def test_new_plan_after_a_mid_year_change_ends_the_earlier_one(personas, chain):
    first = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    second = plans.create_plan(
        employee=personas.pegawai,
        appraisal_year=first.appraisal_year,
        by=None,
        start_date=dt.date(2026, 7, 1),
        today=DAY,
    )
    first.refresh_from_db()
    assert first.end_date == dt.date(2026, 6, 30)
    assert second.start_date == dt.date(2026, 7, 1)
    with pytest.raises(ValidationError):
        plans.create_plan(
            employee=personas.pegawai,
            appraisal_year=first.appraisal_year,
            by=None,
            start_date=dt.date(2026, 3, 1),
            today=DAY,
        )


def test_utama_rhk_must_link_to_the_current_penilai(personas, chain):
    plan = make_plan(personas.pegawai, texts=(), approve=False)
    with pytest.raises(ValidationError, match="harus dikaitkan"):
        plans.add_work_result(plan=plan, by=None, text="X", today=DAY)
    # The lurah's RHK is not the pegawai's penilai's RHK.
    with pytest.raises(ValidationError, match="pejabat penilai Anda saat ini"):
        plans.add_work_result(plan=plan, by=None, text="X", intervenes=chain.lurah_rhk, today=DAY)
    result = plans.add_work_result(
        plan=plan, by=None, text="Laporan", intervenes=chain.kasi_rhk, today=DAY
    )
    assert result.intervenes == chain.kasi_rhk
    # A tambahan result needs no link.
    extra = plans.add_work_result(
        plan=plan,
        by=None,
        text="Panitia",
        category=Category.TAMBAHAN,
        assigned_by="Camat",
        today=DAY,
    )
    assert extra.intervenes is None and extra.assigned_by == "Camat"


def test_link_follows_the_current_penilai_after_a_move(personas, chain):
    plan = make_plan(personas.pegawai, texts=(), approve=False)
    # The pegawai moves to report to the lurah directly; the Kasi's RHK is no longer allowed.
    new_pos = make_position(personas.kelurahan, "Staf Lurah", reports_to=personas.lurah.position)
    org_services.transfer_employee(
        employee=personas.pegawai, position=new_pos, start_date=dt.date(2026, 2, 1), by=None
    )
    with pytest.raises(ValidationError, match="saat ini"):
        plans.add_work_result(plan=plan, by=None, text="X", intervenes=chain.kasi_rhk, today=DAY)
    assert plans.add_work_result(
        plan=plan, by=None, text="X", intervenes=chain.lurah_rhk, today=DAY
    )


def test_submit_refuses_links_to_a_former_penilai(personas, chain):
    plan = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    new_pos = make_position(personas.kelurahan, "Staf Lurah", reports_to=personas.lurah.position)
    org_services.transfer_employee(
        employee=personas.pegawai, position=new_pos, start_date=dt.date(2026, 2, 1), by=None
    )
    with pytest.raises(ValidationError, match="perbarui kaitannya"):
        plans.submit_plan(plan=plan, by=None, today=DAY)


def test_link_refuses_a_superseded_or_other_year_leader_rhk(personas, chain):
    plan = make_plan(personas.pegawai, texts=(), approve=False)
    chain.kasi_plan.is_current = False
    chain.kasi_plan.save()
    with pytest.raises(ValidationError, match="bukan bagian"):
        plans.add_work_result(plan=plan, by=None, text="X", intervenes=chain.kasi_rhk, today=DAY)


def test_organisation_target_only_for_the_unit_head(personas, chain):
    plan = make_plan(personas.pegawai, texts=(), approve=False)
    with pytest.raises(ValidationError, match="pimpinan unit"):
        plans.add_work_result(
            plan=plan, by=None, text="X", organisation_target=chain.target, today=DAY
        )
    other_year = make_year(2027)
    target = plans.add_organisation_target(
        unit=personas.kecamatan, appraisal_year=other_year, sasaran="S", indikator="I", by=None
    )
    camat_plan = Plan.objects.get(pk=chain.camat_plan.pk)
    plans.start_revision(plan=camat_plan, by=None)
    revision = camat_plan.revisions.get()
    with pytest.raises(ValidationError, match="bukan untuk tahun"):
        plans.add_work_result(
            plan=revision, by=None, text="X", organisation_target=target, today=DAY
        )


def test_organisation_targets(personas, year):
    with pytest.raises(ValidationError):
        plans.add_organisation_target(
            unit=personas.kecamatan, appraisal_year=year, sasaran=" ", indikator="I", by=None
        )
    first = plans.add_organisation_target(
        unit=personas.kecamatan, appraisal_year=year, sasaran="S1", indikator="I1", by=None
    )
    second = plans.add_organisation_target(
        unit=personas.kecamatan, appraisal_year=year, sasaran="S2", indikator="I2", by=None
    )
    assert (first.order, second.order) == (1, 2)
    plan = make_plan(personas.camat, organisation_target=first)
    with pytest.raises(ValidationError, match="masih dirujuk"):
        plans.remove_organisation_target(target=first, by=None)
    plans.remove_organisation_target(target=second, by=None)
    assert plan.work_results.count() == 1


def test_work_result_and_indicator_edits_only_while_editable(personas, chain):
    plan = make_plan(personas.pegawai, texts=(), approve=False)
    plans.update_plan(plan=plan, by=None, approach="kualitatif", form_kind="JA_JF")
    result = plans.add_work_result(
        plan=plan, by=None, text="Laporan", intervenes=chain.kasi_rhk, today=DAY
    )
    with pytest.raises(ValidationError):
        plans.add_work_result(plan=plan, by=None, text=" ", intervenes=chain.kasi_rhk)
    plans.update_work_result(
        work_result=result,
        by=None,
        text="Laporan bulanan",
        category=Category.UTAMA,
        intervenes=chain.kasi_rhk,
        cascade_kind="langsung",
        today=DAY,
    )
    with pytest.raises(ValidationError):
        plans.update_work_result(
            work_result=result,
            by=None,
            text="",
            category=Category.UTAMA,
            intervenes=chain.kasi_rhk,
        )
    plans.update_work_result(
        work_result=result,
        by=None,
        text="Laporan bulanan",
        category=Category.TAMBAHAN,
        today=DAY,
    )
    plans.update_work_result(
        work_result=result,
        by=None,
        text="Laporan bulanan",
        category=Category.UTAMA,
        intervenes=chain.kasi_rhk,
        today=DAY,
    )
    with pytest.raises(ValidationError, match="Indikator"):
        plans.add_indicator(work_result=result, by=None, aspect="kualitas", text=" ")
    with pytest.raises(ValidationError, match="Target wajib"):
        plans.add_indicator(work_result=result, by=None, aspect="kualitas", text="Mutu")
    with pytest.raises(ValidationError, match="negatif"):
        plans.add_indicator(
            work_result=result,
            by=None,
            aspect="kualitas",
            text="Mutu",
            target_value=Decimal("-1"),
        )
    indicator = plans.add_indicator(
        work_result=result, by=None, aspect="kualitas", text="Mutu", target_text="Sesuai SOP"
    )
    with pytest.raises(ValidationError):
        plans.update_indicator(indicator=indicator, by=None, aspect="waktu", text="")
    plans.update_indicator(
        indicator=indicator,
        by=None,
        aspect="waktu",
        text="Tepat waktu",
        target_value=Decimal("12"),
        target_unit="Bulan",
    )
    assert indicator.target_display == "12 Bulan"
    plans.update_annex(
        plan=plan,
        by=None,
        resources="Anggaran\nLaptop",
        accountability="Laporan bulanan",
        consequences="TPP",
    )
    assert plan.annex.resource_items == ["Anggaran", "Laptop"]
    plans.submit_plan(plan=plan, by=None, today=DAY)
    # Locked while submitted.
    for call in (
        lambda: plans.add_work_result(plan=plan, by=None, text="X", intervenes=chain.kasi_rhk),
        lambda: plans.update_work_result(
            work_result=result, by=None, text="Y", category="UTAMA", intervenes=chain.kasi_rhk
        ),
        lambda: plans.remove_work_result(work_result=result, by=None),
        lambda: plans.add_indicator(
            work_result=result, by=None, aspect="kuantitas", text="A", target_text="B"
        ),
        lambda: plans.update_indicator(
            indicator=indicator, by=None, aspect="kuantitas", text="A", target_text="B"
        ),
        lambda: plans.remove_indicator(indicator=indicator, by=None),
        lambda: plans.update_annex(
            plan=plan, by=None, resources="", accountability="", consequences=""
        ),
        lambda: plans.update_plan(plan=plan, by=None, approach="kuantitatif", form_kind="JPT"),
    ):
        with pytest.raises(ValidationError, match="terkunci"):
            call()


def test_remove_rhk_and_indicator(personas, chain):
    plan = make_plan(personas.pegawai, approve=False, intervenes=chain.kasi_rhk)
    result = plan.work_results.get()
    plans.remove_indicator(indicator=result.indicators.get(), by=None)
    plans.remove_work_result(work_result=result, by=None)
    assert not plan.work_results.exists()
    # A leader's RHK that staff intervene cannot be removed.
    staff = plans.add_work_result(
        plan=plan, by=None, text="Laporan", intervenes=chain.kasi_rhk, today=DAY
    )
    revision = plans.start_revision(plan=chain.kasi_plan, by=None)
    copy = revision.work_results.get()
    WorkResult.objects.filter(pk=staff.pk).update(intervenes=copy)
    with pytest.raises(ValidationError, match="masih diintervensi"):
        plans.remove_work_result(work_result=copy, by=None)


def test_workflow_submit_return_resubmit_approve(personas, chain, mailoutbox):
    plan = make_plan(personas.pegawai, texts=(), approve=False)
    with pytest.raises(ValidationError, match="minimal satu"):
        plans.submit_plan(plan=plan, by=None, today=DAY)
    plan.refresh_from_db()
    result = plans.add_work_result(
        plan=plan, by=None, text="Laporan", intervenes=chain.kasi_rhk, today=DAY
    )
    with pytest.raises(ValidationError, match="belum memiliki indikator"):
        plans.submit_plan(plan=plan, by=None, today=DAY)
    plan.refresh_from_db()
    plans.add_indicator(
        work_result=result,
        by=None,
        aspect="kuantitas",
        text="Jumlah",
        target_value=Decimal(4),
        target_unit="Laporan",
    )
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        plans.approve_plan(plan=plan, by=None)
    plans.submit_plan(plan=plan, by=personas.pegawai.user, today=DAY)
    assert plan.status == PlanStatus.SUBMITTED and plan.submitted_at
    assert (
        Notification.objects.filter(
            recipient=personas.penilai.user, title__contains="menunggu"
        ).count()
        == 1
    )
    with pytest.raises(ValidationError, match="Catatan"):
        plans.return_plan(plan=plan, by=None, note=" ")
    plans.return_plan(plan=plan, by=personas.penilai.user, note="Tambah indikator waktu")
    assert plan.status == PlanStatus.RETURNED and plan.is_editable
    send_due()  # e-mail leaves through the outbox after commit
    assert mailoutbox[-1].to == ["pegawai@example.id"]
    plans.submit_plan(plan=plan, by=None, today=DAY)
    plans.approve_plan(plan=plan, by=personas.penilai.user)
    assert plan.status == PlanStatus.APPROVED and plan.approved_at and not plan.return_note
    assert not plan.is_editable


def test_submit_without_penilai_is_refused(personas, year):
    plan = make_plan(personas.camat, texts=(), approve=False)
    target = plans.add_organisation_target(
        unit=personas.kecamatan, appraisal_year=year, sasaran="S", indikator="I", by=None
    )
    result = plans.add_work_result(
        plan=plan, by=None, text="X", organisation_target=target, today=DAY
    )
    plans.add_indicator(work_result=result, by=None, aspect="kuantitas", text="A", target_text="B")
    # The camat's position reports to nobody in the personas: no penilai.
    with pytest.raises(ValidationError, match="Pejabat penilai belum"):
        plans.submit_plan(plan=plan, by=None, today=DAY)


def test_revision_keeps_the_approved_version_and_relinks_staff(personas, chain):
    staff_plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    original = chain.kasi_plan
    with pytest.raises(ValidationError, match="Hanya SKP"):
        plans.start_revision(
            plan=make_plan(personas.peer, approve=False, intervenes=chain.kasi_rhk), by=None
        )
    revision = plans.start_revision(plan=original, by=None)
    with pytest.raises(ValidationError, match="sudah dibuat"):
        plans.start_revision(plan=original, by=None)
    assert revision.version == 2 and revision.status == PlanStatus.DRAFT
    assert not revision.is_current and original.is_current
    assert revision.work_results.get().indicators.count() == 1
    assert revision.expectations.count() == 7
    assert revision.annex is not None
    plans.submit_plan(plan=revision, by=None, today=DAY)
    plans.approve_plan(plan=revision, by=None)
    original.refresh_from_db()
    assert not original.is_current and original.status == PlanStatus.APPROVED
    assert revision.is_current
    link = staff_plan.work_results.get().intervenes
    assert link.plan_id == revision.pk


def test_expectations_and_dialogue(personas, chain):
    plan = make_plan(personas.pegawai, intervenes=chain.kasi_rhk, approve=False)
    plans.set_expectations(plan=plan, by=None, values={"pelayanan": " Ramah ", "loyal": ""})
    assert plan.expectations.get(value="pelayanan").expectation == "Ramah"
    plans.submit_plan(plan=plan, by=None, today=DAY)
    plans.approve_plan(plan=plan, by=None)
    with pytest.raises(ValidationError):
        plans.set_expectations(plan=plan, by=None, values={"pelayanan": "x"})
    with pytest.raises(ValidationError):
        plans.record_dialogue(plan=plan, by=None, date=DAY, notes=" ")
    assert plans.record_dialogue(plan=plan, by=None, date=DAY, notes="Klarifikasi").pk


def test_cascade_down_creates_linked_rhk_in_drafts(personas, chain):
    existing = make_plan(personas.peer, texts=(), approve=False)
    created = plans.cascade_down(
        source=chain.kasi_rhk,
        employees=[personas.pegawai, personas.peer],
        by=None,
        cascade_kind="langsung",
        today=DAY,
    )
    assert {r.plan.employee for r in created} == {personas.pegawai, personas.peer}
    assert all(r.intervenes == chain.kasi_rhk and r.category == "UTAMA" for r in created)
    assert created[1].plan == existing
    with pytest.raises(ValidationError, match="Pilih minimal"):
        plans.cascade_down(source=chain.kasi_rhk, employees=[], by=None, today=DAY)
    with pytest.raises(ValidationError, match="bukan bawahan langsung"):
        plans.cascade_down(source=chain.kasi_rhk, employees=[personas.hr], by=None, today=DAY)


def test_cascade_down_refuses_a_locked_plan(personas, chain):
    make_plan(personas.pegawai, intervenes=chain.kasi_rhk)
    with pytest.raises(ValidationError, match="buat revisi"):
        plans.cascade_down(source=chain.kasi_rhk, employees=[personas.pegawai], by=None, today=DAY)


@pytest.fixture
def approved(personas, chain):
    return make_plan(personas.pegawai, intervenes=chain.kasi_rhk)


def _period(plan, number=1):
    return plan.appraisal_year.periods.get(number=number)


def test_record_realisation_until_the_deadline_unless_reopened(approved):
    indicator = approved.work_results.get().indicators.get()
    period = _period(approved)
    real = records.record_realisation(
        indicator=indicator, period=period, by=None, value=Decimal(3), today=dt.date(2026, 4, 10)
    )
    again = records.record_realisation(
        indicator=indicator,
        period=period,
        by=None,
        value=Decimal(4),
        note="n",
        today=dt.date(2026, 4, 10),
    )
    assert real.pk == again.pk and again.value == 4
    with pytest.raises(ValidationError, match="sudah lewat"):
        records.record_realisation(
            indicator=indicator,
            period=period,
            by=None,
            value=Decimal(5),
            today=dt.date(2026, 4, 11),
        )
    period.reopened_until = dt.date(2026, 5, 1)
    period.save()
    records.record_realisation(
        indicator=indicator, period=period, by=None, text="selesai", today=dt.date(2026, 4, 20)
    )
    with pytest.raises(ValidationError, match="Isi nilai"):
        records.record_realisation(indicator=indicator, period=period, by=None, today=DAY)
    with pytest.raises(ValidationError, match="belum dimulai"):
        records.record_realisation(
            indicator=indicator, period=_period(approved, 2), by=None, value=Decimal(1), today=DAY
        )
    with pytest.raises(ValidationError, match="negatif"):
        records.record_realisation(
            indicator=indicator, period=period, by=None, value=Decimal(-1), today=DAY
        )


def test_realisation_needs_an_approved_plan_and_a_period_of_its_year(personas, approved):
    indicator = approved.work_results.get().indicators.get()
    draft = make_plan(
        personas.peer, approve=False, intervenes=approved.work_results.get().intervenes
    )
    with pytest.raises(ValidationError, match="sudah disetujui"):
        records.record_realisation(
            indicator=draft.work_results.get().indicators.get(),
            period=_period(approved),
            by=None,
            value=Decimal(1),
            today=DAY,
        )
    other = make_year(2027).periods.first()
    with pytest.raises(ValidationError, match="bukan bagian"):
        records.record_realisation(
            indicator=indicator, period=other, by=None, value=Decimal(1), today=DAY
        )
    approved.end_date = dt.date(2026, 3, 1)
    approved.save()
    with pytest.raises(ValidationError, match="di luar masa"):
        records.record_realisation(
            indicator=indicator, period=_period(approved, 3), by=None, value=Decimal(1), today=DAY
        )


def test_evidence_files_are_checked_by_content_and_size(approved, settings):
    indicator = approved.work_results.get().indicators.get()
    real = records.record_realisation(
        indicator=indicator, period=_period(approved), by=None, value=Decimal(1), today=DAY
    )
    with pytest.raises(ValidationError, match="Unggah berkas"):
        records.add_evidence(realisation=real, by=None, today=DAY)
    with pytest.raises(ValidationError) as error:
        records.add_evidence(
            realisation=real,
            by=None,
            upload=SimpleUploadedFile("a.pdf", b"MZ not a pdf" * 10),
            filename="a.pdf",
            today=DAY,
        )
    assert "bukan jenis yang diterima" in str(error.value)
    settings.UPLOAD_MAX_BYTES = 20
    with pytest.raises(ValidationError, match="terlalu besar"):
        records.add_evidence(
            realisation=real,
            by=None,
            upload=SimpleUploadedFile("b.pdf", PDF),
            filename="b.pdf",
            today=DAY,
        )
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    evidence = records.add_evidence(
        realisation=real,
        by=None,
        upload=io.BytesIO(PDF),
        filename="laporan.pdf",
        today=DAY,
        description="Laporan",
    )
    assert evidence.content_type == "application/pdf" and evidence.original_name == "laporan.pdf"
    assert evidence.file.name.startswith("planning/evidence/")
    unnamed = records.add_evidence(realisation=real, by=None, upload=io.BytesIO(PDF), today=DAY)
    assert unnamed.original_name == "bukti.pdf"
    link = records.add_evidence(
        realisation=real, by=None, link="https://example.id/foto", today=DAY
    )
    assert link.link
    records.remove_evidence(evidence=evidence, by=None, today=DAY)
    records.remove_evidence(evidence=link, by=None, today=DAY)
    assert Evidence.objects.count() == 1


def test_feedback_notifies_and_accepts_a_reply(personas, approved, mailoutbox):
    result = approved.work_results.get()
    period = _period(approved)
    feedback = records.give_feedback(
        plan=approved, period=period, by=personas.penilai.user, text="Bagus", work_result=result
    )
    assert Notification.objects.filter(recipient=personas.pegawai.user).exists()
    send_due()
    assert "Umpan balik baru" in mailoutbox[-1].subject
    assert "http" in mailoutbox[-1].body and "/umpan-balik/" in mailoutbox[-1].body
    on_value = records.give_feedback(
        plan=approved,
        period=period,
        by=personas.penilai.user,
        text="Ramah",
        behaviour_value="pelayanan",
    )
    assert on_value.behaviour_value == "pelayanan"
    with pytest.raises(ValidationError, match="Pilih satu"):
        records.give_feedback(plan=approved, period=period, by=None, text="x")
    with pytest.raises(ValidationError, match="Pilih satu"):
        records.give_feedback(
            plan=approved,
            period=period,
            by=None,
            text="x",
            work_result=result,
            behaviour_value="loyal",
        )
    with pytest.raises(ValidationError, match="tidak dikenal"):
        records.give_feedback(plan=approved, period=period, by=None, text="x", behaviour_value="z")
    with pytest.raises(ValidationError, match="wajib"):
        records.give_feedback(plan=approved, period=period, by=None, text=" ", work_result=result)
    with pytest.raises(ValidationError, match="bukan bagian dari SKP"):
        records.give_feedback(
            plan=approved,
            period=period,
            by=None,
            text="x",
            work_result=WorkResult.objects.exclude(plan=approved).first(),
        )
    with pytest.raises(ValidationError, match="tahun SKP"):
        records.give_feedback(
            plan=approved,
            period=make_year(2027).periods.first(),
            by=None,
            text="x",
            work_result=result,
        )
    draft = make_plan(personas.peer, approve=False, intervenes=result.intervenes)
    with pytest.raises(ValidationError, match="sudah disetujui"):
        records.give_feedback(plan=draft, period=period, by=None, text="x", behaviour_value="loyal")
    with pytest.raises(ValidationError):
        records.reply_feedback(feedback=feedback, by=None, text="")
    records.reply_feedback(feedback=feedback, by=personas.pegawai.user, text="Terima kasih")
    feedback.refresh_from_db()
    assert feedback.reply == "Terima kasih" and feedback.replied_at
    assert Notification.objects.filter(recipient=personas.penilai.user).count() >= 1
    assert Feedback.objects.count() == 2


def test_coaching_records_and_forms(personas, approved):
    with pytest.raises(ValidationError):
        records.record_coaching(plan=approved, by=None, kind="coaching", date=DAY, topic=" ")
    session = records.record_coaching(
        plan=approved, by=None, kind="coaching", date=DAY, topic="Penyusunan laporan"
    )
    with pytest.raises(ValidationError, match="kesembilan"):
        records.answer_coaching_feedback(session=session, by=None, answers=[5] * 8)
    with pytest.raises(ValidationError, match="kesembilan"):
        records.answer_coaching_feedback(session=session, by=None, answers=[6] * 9)
    answered = records.answer_coaching_feedback(session=session, by=None, answers=[4] * 9)
    assert len(answered.rows) == 9
    with pytest.raises(ValidationError, match="sudah diisi"):
        records.answer_coaching_feedback(session=session, by=None, answers=[4] * 9)
    with pytest.raises(ValidationError):
        records.add_competency_evaluation(
            session=session, by=None, competency="", score=3, reason="x"
        )
    with pytest.raises(ValidationError):
        records.add_competency_evaluation(
            session=session, by=None, competency="Komunikasi", score=0, reason="x"
        )
    line = records.add_competency_evaluation(
        session=session, by=None, competency="Komunikasi", score=4, reason="Baik"
    )
    assert line.score == 4


def test_notify_without_user_or_email_and_mark_read(personas, mailoutbox):
    common.notify(user=None, notice=lambda: ("x", ""))
    user = personas.user("auditor")
    common.notify(user=user, notice=lambda: ("Tanpa surel", ""))
    assert not mailoutbox
    assert records.mark_notifications_read(user=user) == 1


def test_header_with_acting_penilai(personas, chain):
    org_services.assign_acting(
        employee=personas.hr,
        position=personas.penilai.position,
        kind="PLT",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        by=None,
    )
    personas.penilai.is_active = False
    personas.penilai.save()
    plan = plans.create_plan(
        employee=personas.pegawai,
        appraisal_year=chain.kasi_plan.appraisal_year,
        by=None,
        today=DAY,
    )
    assert plan.penilai == personas.hr and plan.penilai_name.startswith("Plt. ")


def test_plan_for_employee_without_unit(personas, year):
    lonely = make_employee(None, "Tanpa Unit", username="lonely")
    plan = plans.create_plan(employee=lonely, appraisal_year=year, by=None, today=DAY)
    assert plan.instansi == "" and plan.penilai is None and plan.penilai_name == ""


def test_third_plan_in_a_year_and_annex_recreated(personas, year):
    plans.create_plan(employee=personas.peer, appraisal_year=year, by=None, today=DAY)
    plans.create_plan(
        employee=personas.peer,
        appraisal_year=year,
        by=None,
        start_date=dt.date(2026, 5, 1),
        today=DAY,
    )
    third = plans.create_plan(
        employee=personas.peer,
        appraisal_year=year,
        by=None,
        start_date=dt.date(2026, 9, 1),
        today=DAY,
    )
    ends = list(
        Plan.objects.filter(employee=personas.peer)
        .order_by("start_date")
        .values_list("end_date", flat=True)
    )
    assert ends == [dt.date(2026, 4, 30), dt.date(2026, 8, 31), dt.date(2026, 12, 31)]
    third.annex.delete()
    third = Plan.objects.get(pk=third.pk)
    annex = plans.update_annex(
        plan=third, by=None, resources="A", accountability="B", consequences="C"
    )
    assert annex.consequence_items == ["C"]
