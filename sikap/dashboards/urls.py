from django.urls import path

from sikap.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.engagement_page, name="engagement"),
    path("ringkasan.pdf", views.monthly_pdf, name="monthly_pdf"),
]
