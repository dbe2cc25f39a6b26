"""URLs of test sessions (namespace ``testsessions``). A stand's short URL is ``/t/<token>/``."""

from django.urls import path

from testsessions import views

app_name = "testsessions"

urlpatterns = [
    # The tester's pages: reached from the poster's QR code, no account needed.
    path("t/<str:token>/", views.stand_page, name="stand"),
    path("t/<str:token>/thanks/", views.stand_thanks, name="stand_thanks"),
    # A site's sessions.
    path("sites/<int:pk>/test-sessions/", views.site_sessions, name="site_sessions"),
    path("sites/<int:pk>/test-sessions/new/", views.session_create, name="session_create"),
    path("sites/<int:pk>/test-sessions.ics", views.site_calendar, name="site_calendar"),
    # One session, for its facilitators.
    path("test-sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("test-sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("test-sessions/<int:pk>/stands/open/", views.stands_open, name="stands_open"),
    path("test-sessions/<int:pk>/stands/add/", views.stand_add, name="stand_add"),
    path("test-sessions/<int:pk>/open/", views.session_open, name="session_open"),
    path("test-sessions/<int:pk>/close/", views.session_close, name="session_close"),
    path("test-sessions/<int:pk>/posters/", views.session_posters, name="session_posters"),
    path("test-sessions/<int:pk>/board/", views.session_board, name="session_board"),
    path("test-sessions/<int:pk>/feedback/", views.session_feedback, name="session_feedback"),
    path("test-sessions/<int:pk>/report/", views.session_report, name="session_report"),
    path("test-sessions/feedback/<int:pk>/hide/", views.feedback_hide, name="feedback_hide"),
    # Stands, for their team and the facilitators.
    path("test-sessions/stands/<int:pk>/edit/", views.stand_edit, name="stand_edit"),
    path("test-sessions/stands/<int:pk>/remove/", views.stand_remove, name="stand_remove"),
    path("test-sessions/stands/<int:pk>/poster.pdf", views.stand_poster, name="stand_poster"),
    path("test-sessions/stands/<int:pk>/debrief/", views.debrief_edit, name="debrief_edit"),
    path("test-sessions/stands/<int:pk>/reformulate/", views.debrief_reformulate, name="debrief_reformulate"),
]
