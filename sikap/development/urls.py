from django.urls import path

from sikap.development import views

app_name = "development"

urlpatterns = [
    path("", views.my_development, name="mine"),
    path("pegawai/<int:pk>/", views.employee_development, name="employee"),
    path("pegawai/<int:pk>/kompetensi/", views.add_assessment, name="assessment"),
    path("tim/", views.team, name="team"),
    path("idp/", views.idp, name="idp"),
    path("idp/<int:pk>/setujui/", views.idp_agree, name="idp_agree"),
    path("idp/butir/<int:pk>/status/", views.idp_item_status, name="idp_item_status"),
    path("standar/", views.standards, name="standards"),
    path("kegiatan/", views.events, name="events"),
    path("kegiatan/baru/", views.event_create, name="event_create"),
    path("kegiatan/efek/", views.effects, name="effects"),
    path("kegiatan/<int:pk>/", views.event_detail, name="event"),
    path("kegiatan/<int:pk>/peserta/", views.event_participants, name="event_participants"),
    path("kegiatan/<int:pk>/undang/", views.event_invite, name="event_invite"),
    path("kegiatan/<int:pk>/daftar/", views.event_register, name="event_register"),
    path("kegiatan/<int:pk>/nilai/", views.event_scores, name="event_scores"),
    path("kegiatan/<int:pk>/nilai/impor/", views.event_scores_import, name="event_scores_import"),
    path("hadir/<str:token>/", views.check_in, name="check_in"),
    path("peserta/<int:pk>/batal/", views.registration_cancel, name="registration_cancel"),
    path("peserta/<int:pk>/sertifikat/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("sertifikat/verifikasi/<str:code>/", views.verify_certificate, name="verify_certificate"),
    path("peserta/<int:pk>/kehadiran/", views.attendance, name="attendance"),
    path("peserta/<int:pk>/sertifikat/", views.certificate, name="certificate"),
    path("peserta/<int:pk>/sertifikat/unduh/", views.participant_file, name="participant_file"),
    path("peserta/<int:pk>/survei/", views.reaction, name="reaction"),
    path("peserta/<int:pk>/tindak-lanjut/", views.follow_up, name="follow_up"),
    path("mandiri/baru/", views.activity_create, name="activity_create"),
    path("mandiri/<int:pk>/verifikasi/", views.activity_verify, name="activity_verify"),
    path("mandiri/<int:pk>/sertifikat/", views.activity_file, name="activity_file"),
    path("rekap/", views.recap, name="recap"),
    path("rekap/siasn/", views.siasn_export, name="siasn"),
]
