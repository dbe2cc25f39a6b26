from django.urls import path

from innovation.urls import handler500  # noqa: F401 - the handler under test


def crash(request):
    raise RuntimeError("boom")


urlpatterns = [path("crash/", crash)]
