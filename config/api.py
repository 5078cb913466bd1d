"""The JSON API: one django-ninja router per app, documented at /api/docs."""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from sikap.complaints.api import router as complaints_router
from sikap.development.api import router as development_router
from sikap.evaluation.api import router as evaluation_router
from sikap.org.api import router as org_router
from sikap.planning.api import router as planning_router
from sikap.surveys.api import router as surveys_router
from sikap.worklog.api import router as worklog_router

api = NinjaAPI(
    title="SIKAP API",
    version="1",
    description="Sistem Informasi Kinerja Aparatur dan Pelayanan",
    auth=django_auth,
    urls_namespace="api",
    # The schema maps every endpoint and parameter: signed-in staff only, never citizens.
    docs_decorator=login_required,
)

api.add_router("/org/", org_router)
api.add_router("/planning/", planning_router)
api.add_router("/evaluation/", evaluation_router)
api.add_router("/surveys/", surveys_router)
api.add_router("/complaints/", complaints_router)
api.add_router("/development/", development_router)
api.add_router("/worklog/", worklog_router)
