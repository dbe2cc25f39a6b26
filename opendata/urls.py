"""URLs of the open data (namespace ``opendata``): the API, the page that presents it, the edition files."""

from django.urls import path

from opendata import views
from opendata.api import api

app_name = "opendata"

urlpatterns = [
    path("api/opendata/", api.urls),
    path("donnees-ouvertes/", views.opendata_index, name="index"),
    path("donnees-ouvertes/editions/<int:edition_id>.json", views.edition_json, name="edition_json"),
    path("donnees-ouvertes/editions/<int:edition_id>.csv", views.edition_csv, name="edition_csv"),
    path("donnees-ouvertes/defis/<int:pk>/verdict/", views.verdict_sharing, name="verdict_sharing"),
]
