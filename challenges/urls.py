"""URLs of editions, sites, challenges, grids and assessments (namespace ``challenges``)."""

from django.urls import path  # noqa: F401 - the capabilities add their routes below

app_name = "challenges"

urlpatterns: list = []
