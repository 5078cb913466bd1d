"""The project's URLs and a bare view: a short HttpResponse behind the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("__bench__/bare/", bare), *project_urlpatterns]
