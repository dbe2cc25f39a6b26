"""The project's URLs plus three floor views, for the served benchmark only (see settings_served.py).

- ``/_floor/bare/``: a bare response, the cost of the WSGI stack and the middleware;
- ``/_floor/layout/``: ``base.html`` with no content, the cost of the shared layout (navigation, badge...);
- ``/_floor/challenge/<id>/``: the same layout after finding one challenge among those the person may see (the
  challenge page's own scope): what any page built around one object costs at the least. It has no target; it
  tells how much of a page's budget is left once its object is read.

All three are guarded like every other view, by a permission anyone holds.
"""

import rules
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

from challenges.models import Challenge
from challenges.selectors.challenges import challenge_scope
from innovation.guards import Scope, guard

FLOOR_PERMISSION = "bench.view_floor"
if not rules.perm_exists(FLOOR_PERMISSION):
    rules.add_perm(FLOOR_PERMISSION, rules.always_allow)


@guard(FLOOR_PERMISSION, methods=("GET",))
def floor_bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


@guard(FLOOR_PERMISSION, methods=("GET",))
def floor_layout(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


@guard(FLOOR_PERMISSION, load=Scope(challenge_scope, kwarg="challenge_id"), methods=("GET",))
def floor_challenge(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return render(request, "base.html", {"challenge": challenge})


urlpatterns = [
    path("_floor/bare/", floor_bare, name="bench_floor_bare"),
    path("_floor/layout/", floor_layout, name="bench_floor_layout"),
    path("_floor/challenge/<int:challenge_id>/", floor_challenge, name="bench_floor_challenge"),
    path("", include("innovation.urls")),
]
