"""Projects assessed before they are challenges (issue 15): open one, assess it, turn it into a challenge."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grids import selectors
from grids.forms import AssessmentStartForm
from grids.forms_projects import ProjectChallengeForm, ProjectForm
from grids.models import Project
from grids.services import assessments as assessment_services
from grids.services import projects as services
from innovation.charts import progress_chart
from innovation.forms import form_add_service_errors
from innovation.guards import Scope, guard

PROJECT = Scope(selectors.project_scope)


@guard(methods=("GET",))
def project_list(request: HttpRequest) -> HttpResponse:
    mine, others = selectors.project_rows(user=request.user)
    return render(
        request,
        "grids/projects/project_list.html",
        {"mine": mine, "others": others, "can_add": request.user.has_perm("grids.add_project")},
    )


@guard("grids.add_project")
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your project is open: assess it with the criteria grid."))
            return redirect("grids:project_detail", pk=project.pk)
    return render(request, "grids/projects/project_form.html", {"form": form}, status=400 if form.errors else 200)


def _start_form(request: HttpRequest) -> AssessmentStartForm:
    grids = selectors.grids_current().order_by("-is_default", "title")
    return AssessmentStartForm(request.POST if request.method == "POST" else None, grids=grids)


def _detail(request: HttpRequest, project: Project, start_form: AssessmentStartForm, status: int = 200):
    assessments = selectors.project_assessments(project=project, user=request.user)
    progress = sorted(
        (a for a in assessments if not a.is_draft and a.kind == a.Kind.SELF), key=lambda a: (a.submitted_at, a.pk)
    )
    return render(
        request,
        "grids/projects/project_detail.html",
        {
            "project": project,
            "assessments": assessments,
            "progress": progress,
            "progress_chart": progress_chart(scores=[a.overall_score for a in progress]) if len(progress) > 1 else None,
            "start_form": start_form,
            "grids": list(start_form.fields["grid"].queryset),
            "has_previous": bool(progress),
            "plans": [a for a in assessments if hasattr(a, "accompaniment_plan")],
        },
        status=status,
    )


@guard("grids.view_project", load=PROJECT, methods=("GET",))
def project_detail(request: HttpRequest, project: Project) -> HttpResponse:
    return _detail(request, project, _start_form(request))


@guard("grids.assess_project", load=PROJECT, methods=("POST",))
def project_assess(request: HttpRequest, project: Project) -> HttpResponse:
    form = _start_form(request)
    if not form.is_valid():
        messages.error(request, _("The assessment was not started: see the message next to the grid."))
        return _detail(request, project, form, status=400)
    assessment = assessment_services.project_assessment_start(
        project=project,
        by=request.user,
        grid=form.cleaned_data["grid"],
        from_previous=form.cleaned_data["from_previous"],
    )
    return redirect("grids:assessment_form", pk=assessment.pk)


@guard("grids.convert_project", load=PROJECT)
def project_to_challenge(request: HttpRequest, project: Project) -> HttpResponse:
    form = ProjectChallengeForm(request.POST or None, sites=selectors.project_target_sites(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.project_to_challenge(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("The project is now challenge %(number)s of its site.") % {"number": challenge.number}
            )
            return redirect("challenges:challenge_detail", challenge.pk)
    return render(
        request,
        "grids/projects/project_to_challenge.html",
        {"project": project, "form": form},
        status=400 if form.errors else 200,
    )
