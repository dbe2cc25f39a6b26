"""Trials of a grid version: start one on some challenges of a site, vote per criterion, conclude.

Public functions
- ``trial_start(*, grid, site, challenges, by) -> GridTrial``: a trial of a version still on trial.
- ``trial_vote(*, trial, tester, criterion, verdict, comment) -> TrialVote``: a tester's vote on one
  criterion (their later vote replaces it); "to revisit" needs a comment saying what to change.
- ``trial_conclude(*, trial, by, conclusion, validated) -> GridTrial``: ends the trial; a validated
  trial makes the grid version validated (``grids.selectors.grid_trial_state``). The criteria voted « to
  revisit » are marked in the next version of the grid (now if it is drafted already, else when it is).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import Challenge, Site
from grids.models import Criterion, Grid, GridTrial, TrialVote
from grids.services.grids import revisit_marks_carry
from innovation.models import User


@transaction.atomic
def trial_start(*, grid: Grid, site: Site, challenges: Iterable[Challenge], by: User) -> GridTrial:
    Grid.objects.select_for_update().filter(pk=grid.pk).first()  # one trial at a time per version
    chosen = list(challenges)
    errors: dict[str, ValidationError] = {}
    if GridTrial.objects.filter(grid=grid, outcome=GridTrial.Outcome.VALIDATED).exists():
        errors["__all__"] = ValidationError(_("This grid version is already validated."), code="grid_validated")
    elif GridTrial.objects.filter(grid=grid, concluded_at__isnull=True).exists():
        errors["__all__"] = ValidationError(
            _("A trial of this grid version is under way: conclude it first."), code="trial_open"
        )
    if not chosen:
        errors["challenges"] = ValidationError(_("Choose the challenges the grid is tried on."), code="required")
    elif any(challenge.site_id != site.pk for challenge in chosen):
        errors["challenges"] = ValidationError(
            _("Every challenge of a trial belongs to its site."), code="challenge_of_another_site"
        )
    if errors:
        raise ValidationError(errors)
    trial = GridTrial.objects.create(grid=grid, site=site, started_by=by)
    trial.challenges.set(chosen)
    return trial


@transaction.atomic
def trial_vote(*, trial: GridTrial, tester: User, criterion: Criterion, verdict: str, comment: str = "") -> TrialVote:
    trial = GridTrial.objects.select_for_update().get(pk=trial.pk)
    if not trial.is_open:
        raise ValidationError(_("This trial is concluded: its votes are closed."), code="trial_concluded")
    if criterion.step.grid_id != trial.grid_id:
        raise ValidationError({"criterion": ValidationError(_("This criterion is not in the grid tried."))})
    if verdict not in TrialVote.Verdict.values:
        raise ValidationError({"verdict": ValidationError(_("Choose relevant or to revisit."), code="invalid")})
    comment = comment.strip()
    if verdict == TrialVote.Verdict.REVISIT and not comment:
        raise ValidationError(
            {"comment": ValidationError(_("Say what to revisit in this criterion."), code="revisit_needs_comment")}
        )
    vote, _created = TrialVote.objects.update_or_create(
        trial=trial, criterion=criterion, tester=tester, defaults={"verdict": verdict, "comment": comment}
    )
    return vote


@transaction.atomic
def trial_conclude(*, trial: GridTrial, by: User, conclusion: str, validated: bool) -> GridTrial:
    trial = GridTrial.objects.select_for_update().get(pk=trial.pk)
    if not trial.is_open:
        raise ValidationError(_("This trial is already concluded."), code="trial_concluded")
    conclusion = conclusion.strip()
    if not conclusion:
        raise ValidationError({"conclusion": ValidationError(_("Write what the trial concluded."), code="required")})
    if not trial.votes.exists():
        raise ValidationError(_("No tester has voted yet: a trial concludes on its votes."), code="no_votes")
    trial.conclusion = conclusion
    trial.outcome = GridTrial.Outcome.VALIDATED if validated else GridTrial.Outcome.TO_REVISE
    trial.concluded_at = timezone.now()
    trial.concluded_by = by
    trial.save(update_fields=["conclusion", "outcome", "concluded_at", "concluded_by"])
    revisit_marks_carry(grid=trial.grid)  # a next version drafted while the trial ran
    return trial
