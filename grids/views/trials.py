"""Grid trials: a facilitator tries a grid version on some challenges of a site, testers vote, it concludes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from challenges.models import Challenge, Site
from challenges.selectors.challenges import site_scope
from grids import selectors
from grids.forms_trials import TrialConcludeForm, TrialStartForm, TrialVoteForm
from grids.models import Criterion, Grid, GridTrial
from grids.services import trials as services
from innovation.forms import form_add_service_errors
from innovation.guards import Scope, guard

SITE = Scope(site_scope)
TRIAL = Scope(selectors.trial_scope)


@guard("grids.start_trial", load=SITE)
def trial_start(request: HttpRequest, site: Site) -> HttpResponse:
    grids = Grid.objects.filter(is_current=True).order_by("-is_default", "title")
    challenges = Challenge.objects.filter(site=site).order_by("number")
    initial = {"grid": request.GET.get("grid")} if request.GET.get("grid", "").isdigit() else {}
    form = TrialStartForm(request.POST or None, grids=grids, challenges=challenges, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                trial = services.trial_start(
                    grid=form.cleaned_data["grid"],
                    site=site,
                    challenges=form.cleaned_data["challenges"],
                    by=request.user,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The trial starts on %(count)s challenges.") % {"count": len(form.cleaned_data["challenges"])},
                )
                return redirect("grids:trial_detail", trial.pk)
        status = 400
    return render(request, "grids/trials/trial_start.html", {"site": site, "form": form}, status=status)


def _trial_page(request: HttpRequest, trial: GridTrial, *, vote_form=None, conclude_form=None, status=200):
    summary = selectors.trial_summaries(trials=[trial], user=request.user)[0]
    context = {
        "trial": trial,
        "summary": summary,
        "vote_form": vote_form,
        "conclude_form": conclude_form or TrialConcludeForm(),
    }
    return render(request, "grids/trials/trial_detail.html", context, status=status)


@guard("grids.view_trial", load=TRIAL, methods=("GET",))
def trial_detail(request: HttpRequest, trial: GridTrial) -> HttpResponse:
    return _trial_page(request, trial)


@guard("grids.vote_trial", load=TRIAL, methods=("POST",))
def trial_vote(request: HttpRequest, trial: GridTrial) -> HttpResponse:
    form = TrialVoteForm(request.POST)
    if form.is_valid():
        criterion = Criterion.objects.select_related("step").filter(pk=form.cleaned_data["criterion"]).first()
        try:
            if criterion is None:
                raise ValidationError({"criterion": ValidationError(_("This criterion is not in the grid tried."))})
            services.trial_vote(
                trial=trial,
                tester=request.user,
                criterion=criterion,
                verdict=form.cleaned_data["verdict"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your vote is recorded."))
            return redirect(f"{reverse('grids:trial_detail', args=[trial.pk])}#criterion-{criterion.pk}")
    return _trial_page(request, trial, vote_form=form, status=400)


@guard("grids.conclude_trial", load=TRIAL, methods=("POST",))
def trial_conclude(request: HttpRequest, trial: GridTrial) -> HttpResponse:
    form = TrialConcludeForm(request.POST)
    if form.is_valid():
        try:
            services.trial_conclude(
                trial=trial,
                by=request.user,
                conclusion=form.cleaned_data["conclusion"],
                validated=form.cleaned_data["outcome"] == GridTrial.Outcome.VALIDATED,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The trial is concluded."))
            return redirect("grids:trial_detail", trial.pk)
    return _trial_page(request, trial, conclude_form=form, status=400)
