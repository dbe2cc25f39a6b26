from django.urls import path

from labs import views

app_name = "labs"

urlpatterns = [
    path("reseaux/", views.network_list, name="network_list"),
    path("reseaux/<int:pk>/", views.network_detail, name="network_detail"),
    path("reseaux/<int:pk>/charte/accepter/", views.charter_accept, name="charter_accept"),
]
