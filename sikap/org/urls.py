from django.urls import path

from sikap.org import import_views, views

app_name = "org"
urlpatterns = [
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
