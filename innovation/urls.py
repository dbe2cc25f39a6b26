from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from innovation.views import account, exports, legal, notifications, pages

handler403 = "innovation.views.pages.error_403"
handler404 = "innovation.views.pages.error_404"
handler500 = "innovation.views.pages.error_500"

# The admin signs in through allauth's login, so staff give their second factor there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("invitations/<str:token>/", pages.invitation_accept, name="invitation_accept"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
    path("notifications/read-all/", notifications.notifications_read_all, name="notifications_read_all"),
    path("notifications/preferences/", notifications.notification_preferences, name="notification_preferences"),
    path("", include("challenges.urls")),
    path("", include("grids.urls")),
    path("", include("testsessions.urls")),
    path("labos/", include("labs.urls")),
    path("", include("opendata.urls")),
    path("", include("opendata.api_urls")),
    path("exports/", include("reports.urls")),
    path("exports/<int:pk>/", exports.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", exports.export_download, name="export_download"),
    path("exports/<int:pk>/retry/", exports.export_retry, name="export_retry"),
    path("compte/", account.my_account, name="my_account"),
    path("compte/calendrier/", account.my_calendar_regenerate, name="my_calendar_regenerate"),
    path("compte/donnees/", account.my_data, name="my_data"),
    path("compte/supprimer/", account.my_account_delete, name="my_account_delete"),
    path("calendrier/<str:token>.ics", account.person_calendar, name="person_calendar"),
    path("accessibilite/", legal.accessibility, name="accessibility"),
    path("mentions-legales/", legal.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", legal.privacy_policy, name="privacy_policy"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
