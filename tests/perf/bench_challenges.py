"""Server time of the site page (one page of results) and of the challenge page, with 1,000 challenges on a site.

Each page is timed with Django's test ``Client`` (the whole middleware stack, no network) as a ratio to a
minimal page measured in the same run, on the same database: a test-only view added through a test-only
URLconf (``ROOT_URLCONF`` is overridden for the run). The pages and the baselines take turns, request
after request, so that a slower spell of the (shared) machine weighs on all of them alike. Templates
render without the test environment's instrumentation, as in production (see
``_without_template_instrumentation``). Two baselines are reported:

- ``layout``: a template that extends ``base.html`` (navigation, messages, footer) with one paragraph:
  the cheapest page a visitor can get; the target (≤ 3×) applies to this ratio;
- ``bare``: a template of one line with no layout (for information).

Both pages are served from the reading pages' cache (``challenges.services.cache``), renewed by every
write: anonymous visitors get the whole content from it (a hit makes no query on the site page, and one
on the challenge page: its visibility); signed-in people get the parts shared by everyone who sees the
same challenges (the site's listing, the challenge's data) and have their own actions rendered on every
request. A warm cache is the steady state (many readers, rare writes), and it is what the target rows
measure (the warm-up requests fill it). The cold time (the content version renewed before every request,
so each one queries and renders everything) is reported for each persona as an informational row.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

TARGET_RATIO = 3.0
CHALLENGES = 1000

_LAYOUT = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Bench{% endblock %}{% block content %}<p>{{ value }}</p>{% endblock %}'
)
_BARE = engines["django"].from_string("<!DOCTYPE html><title>Bench</title><p>{{ value }}</p>")


def minimal_layout_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_LAYOUT.render({"value": "ok"}, request))


def minimal_bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_BARE.render({"value": "ok"}, request))


def _urlpatterns():
    from innovation.urls import urlpatterns

    return [
        path("bench/minimal-layout/", minimal_layout_view, name="bench_minimal_layout"),
        path("bench/minimal-bare/", minimal_bare_view, name="bench_minimal_bare"),
        *urlpatterns,
    ]


urlpatterns = _urlpatterns()


def _data():
    from challenges.models import Challenge, QuestionReformulation, TeamMembership
    from tests.challenges.factories import ChallengeFactory, SiteFactory, ThemeFactory
    from tests.factories import OrganisationFactory, UserFactory

    facilitator = UserFactory(email="bench-facilitator@example.org")
    site = SiteFactory(facilitators=[facilitator])
    themes = [ThemeFactory(edition=site.edition) for _ in range(4)]
    organisations = [OrganisationFactory(name=f"Commune bench {n}") for n in range(20)]
    Challenge.objects.bulk_create(
        [
            ChallengeFactory.build(
                site=site,
                number=n,
                theme=themes[n % 4],
                organisation=organisations[n % 20],
                phase=Challenge.Phase.values[n % 5],
                stakes="**Enjeux** du défi, avec une liste :\n\n- un\n- deux\n",
                status=Challenge.Status.DRAFT if n % 10 == 0 else Challenge.Status.PUBLISHED,
            )
            for n in range(1, CHALLENGES + 1)
        ],
        batch_size=500,
    )
    challenge = site.challenges.get(number=5)
    roles = TeamMembership.Role.values
    TeamMembership.objects.bulk_create(
        [TeamMembership(challenge=challenge, person=UserFactory(), role=roles[n % 3]) for n in range(6)]
    )
    QuestionReformulation.objects.bulk_create(
        [
            QuestionReformulation(challenge=challenge, previous_question="Q ?", new_question="Q2 ?", reason="R")
            for _ in range(3)
        ]
    )
    from django.db import connection

    with connection.cursor() as cursor:  # as autovacuum would after a bulk load: fresh statistics for the planner
        cursor.execute("ANALYZE")
    return site, challenge, facilitator


def _without_template_instrumentation() -> None:
    """Render templates as production does: without the test environment's per-template signal.

    ``setup_test_environment`` (used by ``bench_database``) wraps ``Template._render`` so that the test
    Client can copy every template's context: a cost that grows with the number of templates and
    includes a page renders, and that no production request pays. Its own teardown restores the same
    original, so putting it back here is harmless.
    """
    from django.template import Template
    from django.test.utils import _TestState

    saved = getattr(_TestState, "saved_data", None)
    if saved is not None:
        Template._render = saved.template_render


def _medians_interleaved(client, urls: dict[str, str], *, repeat: int = 61, warmup: int = 5) -> dict[str, float]:
    """Median time of each URL, the URLs taking turns: a slower spell of the machine hits them all alike."""
    import statistics
    import time

    samples: dict[str, list[float]] = {name: [] for name in urls}
    for index in range(warmup + repeat):
        for name, url in urls.items():
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, (url, response.status_code)
            if index >= warmup:
                samples[name].append(elapsed)
    return {name: statistics.median(values) for name, values in samples.items()}


def _median_uncached(client, url: str, *, repeat: int = 31, warmup: int = 5) -> float:
    """Median time of ``url`` with the public pages' cache renewed (outside the timing) before each request."""
    import statistics
    import time

    from challenges.services.cache import public_content_changed

    samples = []
    for index in range(warmup + repeat):
        public_content_changed()  # no transaction here: the version changes at once
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        if index >= warmup:
            samples.append(elapsed)
    return statistics.median(samples)


