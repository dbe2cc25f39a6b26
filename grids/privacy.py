"""What the grids app holds about a person, and what it erases when the person deletes their account.

Erased: their assessment drafts (work nobody else saw), and their projects that are not challenges yet
(issue 15), with those projects' assessments. Kept, attributed to the anonymised person: the assessments
they submitted on challenges, so that a challenge's results, progress and comparisons keep their meaning,
the projects that became challenges, and the grids they wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from grids.models import Answer, Assessment, Grid, Project
from innovation.models import User
from innovation.privacy import personal_data_eraser_register, personal_data_register


def assessment_rows(*, person: User) -> Iterator[dict[str, Any]]:
    assessments = (
        Assessment.objects.filter(assessor=person)
        .select_related("challenge__site", "project", "grid")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("criterion__step").order_by(
                    "criterion__step__position", "criterion__position", "id"
                ),
            )
        )
        .order_by("created_at", "id")
    )
    for assessment in assessments:
        challenge = assessment.challenge
        yield {
            "site": challenge.site.place if challenge else "",
            "challenge_number": challenge.number if challenge else None,
            "challenge_question": challenge.question if challenge else "",
            "project": assessment.project.title if assessment.project else "",
            "kind": assessment.kind,
            "status": assessment.status,
            "grid": str(assessment.grid),
            "created": assessment.created_at,
            "submitted": assessment.submitted_at,
            "overall_score": assessment.overall_score,
            "verdict": assessment.verdict,
            "step_scores": assessment.step_scores,
            "answers": [
                {
                    "step": answer.criterion.step.position,
                    "criterion": answer.criterion.text,
                    "level": answer.level,
                    "other_answer": answer.special,
                    "justification": answer.justification,
                }
                for answer in assessment.answers.all()
            ],
        }


def grid_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for grid in Grid.objects.filter(created_by=person).order_by("created_at", "id"):
        yield {"title": grid.title, "version": grid.version, "created": grid.created_at}


def project_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for project in Project.objects.filter(owner=person).select_related("organisation").order_by("created_at", "id"):
        yield {
            "title": project.title,
            "organisation": project.organisation.name,
            "description": project.description,
            "created": project.created_at,
            "became_challenge": project.became_challenge_at,
        }


def erase(*, person: User) -> None:
    Assessment.objects.filter(assessor=person, status=Assessment.Status.DRAFT).delete()
    Project.objects.filter(owner=person, challenge__isnull=True).delete()


def register() -> None:
    personal_data_register("assessments", assessment_rows)
    personal_data_register("grids_written", grid_rows)
    personal_data_register("projects", project_rows)
    personal_data_eraser_register(erase)
