from django.urls import path

from sikap.cycle import views

app_name = "cycle"
urlpatterns = [
    path("", views.year_list, name="years"),
    path("tahun-baru/", views.year_create, name="year_create"),
    path("pengaturan/", views.calendar_settings, name="settings"),
    path("<int:pk>/ubah/", views.period_edit, name="period_edit"),
    path("<int:pk>/buka-kembali/", views.period_reopen, name="period_reopen"),
]