def run() -> list[dict]:
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from tests.perf.bench import bench_database, median_seconds

    rows: list[dict] = []
    with bench_database(), override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        _without_template_instrumentation()
        site, challenge, facilitator = _data()
        from challenges.models import Challenge

        one_query = median_seconds(lambda: Challenge.objects.filter(pk=challenge.pk).first(), repeat=51, warmup=5)
        rows.append(
            {
                "measure": "one ORM query (a challenge by id), for scale",
                "value": round(one_query * 1000, 2),
                "unit": "ms",
            }
        )
        for persona in ("anonymous", "facilitator"):
            client = Client()
            if persona == "facilitator":
                client.force_login(facilitator)
            urls = {
                "layout": reverse("bench_minimal_layout"),
                "bare": reverse("bench_minimal_bare"),
                "site": reverse("challenges:site_detail", args=[site.pk]),
                "challenge": reverse("challenges:challenge_detail", args=[challenge.pk]),
            }

            seconds = _medians_interleaved(client, urls)
            for page, label in (("site", "site page, 1,000 challenges, page 1"), ("challenge", "challenge page")):
                cold = _median_uncached(client, urls[page])
                rows.append(
                    {"measure": f"{label} ({persona}, cache cold, for information)",
                     "value": round(cold * 1000, 2), "unit": "ms"}
                )  # fmt: skip
                rows.append(
                    {"measure": f"{label} ({persona}, cache cold) / minimal page with layout",
                     "value": round(cold / seconds["layout"], 2), "unit": "×"}
                )  # fmt: skip
            rows.append(
                {"measure": f"minimal page with layout ({persona})", "value": round(seconds["layout"] * 1000, 2),
                 "unit": "ms"}
            )  # fmt: skip
            rows.append(
                {"measure": f"minimal bare template ({persona})", "value": round(seconds["bare"] * 1000, 2),
                 "unit": "ms"}
            )  # fmt: skip
            for page, label in (("site", "site page, 1,000 challenges, page 1"), ("challenge", "challenge page")):
                label = f"{label}, cache warm"
                ratio = seconds[page] / seconds["layout"]
                rows.append({"measure": f"{label} ({persona})", "value": round(seconds[page] * 1000, 2), "unit": "ms"})
                rows.append(
                    {
                        "measure": f"{label} ({persona}) / minimal page with layout",
                        "value": round(ratio, 2),
                        "unit": "×",
                        "target": f"≤ {TARGET_RATIO:g}",
                        "ok": ratio <= TARGET_RATIO,
                    }
                )
                rows.append(
                    {
                        "measure": f"{label} ({persona}) / minimal bare template",
                        "value": round(seconds[page] / seconds["bare"], 2),
                        "unit": "×",
                    }
                )
    return rows
