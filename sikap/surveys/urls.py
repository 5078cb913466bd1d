from django.urls import path

from sikap.surveys import public, suggestion_views, views

app_name = "surveys"
urlpatterns = [
    # Citizens (no login)
    path("", public.start, name="start"),
    path("isi/<str:token>/", public.survey_by_receipt, name="survey_receipt"),
    path("unit/<int:pk>/", public.survey_by_unit, name="survey_unit"),
    path("terima-kasih/", public.thanks, name="thanks"),
    path("kios/<str:key>/", public.kiosk, name="kiosk"),
    path("kios/<str:key>/token/", public.kiosk_token, name="kiosk_token"),
    path("kios/<str:key>/kirim/", public.kiosk_submit, name="kiosk_submit"),
    path("publik/", public.public_units, name="public_units"),
    path("publik/<int:pk>/", public.public_index, name="public"),
    # Staff
    path("loket/", views.counter, name="counter"),
    path("loket/<int:pk>/selesai/", views.counter_complete, name="counter_complete"),
    path("loket/<int:pk>/tanda-terima/", views.receipt, name="receipt"),
    path("laporan/", views.reports, name="reports"),
    path("laporan/<int:pk>/", views.report, name="report"),
    path("laporan/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("laporan/<int:pk>/xlsx/", views.report_xlsx, name="report_xlsx"),
    path("laporan/<int:pk>/tindak-lanjut/", views.follow_up, name="follow_up"),
    path("laporan/<int:pk>/terbitkan/", views.publish, name="publish"),
    path("laporan/<int:pk>/saran/", suggestion_views.suggestion_list, name="suggestions"),
    path(
        "laporan/<int:pk>/saran/<int:response_pk>/",
        suggestion_views.suggestion_follow_up,
        name="suggestion_follow_up",
    ),
    path("laporan/<int:pk>/impor/", views.import_paper, name="import"),
    path("laporan/<int:pk>/pengaturan/", views.unit_settings, name="settings"),
    path("laporan/<int:pk>/layanan/", views.catalogue, name="catalogue"),
    path("laporan/<int:pk>/layanan/baru/", views.service_type_edit, name="service_type_create"),
    path(
        "laporan/<int:pk>/layanan/<int:type_pk>/", views.service_type_edit, name="service_type_edit"
    ),
]
