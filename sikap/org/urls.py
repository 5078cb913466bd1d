from django.urls import include, path

from sikap.org import account_views, import_views, views

app_name = "org"
organisation = [
    path("", views.tree, name="tree"),
    path("unit/<int:pk>/", views.unit_detail, name="unit"),
    path("unit/<int:parent_pk>/unit-baru/", views.unit_create, name="unit_create"),
    path("unit/<int:unit_pk>/jabatan-baru/", views.position_create, name="position_create"),
    path("unit/<int:unit_pk>/pegawai-baru/", views.employee_create, name="employee_create"),
    path("pegawai/<int:pk>/", views.employee_detail, name="employee"),
    path("pegawai/<int:pk>/ubah/", views.employee_edit, name="employee_edit"),
    path("pegawai/<int:pk>/mutasi/", views.employee_transfer, name="employee_transfer"),
    path("pegawai/<int:pk>/plt-plh/", views.employee_acting, name="employee_acting"),
    path("pegawai/<int:pk>/perjanjian-kerja/", views.employee_contract, name="employee_contract"),
    path("pegawai/<int:pk>/penilai/", views.employee_override, name="employee_override"),
    path("impor/", import_views.import_page, name="import"),
    path("impor/<int:pk>/", import_views.import_status, name="import_status"),
    path("impor/<int:pk>/ulang/", import_views.import_retry, name="import_retry"),
]

# Mounted at the site root: the organisation under org/, and the account pages of an employee
# or a unit at the addresses they had when they lived in accounts.
urlpatterns = [
    path("org/", include(organisation)),
    path("akun/pegawai/<int:employee_id>/", account_views.give_login, name="give_login"),
    path("akun/unit/<int:unit_id>/", account_views.give_logins, name="give_logins"),
    path(
        "akun/verifikasi-dua-langkah/reset/<int:user_id>/",
        account_views.two_factor_reset,
        name="two_factor_reset",
    ),
]
