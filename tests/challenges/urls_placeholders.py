"""The project's URLconf plus placeholder reading pages (edition, site, challenge) for the names
that another branch provides (``challenges:edition_detail``, ``site_detail``, ``challenge_detail``).

A placeholder is added only when the real route is missing, so once the branches are merged the
tests run against the real pages. Use with ``pytest.mark.urls("tests.challenges.urls_placeholders")``.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import URLResolver, include, path

from challenges import urls as challenges_urls
from challenges.models import Edition, Site
from challenges.selectors.challenges import challenges_visible_to
from innovation import urls as project_urls

_SITE_PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% block content %}<h1>{{ site.place }}</h1>
<ul>{% for challenge in challenges %}<li data-testid="challenge">{{ challenge }}</li>{% endfor %}</ul>{% endblock %}"""
)
_TEXT_PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% block content %}<h1>{{ title }}</h1>{% endblock %}"""
)


def site_detail(request, pk: int) -> HttpResponse:
    site = get_object_or_404(Site, pk=pk)
    challenges = challenges_visible_to(user=request.user).filter(site=site).order_by("number")
    return HttpResponse(_SITE_PAGE.render({"site": site, "challenges": challenges}, request))


def edition_detail(request, pk: int) -> HttpResponse:
    return HttpResponse(_TEXT_PAGE.render({"title": get_object_or_404(Edition, pk=pk).title}, request))


def challenge_detail(request, pk: int) -> HttpResponse:
    challenge = get_object_or_404(challenges_visible_to(user=request.user), pk=pk)
    return HttpResponse(_TEXT_PAGE.render({"title": str(challenge)}, request))


_PLACEHOLDERS = {
    "edition_detail": path("placeholder/editions/<int:pk>/", edition_detail, name="edition_detail"),
    "site_detail": path("placeholder/sites/<int:pk>/", site_detail, name="site_detail"),
    "challenge_detail": path("placeholder/challenges/<int:pk>/", challenge_detail, name="challenge_detail"),
}
_existing = {pattern.name for pattern in challenges_urls.urlpatterns if getattr(pattern, "name", None)}
_challenge_patterns = list(challenges_urls.urlpatterns) + [
    pattern for name, pattern in _PLACEHOLDERS.items() if name not in _existing
]

urlpatterns = [
    path("", include((_challenge_patterns, "challenges")))
    if isinstance(pattern, URLResolver) and pattern.app_name == "challenges"
    else pattern
    for pattern in project_urls.urlpatterns
]
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500
