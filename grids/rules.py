"""Who may do what with criteria grids and assessments: named predicates, used by views, templates and tests."""

from __future__ import annotations

import rules

from challenges.rules import (
    is_challenge_site_facilitator,
    is_site_facilitator,
    is_site_team_member,
    is_staff,
    is_team_member,
    is_team_owner,
    runs_challenge,
)
from challenges.selectors.challenges import facilitates_a_site
from grids.models import Criterion, GridStep
from grids.selectors import assessments_visible_to


@rules.predicate
def is_any_site_facilitator(user) -> bool:
    return facilitates_a_site(user=user)


def _grid_of(obj):
    """The grid version a grid, a step or a criterion belongs to."""
    if obj is None:
        return None
    if isinstance(obj, GridStep):
        return obj.grid
    if isinstance(obj, Criterion):
        return obj.step.grid
    return obj


@rules.predicate
def is_platform_grid(user, obj) -> bool:
    grid = _grid_of(obj)
    return grid is not None and grid.is_platform


@rules.predicate
def is_grid_of_my_organisation(user, obj) -> bool:
    grid = _grid_of(obj)
    return (
        grid is not None
        and user.is_authenticated
        and grid.organisation_id is not None
        and grid.organisation_id == user.organisation_id
    )


@rules.predicate
def coordinates_grid_lab(user, obj) -> bool:
    """An active coordinator of one of the networks of the lab that owns the grid."""
    grid = _grid_of(obj)
    if grid is None or grid.lab_id is None or not user.is_authenticated:
        return False
    return user.network_memberships.filter(network__lab_id=grid.lab_id, role="coordinator", status="active").exists()


@rules.predicate
def has_organisation(user) -> bool:
    return user.is_authenticated and user.organisation_id is not None


@rules.predicate
def is_assessor(user, assessment) -> bool:
    return assessment is not None and user.is_authenticated and assessment.assessor_id == user.pk


@rules.predicate
def is_assessment_draft(user, assessment) -> bool:
    return assessment is not None and assessment.is_draft


@rules.predicate
def can_see_assessment(user, assessment) -> bool:
    """Whether ``assessment`` is among ``assessments_visible_to(user)``: visibility is written once, as that query.

    A draft is seen by its assessor only; a submitted assessment also by those who follow the challenge
    (its team, its site's facilitators, staff). Asked once per request and object.
    """
    if assessment is None:
        return False
    cache = assessment.__dict__.setdefault("_visible_to", {})
    if user.pk not in cache:
        cache[user.pk] = assessments_visible_to(user=user).filter(pk=assessment.pk).exists()
    return cache[user.pk]


# Reading grids (list, detail, export) is for those who run challenges; changing a grid is for staff
# (the platform's grids, the default one among them, and any other), the facilitators of the owner
# organisation, and the coordinators of the owner lab. A facilitator's copies and imports go to their
# organisation, so they need one.
rules.add_perm("grids.manage_grids", is_staff | is_any_site_facilitator)
rules.add_perm("grids.view_grid", is_staff | is_any_site_facilitator | coordinates_grid_lab)
rules.add_perm(
    "grids.change_grid", is_staff | (is_any_site_facilitator & is_grid_of_my_organisation) | coordinates_grid_lab
)
rules.add_perm("grids.add_grid", is_staff | (is_any_site_facilitator & has_organisation))
rules.add_perm("grids.view_assessment", can_see_assessment)
rules.add_perm("grids.change_assessment", is_assessor & is_assessment_draft)
rules.add_perm("grids.start_self_assessment", is_team_owner)
rules.add_perm("grids.start_review", runs_challenge)
rules.add_perm("grids.assign_peer_review", runs_challenge)
rules.add_perm("grids.view_assessments", is_team_member | is_challenge_site_facilitator | is_staff)
rules.add_perm("grids.view_site_assessments", is_site_facilitator | is_staff)


# Grid trials (issue 15): a facilitator of the site (or staff) runs and concludes the trial; the people of
# the site (its facilitators, the teams of its challenges) try the grid and vote on its criteria.
@rules.predicate
def is_trial_site_facilitator(user, trial) -> bool:
    return trial is not None and is_site_facilitator.test(user, trial.site)


@rules.predicate
def is_trial_site_participant(user, trial) -> bool:
    return trial is not None and is_site_team_member.test(user, trial.site)


rules.add_perm("grids.start_trial", is_staff | is_site_facilitator)  # on a site
rules.add_perm("grids.view_trial", is_staff | is_trial_site_facilitator | is_trial_site_participant)
rules.add_perm("grids.vote_trial", is_staff | is_trial_site_facilitator | is_trial_site_participant)
rules.add_perm("grids.conclude_trial", is_staff | is_trial_site_facilitator)


# Accompaniment after « à retravailler » (issue 15): the team and those who run the challenge follow the plan.
def _plan_challenge(plan):
    return plan.assessment.challenge if plan is not None else None


@rules.predicate
def is_assessment_runner_or_owner(user, assessment) -> bool:
    if assessment is None:
        return False
    if assessment.challenge_id is None:  # a project not yet a challenge: its owner
        return user.is_authenticated and assessment.project.owner_id == user.pk
    return is_team_owner.test(user, assessment.challenge) or runs_challenge.test(user, assessment.challenge)


@rules.predicate
def follows_plan(user, plan) -> bool:
    if plan is not None and plan.assessment.challenge_id is None:  # a project's plan: its owner
        return user.is_authenticated and plan.assessment.project.owner_id == user.pk
    challenge = _plan_challenge(plan)
    return challenge is not None and (
        is_team_member.test(user, challenge) or is_challenge_site_facilitator.test(user, challenge)
    )


rules.add_perm("grids.start_plan", is_assessment_runner_or_owner)
rules.add_perm("grids.view_plan", follows_plan | is_staff)
rules.add_perm("grids.change_plan", follows_plan | is_staff)


# Projects assessed before they are challenges (issue 15): a person of an organisation opens one and assesses
# it; the facilitators (of any site) and staff read the projects to take them on, and turn one into a
# challenge of a site they facilitate (``grids.services.projects.project_to_challenge`` checks the site).
@rules.predicate
def is_project_owner(user, project) -> bool:
    return project is not None and user.is_authenticated and project.owner_id == user.pk


@rules.predicate
def is_project_not_challenge(user, project) -> bool:
    return project is not None and project.challenge_id is None


rules.add_perm("grids.add_project", has_organisation)
rules.add_perm("grids.view_project", is_project_owner | is_staff | is_any_site_facilitator)
rules.add_perm("grids.assess_project", is_project_owner & is_project_not_challenge)
rules.add_perm("grids.convert_project", (is_staff | is_any_site_facilitator) & is_project_not_challenge)
