from django.urls import path

from sikap.evaluation.views import calculator, periods

app_name = "evaluation"
urlpatterns = [
    path("periode/", periods.year_list, name="years"),
    path("periode/tahun-baru/", periods.year_create, name="year_create"),
    path("periode/<int:pk>/ubah/", periods.period_edit, name="period_edit"),
    path("periode/<int:pk>/buka-kembali/", periods.period_reopen, name="period_reopen"),
    path("kalkulator/", calculator.calculator, name="calculator"),
]
