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
