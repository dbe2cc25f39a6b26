"""URLs of editions, sites, challenges, grids and assessments (namespace ``challenges``)."""

from django.urls import path

from challenges.views import imports as import_views
from challenges.views import staff as staff_views

app_name = "challenges"

urlpatterns: list = []

# Import a site's challenges from a spreadsheet (facilitators of the site, staff).
urlpatterns += [
    path("sites/<int:pk>/import/", import_views.challenge_import, name="challenge_import"),
    path("sites/<int:pk>/import/preview/", import_views.challenge_import_preview, name="challenge_import_preview"),
    path(
        "sites/<int:pk>/import/template.<str:file_format>",
        import_views.challenge_import_template,
        name="challenge_import_template",
    ),
]

# Staff: editions, sites, themes and facilitators.
urlpatterns += [
    path("staff/editions/", staff_views.edition_list, name="staff_edition_list"),
    path("staff/editions/new/", staff_views.edition_create, name="staff_edition_create"),
    path("staff/editions/<int:pk>/", staff_views.edition_manage, name="staff_edition_manage"),
    path("staff/editions/<int:pk>/edit/", staff_views.edition_update, name="staff_edition_update"),
    path("staff/editions/<int:pk>/sites/new/", staff_views.site_create, name="staff_site_create"),
    path("staff/editions/<int:pk>/themes/new/", staff_views.theme_create, name="staff_theme_create"),
    path("staff/sites/<int:pk>/edit/", staff_views.site_update, name="staff_site_update"),
    path("staff/sites/<int:pk>/facilitators/", staff_views.site_facilitators, name="staff_site_facilitators"),
    path(
        "staff/sites/<int:pk>/facilitators/<int:person_pk>/remove/",
        staff_views.site_facilitator_remove,
        name="staff_site_facilitator_remove",
    ),
    path("staff/themes/<int:pk>/edit/", staff_views.theme_update, name="staff_theme_update"),
]
