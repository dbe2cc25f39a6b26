"""Benchmarks of scoring: one result, and 200 results at once (the site overview / export path)."""

from __future__ import annotations

from tests.perf.bench import bench_database, median_seconds


def run() -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    from challenges.models import Assessment
    from grids.services.grids import default_grid_ensure
    from grids.services.scoring import assessment_result, assessment_results
    from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
    from tests.factories import UserFactory
    from tests.grids.assessment_factories import AssessmentFactory, answer_all, submitted

    rows: list[dict] = []
    with bench_database():
        grid = default_grid_ensure()
        owner = UserFactory()
        site = SiteFactory()
        challenges = [ChallengeFactory(site=site, number=n + 1) for n in range(200)]
        for challenge in challenges:
            TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
            assessment = AssessmentFactory(challenge=challenge, grid=grid, assessor=owner)
            answer_all(assessment, level=2)
        one = Assessment.objects.select_related("grid").first()
        many = list(Assessment.objects.select_related("grid"))
        rows.append(
            {
                "measure": "assessment_result, 19 criteria",
                "value": median_seconds(lambda: assessment_result(assessment=one)) * 1000,
                "unit": "ms",
                "target": 20,
            }
        )
        rows.append(
            {
                "measure": "assessment_results, 200 assessments",
                "value": median_seconds(lambda: assessment_results(assessments=many), repeat=5) * 1000,
                "unit": "ms",
                "target": 500,
            }
        )
        done = submitted(AssessmentFactory(challenge=challenges[0], grid=grid, assessor=owner))
        client = Client()
        client.force_login(owner)
        url = reverse("grids:assessment_results", args=[done.pk])
        rows.append(
            {
                "measure": "results page",
                "value": median_seconds(lambda: client.get(url), repeat=10) * 1000,
                "unit": "ms",
                "target": 200,
            }
        )
    for row in rows:
        row["value"] = round(row["value"], 1)
        row["ok"] = row["value"] <= row["target"]
    return rows
