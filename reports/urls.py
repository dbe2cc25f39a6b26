"""URLs of the session reports (namespace ``reports``); the export jobs' own pages are the core's."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.export_list, name="export_list"),
    path("new/<str:scope>/<int:pk>/", views.export_new, name="export_new"),
]
