"""One way to guard a view, and no permission declared for nothing.

Every view of innovation, challenges, grids and reports is wrapped by ``innovation.guards.guard`` (it
names its permission), except the public pages listed here with their reason. Every permission those
apps declare is checked somewhere: by a guard, a template's ``{% has_perm %}`` or the code.
"""

from __future__ import annotations

import re
from pathlib import Path

import rules.permissions
from django.urls import URLPattern, URLResolver, get_resolver

from innovation import rules as innovation_rules

ROOT = Path(__file__).resolve().parents[1]
APPS = ("innovation", "challenges", "grids", "reports")

# Pages anybody may open, signed in or not: nothing to guard.
PUBLIC = {
    "innovation.views.pages.home": "the home page",
    "innovation.views.pages.healthz": "the load balancer's health check",
    "innovation.views.pages.invitation_accept": "opened with the signed token of an invitation",
    "challenges.views.editions.edition_list": "editions are public",
    "challenges.views.editions.edition_detail": "editions are public; counts are of the challenges one may see",
    "challenges.views.editions.site_detail": "sites are public; it lists the challenges one may see",
    "challenges.views.calendars.edition_calendar": "the calendar of a public edition",
    "challenges.views.calendars.site_calendar": "the calendar of a public site",
    "innovation.views.account.person_calendar": "opened by a calendar application with the person's secret token",
    "innovation.views.legal.accessibility": "the accessibility statement",
    "innovation.views.legal.legal_notice": "the legal notice",
    "innovation.views.legal.privacy_policy": "the privacy policy",
}


def _views(resolver: URLResolver) -> list:
    views = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            views += _views(pattern)
        elif isinstance(pattern, URLPattern):
            views.append(pattern.callback)
    return views


def _path(view) -> str:
    return f"{view.__module__}.{view.__name__}"


def _our_views() -> list:
    return [view for view in _views(get_resolver()) if view.__module__.split(".")[0] in APPS]


def test_every_view_of_the_apps_is_guarded_or_public():
    unguarded = sorted(
        _path(view) for view in _our_views() if not hasattr(view, "permission") and _path(view) not in PUBLIC
    )

    assert not unguarded, f"Guard these views with innovation.guards.guard (or list them as public): {unguarded}"


def test_every_public_view_listed_exists_and_is_not_guarded():
    views = {_path(view): view for view in _our_views()}

    assert PUBLIC.keys() <= views.keys(), sorted(PUBLIC.keys() - views.keys())
    assert not [name for name in PUBLIC if hasattr(views[name], "permission")]


def _checked_in_sources() -> str:
    """The code and templates of every app (a permission may be checked by an app above its own)."""
    folders = [path.parent for path in ROOT.glob("*/apps.py")] + [ROOT / "templates"]
    sources = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.suffix in {".py", ".html", ".txt"} and path.name != "rules.py" and "migrations" not in path.parts:
                sources.append(path.read_text())
    return "\n".join(sources)


def test_every_declared_permission_is_checked_somewhere():
    declared = {name for name in rules.permissions.permissions if name.split(".")[0] in APPS}
    guarded = {view.permission for view in _our_views() if getattr(view, "permission", None)}
    sources = _checked_in_sources()
    named = {name for name in declared if re.search(rf"[\"']{re.escape(name)}[\"']", sources)}

    asked_by_the_admin = innovation_rules.ADMIN_PERMISSIONS  # staff's admin rights, asked by django.contrib.admin
    unchecked = sorted(declared - guarded - named - asked_by_the_admin)

    assert not unchecked, f"Declared but never checked: drop them or use them: {unchecked}"
