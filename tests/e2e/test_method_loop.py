"""Issue 15 in Chromium: the owner confirms a retained idea; a facilitator tries a grid on 3 challenges and
validates it; an owner follows an accompaniment plan to a re-assessment that shows the actions done."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges.models import AuditEntry, Idea, TeamMembership
from challenges.services import ideas as idea_services
from grids.models import AccompanimentAction, Answer, Assessment, GridTrial, TrialVote
from grids.services.assessments import assessment_submit
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory
from tests.factories import PASSWORD, UserFactory
from tests.grids.assessment_factories import AssessmentFactory, criteria_of, grid_build
from tests.helpers.browser import assert_no_axe_violations, screenshot, sign_in_with_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_owner_confirms_a_retained_idea(page, live_server):
    owner = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")
    contributor = UserFactory(email="karim@example.org", display_name="Karim Benali")
    challenge = ChallengeFactory(site=SiteFactory(place="Rennes"), number=2)
    TeamMembershipFactory(challenge=challenge, person=owner, role=TeamMembership.Role.OWNER)
    TeamMembershipFactory(challenge=challenge, person=contributor, role=TeamMembership.Role.CONTRIBUTOR)
    idea_services.idea_add(challenge=challenge, actor=contributor, title="Un catalogue d’ateliers à réserver")
    idea_services.idea_add(challenge=challenge, actor=contributor, title="Des intervenants des fablabs")
    idea_services.idea_add(challenge=challenge, actor=contributor, title="Un référent dans chaque collège")

    # The owner opens the key ideas from the ideation phase, retains two, confirms the first
    sign_in_with_form(page, owner.email, PASSWORD)
    page.goto(reverse("challenges:challenge_detail", args=[challenge.pk]))
    page.get_by_role("link", name="Idées phares : lister, retenir, confirmer").click()
    page.wait_for_url("**/ideas/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Retenir « Un catalogue d’ateliers à réserver »").click()
    page.get_by_role("button", name="Retenir « Des intervenants des fablabs »").click()
    assert "«\u00a0Des intervenants des fablabs\u00a0» est retenue." in page.inner_text("body")
    # An idea without a title is refused next to the field, the description kept
    page.get_by_label("Description").fill("Gardée malgré l’erreur")
    page.get_by_role("button", name="Ajouter l’idée").click()
    assert "Ce champ est obligatoire." in page.inner_text("body")
    assert page.get_by_label("Description").input_value() == "Gardée malgré l’erreur"
    assert_no_axe_violations(page)
    screenshot(page, "ideas-two-retained")
    page.get_by_role("button", name="Confirmer « Un catalogue d’ateliers à réserver » comme idée retenue").click()
    page.wait_for_url(f"**/challenges/{challenge.pk}/")

    # The selected-idea phase shows it, and the history records it
    confirmed = page.get_by_test_id("confirmed-idea")
    assert "Un catalogue d’ateliers à réserver" in confirmed.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "idea-confirmed-on-challenge")
    assert Idea.objects.get(confirmed_at__isnull=False).title == "Un catalogue d’ateliers à réserver"
    assert AuditEntry.objects.filter(challenge=challenge, action=AuditEntry.Action.IDEA_CONFIRMED, actor=owner).exists()


def test_a_facilitator_tries_a_grid_on_three_challenges_and_validates_it(page, live_server):
    facilitator = UserFactory(email="yann@example.org", display_name="Yann Le Goff")
    site = SiteFactory(place="Rennes", facilitators=[facilitator])
    challenges = [
        ChallengeFactory(site=site, number=n, nature="digital" if n == 1 else "non_digital") for n in range(1, 6)
    ]
    grid = grid_build((2, 1), title="Grille des cinq étapes", mandatory_first=False)
    first, second, third = criteria_of(grid)

    # The facilitator starts a trial from the site page on 3 of its 5 challenges
    sign_in_with_form(page, facilitator.email, PASSWORD)
    page.goto(reverse("challenges:site_detail", args=[site.pk]))
    page.get_by_role("link", name="Essayer une grille de critères").click()
    page.get_by_label("Version de grille essayée").select_option(str(grid.pk))
    page.get_by_role("button", name="Lancer l’essai").click()  # no challenge chosen: refused, next to the field
    assert "Choisissez les défis sur lesquels la grille est essayée." in page.inner_text("body")
    assert_no_axe_violations(page)
    for challenge in challenges[:3]:
        page.get_by_label(f"Défi {challenge.number} : {challenge.question}", exact=False).check()
    page.get_by_role("button", name="Lancer l’essai").click()
    page.wait_for_url("**/grid-trials/*/")
    trial = GridTrial.objects.get()
    assert "essayée sur 3 des 5 défis" in " ".join(page.get_by_test_id("trial-coverage").inner_text().split())
    assert "défis numériques et non numériques" in page.get_by_test_id("trial-coverage").inner_text()

    # The facilitator votes: two criteria relevant, one to revisit (a comment is required)
    for criterion in (first, second):
        form = page.get_by_test_id(f"vote-{criterion.pk}")
        form.get_by_label("Pertinent").check()
        form.get_by_role("button", name="Enregistrer mon vote").click()
    form = page.get_by_test_id(f"vote-{third.pk}")
    form.get_by_label("À revoir").check()
    form.get_by_role("button", name="Enregistrer mon vote").click()
    assert "Dites ce qu’il faut revoir dans ce critère." in page.inner_text("body")
    form = page.get_by_test_id(f"vote-{third.pk}")
    form.get_by_label("Commentaire").fill("Préciser la place des usagers")
    form.get_by_label("À revoir").check()
    form.get_by_role("button", name="Enregistrer mon vote").click()
    assert TrialVote.objects.filter(trial=trial).count() == 3
    assert_no_axe_violations(page)
    screenshot(page, "grid-trial-votes")

    # And concludes: validated
    page.get_by_label("Validée").check()
    page.get_by_label("Conclusion").fill("Les critères sont pertinents, pour les défis numériques ou non.")
    page.get_by_role("button", name="Conclure", exact=True).click()
    assert "Les critères sont pertinents" in page.get_by_test_id("trial-conclusion").inner_text()

    # The grid page says so, with the criterion to revisit marked for the next version
    page.goto(reverse("grids:grid_detail", args=[grid.pk]))
    trials = page.get_by_test_id("grid-trials")
    assert "validée" in trials.inner_text()
    assert "essayée sur 3 des 5 défis" in " ".join(trials.inner_text().split())
    assert third.text in page.get_by_test_id("to-revisit").inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "grid-page-trial-validated")
    assert GridTrial.objects.get().outcome == GridTrial.Outcome.VALIDATED


def _assess(challenge, grid, owner, levels: dict[int, int], at) -> Assessment:
    assessment = AssessmentFactory(challenge=challenge, grid=grid, assessor=owner)
    Answer.objects.bulk_create(
        Answer(assessment=assessment, criterion=c, level=levels[c.step.position], justification="Parce que.")
        for c in criteria_of(grid)
    )
    return assessment_submit(assessment=assessment, by=owner, at=at)


def test_an_owner_follows_an_accompaniment_plan_to_a_reassessment(page, live_server):
    owner = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")
    challenge = ChallengeFactory(site=SiteFactory(place="Rennes"), number=3)
    TeamMembershipFactory(challenge=challenge, person=owner, role=TeamMembership.Role.OWNER)
    grid = grid_build((2, 2, 2), title="Grille des cinq étapes", mandatory_first=False)
    first = _assess(challenge, grid, owner, {1: 0, 2: 3, 3: 0}, at=timezone.now() - datetime.timedelta(days=30))

    # The owner reads « à retravailler » and starts the plan: one action per weak step
    sign_in_with_form(page, owner.email, PASSWORD)
    page.goto(reverse("grids:assessment_results", args=[first.pk]))
    page.get_by_role("button", name="Lancer un plan d’accompagnement").click()
    page.wait_for_url("**/accompaniment/*/")
    actions = list(AccompanimentAction.objects.order_by("step_position"))
    assert [action.step_position for action in actions] == [1, 3]
    assert_no_axe_violations(page)

    # A wrong date is refused next to the field, nothing typed lost; then the first action is done
    block = page.get_by_test_id("action-1")
    block.get_by_label("Action").fill("Rencontrer six familles avant la rentrée")
    block.get_by_label("État").select_option("done")
    block.get_by_label("Échéance").evaluate("(el) => { el.type = 'text'; el.value = '31/02/2026'; }")
    block.get_by_role("button", name="Enregistrer l’action de l’étape 1").click()
    block = page.get_by_test_id("action-1")
    assert block.get_by_label("Action").input_value() == "Rencontrer six familles avant la rentrée"
    assert "Saisissez une date" in block.inner_text()
    block.get_by_label("Échéance").evaluate("(el) => { el.type = 'date'; el.value = ''; }")
    block.get_by_label("Échéance").fill("2026-12-15")
    block.get_by_role("button", name="Enregistrer l’action de l’étape 1").click()
    assert "L’action de l’étape 1 est enregistrée." in page.inner_text("body")
    assert_no_axe_violations(page)
    screenshot(page, "accompaniment-plan")
    assert AccompanimentAction.objects.get(step_position=1).state == "done"

    # The re-assessment shows the action done next to the step whose score moved
    again = _assess(challenge, grid, owner, {1: 2, 2: 3, 3: 0}, at=timezone.now())
    page.goto(reverse("grids:assessment_results", args=[again.pk]))
    progress = page.get_by_test_id("plan-progress")
    text = " ".join(progress.inner_text().split())
    assert "1 action faite sur 2" in text
    moved = progress.locator("tbody tr").first
    assert "+67" in moved.inner_text() and "Terminé" in moved.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "reassessment-actions-done")
