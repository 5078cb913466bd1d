from django.urls import path

from sikap.worklog import exports, views

app_name = "worklog"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("pegawai/<int:pk>/", views.week, name="week"),
    path("tim/", exports.team, name="team"),
    path("pegawai/<int:pk>/ekinerja.xlsx", exports.ekinerja_xlsx, name="ekinerja_xlsx"),
    path("pegawai/<int:pk>/ajukan/", views.submit, name="submit"),
    path("pegawai/<int:pk>/putuskan/", views.decide, name="decide"),
    path("entri/<int:pk>/konfirmasi/", views.entry_action, {"action": "confirm"}, name="confirm"),
    path("entri/<int:pk>/hapus/", views.entry_action, {"action": "discard"}, name="discard"),
]
