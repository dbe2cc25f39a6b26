"""URLs of the open data (namespace ``opendata``): the page that presents it, the edition files, the switch.

The API has its own namespace, ``opendata-api`` (``opendata/api_urls.py``): django-ninja reverses its own
names without a parent namespace.
"""

from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("donnees-ouvertes/", views.opendata_index, name="index"),
    path("donnees-ouvertes/editions/<int:edition_id>.json", views.edition_json, name="edition_json"),
    path("donnees-ouvertes/editions/<int:edition_id>.csv", views.edition_csv, name="edition_csv"),
    path("donnees-ouvertes/defis/<int:pk>/verdict/", views.verdict_sharing, name="verdict_sharing"),
]
