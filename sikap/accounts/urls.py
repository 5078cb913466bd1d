from django.contrib.auth import views as auth_views
from django.urls import path

from sikap.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("surel/", views.outbox_page, name="outbox"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/ubah/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "sandi/ubah/selesai/", views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("sandi/lupa/", views.PasswordResetView.as_view(), name="password_reset"),
    path("sandi/lupa/terkirim/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "sandi/atur/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
urlpatterns += [
    path("masuk/kode/", views.two_factor_verify, name="two_factor_verify"),
    path("akun/verifikasi-dua-langkah/", views.two_factor, name="two_factor"),
    path(
        "akun/verifikasi-dua-langkah/kode-pemulihan.txt",
        views.two_factor_recovery_download,
        name="two_factor_recovery_download",
    ),
]
