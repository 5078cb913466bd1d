from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from config.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    # The back office signs in through SIKAP's own two steps (password, then the code).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("", include("sikap.accounts.urls")),
    path("", include("sikap.org.urls")),
    path("skp/", include("sikap.planning.urls")),
    path("evaluasi/periode/", include("sikap.cycle.urls")),
    path("evaluasi/", include("sikap.evaluation.urls")),
    path("survei/", include("sikap.surveys.urls")),
    path("pengaduan/", include("sikap.complaints.urls")),
    path("keterlibatan/", include("sikap.dashboards.urls")),
    path("pengembangan/", include("sikap.development.urls")),
    path("progres-harian/", include("sikap.worklog.urls")),
]

admin.site.site_header = "SIKAP Administrasi"
admin.site.site_title = "SIKAP"
