"""Accompaniment after « à retravailler »: start a plan from an assessment, follow its actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from grids import selectors
from grids.forms_accompaniment import ActionForm
from grids.models import AccompanimentPlan, Assessment
from grids.services import accompaniment as services
from innovation.forms import form_add_service_errors
from innovation.guards import Scope, guard

ASSESSMENT = Scope(selectors.assessments_visible_to)
PLAN = Scope(selectors.plan_scope)


@guard("grids.start_plan", load=ASSESSMENT, methods=("POST",))
def plan_start(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    try:
        plan = services.plan_start(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grids:assessment_results", pk=assessment.pk)
    messages.success(request, _("The accompaniment plan is ready: one action per step to rework."))
    return redirect("grids:plan_detail", plan.pk)


def _plan_page(request: HttpRequest, plan: AccompanimentPlan, *, failed=None, status: int = 200) -> HttpResponse:
    team = selectors.plan_team(plan=plan)
    rows = []
    for action in selectors.plan_actions(plan=plan):
        if failed is not None and failed[0] == action.pk:
            form = failed[1]
        else:
            form = ActionForm(
                team=team,
                prefix=f"a{action.pk}",
                initial={
                    "text": action.text,
                    "assignee": action.assignee_id,
                    "due_on": action.due_on,
                    "state": action.state,
                },
            )
        rows.append((action, form))
    context = {"plan": plan, "assessment": plan.assessment, "challenge": plan.assessment.subject, "rows": rows}
    return render(request, "grids/accompaniment/plan_detail.html", context, status=status)


@guard("grids.view_plan", load=PLAN, methods=("GET",))
def plan_detail(request: HttpRequest, plan: AccompanimentPlan) -> HttpResponse:
    return _plan_page(request, plan)


@guard("grids.change_plan", load=PLAN, methods=("POST",))
def action_update(request: HttpRequest, plan: AccompanimentPlan, action_id: int) -> HttpResponse:
    action = get_object_or_404(plan.actions.all(), pk=action_id)
    form = ActionForm(request.POST, team=selectors.plan_team(plan=plan), prefix=f"a{action.pk}")
    if form.is_valid():
        try:
            services.action_update(action=action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The action of step %(step)s is saved.") % {"step": action.step_position})
            return redirect("grids:plan_detail", plan.pk)
    return _plan_page(request, plan, failed=(action.pk, form), status=400)
