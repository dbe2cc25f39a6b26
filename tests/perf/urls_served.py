"""The project's URLs plus two floor views, for the served benchmark only (see settings_served.py).

- ``/_floor/bare/``: a bare response, the cost of the WSGI stack and the middleware;
- ``/_floor/layout/``: ``base.html`` with no content, the cost of the shared layout (navigation, badge...).

Both are guarded like every other view, by a permission anyone holds.
"""

import rules
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

from innovation.guards import guard

FLOOR_PERMISSION = "bench.view_floor"
if not rules.perm_exists(FLOOR_PERMISSION):
    rules.add_perm(FLOOR_PERMISSION, rules.always_allow)


@guard(FLOOR_PERMISSION, methods=("GET",))
def floor_bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


@guard(FLOOR_PERMISSION, methods=("GET",))
def floor_layout(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


urlpatterns = [
    path("_floor/bare/", floor_bare, name="bench_floor_bare"),
    path("_floor/layout/", floor_layout, name="bench_floor_layout"),
    path("", include("innovation.urls")),
]
