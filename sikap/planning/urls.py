from django.urls import path

from sikap.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.my_plans, name="mine"),
    path("baru/", views.plan_create, name="create"),
    path("tim/", views.team, name="team"),
    path("notifikasi/", views.notifications, name="notifications"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/pdf/", views.plan_pdf, name="pdf"),
    path("<int:pk>/rhk-baru/", views.work_result_create, name="work_result_create"),
    path("<int:pk>/ekspektasi/", views.expectations_edit, name="expectations"),
    path("<int:pk>/lampiran/", views.annex_edit, name="annex"),
    path("<int:pk>/dialog/", views.dialogue_add, name="dialogue"),
    path("<int:pk>/ajukan/", views.plan_submit, name="submit"),
    path("<int:pk>/kembalikan/", views.plan_return, name="return"),
    path("<int:pk>/setujui/", views.plan_approve, name="approve"),
    path("<int:pk>/revisi/", views.plan_revise, name="revise"),
    path("<int:pk>/realisasi/", views.realisation, name="realisation"),
    path("<int:pk>/umpan-balik/", views.feedback, name="feedback"),
    path("<int:pk>/bimbingan/", views.coaching, name="coaching"),
    path("rhk/<int:pk>/ubah/", views.work_result_edit, name="work_result_edit"),
    path("rhk/<int:pk>/hapus/", views.work_result_delete, name="work_result_delete"),
    path("rhk/<int:pk>/indikator-baru/", views.indicator_create, name="indicator_create"),
    path("rhk/<int:pk>/turunkan/", views.cascade_down, name="cascade_down"),
    path("indikator/<int:pk>/ubah/", views.indicator_edit, name="indicator_edit"),
    path("indikator/<int:pk>/hapus/", views.indicator_delete, name="indicator_delete"),
    path(
        "indikator/<int:pk>/realisasi/<int:period_pk>/",
        views.realisation_save,
        name="realisation_save",
    ),
    path("bukti/<int:pk>/", views.evidence_file, name="evidence"),
    path("bukti/<int:pk>/hapus/", views.evidence_delete, name="evidence_delete"),
    path("umpan-balik/<int:pk>/tanggapi/", views.feedback_reply, name="feedback_reply"),
    path("bimbingan/<int:pk>/b18/", views.coaching_feedback, name="coaching_feedback"),
    path("bimbingan/<int:pk>/b19/", views.coaching_competency, name="coaching_competency"),
    path("unit/<int:pk>/", views.unit_plans, name="unit_plans"),
    path("unit/<int:pk>/kaskade/", views.cascade, name="cascade"),
    path("unit/<int:pk>/sasaran/", views.targets, name="targets"),
    path("unit/<int:pk>/excel/", views.unit_export, name="unit_export"),
]
