from django.urls import path

from sikap.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("lapor/", views.public_form, name="public_form"),
    path("lacak/", views.track, name="track"),
    path("lacak/<str:code>/", views.status, name="status"),
    path("lacak/<str:code>/balas/", views.citizen_reply, name="citizen_reply"),
    path("lacak/<str:code>/selesai/", views.citizen_confirm, name="citizen_confirm"),
    path("lacak/<str:code>/nilai/", views.citizen_rate, name="citizen_rate"),
    path("baru/", views.staff_new, name="staff_new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/lampiran/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
    path("hari-libur/", views.holidays, name="holidays"),
    path("hari-libur/tambah/", views.holiday_add, name="holiday_add"),
    path("hari-libur/skb/", views.holiday_bulk, name="holiday_bulk"),
    path("hari-libur/usulan/", views.holiday_propose, name="holiday_propose"),
    path("hari-libur/<int:pk>/hapus/", views.holiday_delete, name="holiday_delete"),
    path("pengaturan/", views.settings_view, name="settings"),
    path("kategori-templat/", views.texts, name="texts"),
    path("laporan/", views.report, name="report"),
]
