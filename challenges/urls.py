"""URLs of editions, sites, challenges, teams, imports and the staff pages (namespace ``challenges``)."""

from django.urls import path

from challenges.views import calendars as calendar_views
from challenges.views import challenges as challenge_views
from challenges.views import editions as edition_views
from challenges.views import ideas as idea_views
from challenges.views import imports as import_views
from challenges.views import programme as programme_views
from challenges.views import staff as staff_views
from challenges.views import team as team_views

app_name = "challenges"

urlpatterns: list = []

# Editions, sites, challenges, teams (h3a)
urlpatterns += [
    path("editions/", edition_views.edition_list, name="edition_list"),
    path("editions/<int:edition_id>/", edition_views.edition_detail, name="edition_detail"),
    path("editions/<int:edition_id>/themes/", edition_views.edition_themes, name="edition_themes"),
    path("sites/<int:site_id>/", edition_views.site_detail, name="site_detail"),
    path("sites/<int:site_id>/challenges/new/", challenge_views.challenge_create, name="challenge_create"),
    path("sites/<int:pk>/programme/", programme_views.site_programme, name="site_programme"),
    path(
        "sites/<int:pk>/programme/<int:item_id>/",
        programme_views.programme_item_update,
        name="programme_item_update",
    ),
    path("challenges/<int:challenge_id>/", challenge_views.challenge_detail, name="challenge_detail"),
    path("challenges/<int:challenge_id>/edit/", challenge_views.challenge_edit, name="challenge_edit"),
    path("challenges/<int:challenge_id>/status/", challenge_views.challenge_status, name="challenge_status"),
    path("challenges/<int:challenge_id>/phase/", challenge_views.challenge_move_phase, name="challenge_move_phase"),
    path(
        "challenges/<int:challenge_id>/phases/<str:phase>/",
        challenge_views.phase_content_edit,
        name="phase_content_edit",
    ),
    path(
        "challenges/<int:challenge_id>/question/", challenge_views.challenge_reformulate, name="challenge_reformulate"
    ),
    path("challenges/<int:challenge_id>/history/", challenge_views.challenge_history, name="challenge_history"),
    path(
        "challenges/<int:challenge_id>/files/<int:attachment_id>/",
        challenge_views.attachment_download,
        name="attachment_download",
    ),
    path("challenges/<int:challenge_id>/team/", team_views.team_manage, name="team_manage"),
    path(
        "challenges/<int:challenge_id>/team/<int:membership_id>/remove/",
        team_views.team_member_remove,
        name="team_member_remove",
    ),
]

# iCalendar feeds of an edition's and a site's dates (public, like their pages).
urlpatterns += [
    path("editions/<int:edition_id>/calendrier.ics", calendar_views.edition_calendar, name="edition_calendar"),
    path("sites/<int:site_id>/calendrier.ics", calendar_views.site_calendar, name="site_calendar"),
]

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

# Key ideas of the ideation phase (issue 15).
urlpatterns += [
    path("challenges/<int:challenge_id>/ideas/", idea_views.idea_list, name="idea_list"),
    path("challenges/<int:challenge_id>/ideas/<int:idea_id>/retain/", idea_views.idea_retain, name="idea_retain"),
    path("challenges/<int:challenge_id>/ideas/<int:idea_id>/confirm/", idea_views.idea_confirm, name="idea_confirm"),
]
