"""The open-data API's URLs, under /api/opendata/ (namespace ``opendata-api``, see opendata.api)."""

from django.urls import path

from opendata.api import api

urlpatterns = [path("api/opendata/", api.urls)]
