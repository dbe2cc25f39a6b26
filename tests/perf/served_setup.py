"""Fill the served benchmark's database; run by bench_served.py with the served settings, prints JSON.

Migrates, loads the demo data, adds 1,000 published challenges to the demo's busiest site, analyses the tables
(PostgreSQL's statistics), and opens a session for the demo challenge owner (the cookie the load generator sends
for the signed-in rows).
"""

from __future__ import annotations

import json
import os

import django

EXTRA_CHALLENGES = 1000
SIGNED_IN = "porteur@demo.defis.fr"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.perf.settings_served")
    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Max
    from django.urls import reverse

    from challenges.models import Challenge, Site
    from grids.models import Assessment
    from innovation.models import User

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo_data", verbosity=0)

    site = Site.objects.annotate(n=Count("challenges")).order_by("-n", "pk").first()
    if site.challenges.count() < EXTRA_CHALLENGES:
        first = (site.challenges.aggregate(top=Max("number"))["top"] or 0) + 1
        model = site.challenges.order_by("pk").first()
        Challenge.objects.bulk_create(
            Challenge(
                site=site,
                number=first + n,
                question=f"Comment rendre la démarche n°{first + n} plus simple pour les usagers ?",
                subject="Simplifier une démarche",
                organisation_id=model.organisation_id,
                territory="Rennes",
                stakes="Les usagers **attendent** trop longtemps.",
                status=Challenge.Status.PUBLISHED,
            )
            for n in range(EXTRA_CHALLENGES)
        )

    # Statistics, as a database that has lived has them (autovacuum's ANALYZE): without them, PostgreSQL plans the
    # freshly filled tables blind, and the benchmark would measure plans production never runs.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    person = User.objects.get(email=SIGNED_IN)
    challenge = Challenge.objects.filter(team__person=person, status=Challenge.Status.PUBLISHED).order_by("pk").first()
    assessment = (
        Assessment.objects.filter(challenge__team__person=person, status=Assessment.Status.SUBMITTED)
        .order_by("pk")
        .first()
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(person.pk)
    store[BACKEND_SESSION_KEY] = "innovation.backends.AuthenticateOnlyBackend"
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store.save()

    pages = {
        "home": reverse("home"),
        "site": reverse("challenges:site_detail", args=[site.pk]),
        "challenge": reverse("challenges:challenge_detail", args=[challenge.pk]),
        "notification centre": reverse("notifications"),
    }
    if assessment is not None:
        pages["assessment results"] = reverse("grids:assessment_results", args=[assessment.pk])
    print(
        json.dumps(
            {
                "session_cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}",
                "site_challenges": site.challenges.count(),
                "floors": {
                    "floor: bare": reverse("bench_floor_bare"),
                    "floor: layout": reverse("bench_floor_layout"),
                    "floor: one challenge": reverse("bench_floor_challenge", args=[challenge.pk]),
                },
                "pages": pages,
                "private": ["assessment results", "notification centre"],
            }
        )
    )


if __name__ == "__main__":
    main()
