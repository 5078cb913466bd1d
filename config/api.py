"""The JSON API: one django-ninja router per app, documented at /api/docs."""

from importlib import import_module

from django.contrib.admin.views.decorators import staff_member_required
from ninja import NinjaAPI
from ninja.security import django_auth

api = NinjaAPI(
    title="SIKAP API",
    version="1",
    description="Sistem Informasi Kinerja Aparatur dan Pelayanan",
    auth=django_auth,
    urls_namespace="api",
    # The schema maps every endpoint and parameter: signed-in staff only.
    docs_decorator=staff_member_required,
)

for _app in ("org", "planning", "evaluation", "surveys", "complaints", "development"):
    try:
        _module = import_module(f"sikap.{_app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"sikap.{_app}.api":
            raise
        continue
    api.add_router(f"/{_app}/", _module.router)
