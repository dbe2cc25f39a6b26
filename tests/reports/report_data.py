"""A site with challenges whose every report field is filled, some with formula-like text."""

from __future__ import annotations

from django.utils import timezone

from challenges.models import PhaseContent, TeamMembership
from grids.services.assessments import assessment_submit
from tests.challenges.factories import (
    ChallengeFactory,
    QuestionReformulationFactory,
    SiteFactory,
    TeamMembershipFactory,
    ThemeFactory,
)
from tests.factories import UserFactory
from tests.grids.assessment_factories import AssessmentFactory, answer_all, grid_build, submitted

INJECTION = '=HYPERLINK("http://evil.example","clic")'


def report_site(*, facilitators=(), challenges: int = 3, place: str = "Rennes", assessments: bool = False):
    """A site with ``challenges`` challenges; with ``assessments``, challenge 1 is assessed "public action",
    challenge 2 "to rework" (its justifications start with "="), and challenge 3 has only a draft."""
    site = SiteFactory(place=place, facilitators=list(facilitators))
    grid = grid_build((2, 2, 2, 2, 2), title="Grille des cinq étapes") if assessments else None
    theme = ThemeFactory(edition=site.edition, title="Leviers de l’innovation")
    made = []
    for number in range(1, challenges + 1):
        challenge = ChallengeFactory(
            site=site,
            number=number,
            question=f"Comment simplifier les inscriptions n°{number} ?",
            theme=theme,
            territory_communes=43,
            territory_inhabitants=216_000,
            stakes="- Réduire les délais\n- Simplifier",
            stakeholders="Les écoles",
            users="Les familles",
            obstacles="Des logiciels anciens",
            levers=INJECTION if number == 1 else "+33 1 23 45 67 89",
            phase="prototype",
        )
        owner = UserFactory(display_name=f"Porteuse {number}", job_title="Directrice")
        TeamMembershipFactory(challenge=challenge, person=owner, role=TeamMembership.Role.OWNER)
        TeamMembershipFactory(
            challenge=challenge, person=UserFactory(display_name="@contributeur"), job_title="-chargé"
        )
        QuestionReformulationFactory(
            challenge=challenge,
            previous_question="Comment faire ?",
            new_question=challenge.question,
            reason="Trop large",
        )
        PhaseContent.objects.create(challenge=challenge, phase="ideation", text="Idée phare : un guichet unique")
        PhaseContent.objects.create(challenge=challenge, phase="test", text="Test en mairie", learnings="Ça marche")
        if grid is not None:
            assessment = AssessmentFactory(challenge=challenge, grid=grid, assessor=owner)
            if number == 1:
                submitted(assessment, level=3)
            elif number == 2:
                answer_all(assessment, level=1, justification=INJECTION)
                assessment_submit(assessment=assessment, by=owner, at=timezone.now())
        made.append(challenge)
    return site, made
