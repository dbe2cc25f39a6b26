"""The grid editor (staff and facilitators): list, edit, reorder, duplicate, export and import grids."""

from __future__ import annotations

import copy
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grids.forms import CriterionForm, GridDuplicateForm, GridForm, GridImportForm, StepForm
from grids.models import Criterion, Grid, GridStep
from grids.selectors import (
    criterion_scope,
    grid_scope,
    grid_steps_with_criteria,
    grid_trial_state,
    grid_trials,
    grid_versions,
    grids_current,
    step_scope,
    trial_summaries,
)
from grids.services import grids as grid_services
from innovation.downloads import download_slug
from innovation.forms import form_add_service_errors
from innovation.guards import Scope, guard

MANAGE = "grids.manage_grids"
VIEW = "grids.view_grid"
CHANGE = "grids.change_grid"
ADD = "grids.add_grid"
GRID = Scope(grid_scope)
STEP = Scope(step_scope)
CRITERION = Scope(criterion_scope)


def _changed_version(request: HttpRequest, before: Grid, after: Grid) -> None:
    if before.pk != after.pk:
        messages.info(
            request,
            _(
                "Version %(old)s of this grid has been used by assessments: your change created version %(new)s. "
                "Earlier assessments keep version %(old)s."
            )
            % {"old": before.version, "new": after.version},
        )


def _trials_context(grid: Grid) -> dict:
    """The trials of this version (issue 15): its state, « essayée sur 8 des 15 défis », each criterion's votes."""
    trials = grid_trials(grid=grid)
    return {"trials": trial_summaries(trials=trials), "trial_state": grid_trial_state(trials=trials)}


@guard(MANAGE, methods=("GET",))
def grid_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "grids/editor/grid_list.html",
        {"grids": list(grids_current()), "can_add": request.user.has_perm(ADD)},
    )


@guard(VIEW, load=GRID, methods=("GET",))
def grid_detail(request: HttpRequest, grid: Grid) -> HttpResponse:
    return render(
        request,
        "grids/editor/grid_detail.html",
        {
            "grid": grid,
            "steps": grid_steps_with_criteria(grid=grid),
            "versions": list(grid_versions(grid=grid)),
            "is_used": grid_services.grid_is_used(grid=grid),
            "can_change": request.user.has_perm(CHANGE, grid),
            "can_add": request.user.has_perm(ADD),
            "step_form": StepForm(),
            "duplicate_form": GridDuplicateForm(),
            **_trials_context(grid),
        },
    )


@guard(CHANGE, load=GRID)
def grid_update(request: HttpRequest, grid: Grid) -> HttpResponse:
    # The form validates a copy (validation writes into its instance); the service gets the original.
    form = GridForm(request.POST or None, instance=copy.copy(grid))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            updated = grid_services.grid_update(
                grid=grid,
                by=request.user,
                title=data["title"],
                description=data["description"],
                levels=data["levels"],
                pass_level=data["pass_level"],
                step_threshold=data["step_threshold"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            _changed_version(request, grid, updated)
            messages.success(request, _("The grid was saved."))
            return redirect("grids:grid_detail", pk=updated.pk)
    return render(request, "grids/editor/grid_form.html", {"grid": grid, "form": form})


@guard(ADD, load=GRID, methods=("POST",))
def grid_duplicate(request: HttpRequest, grid: Grid) -> HttpResponse:
    form = GridDuplicateForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else ""
    try:
        copy = grid_services.grid_duplicate(grid=grid, by=request.user, title=title)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grids:grid_detail", pk=grid.pk)
    messages.success(request, _("The grid was duplicated: adapt this copy."))
    return redirect("grids:grid_detail", pk=copy.pk)


@guard(VIEW, load=GRID, methods=("GET",))
def grid_export(request: HttpRequest, grid: Grid) -> HttpResponse:
    data = grid_services.grid_export_data(grid=grid)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"{download_slug(grid.title) or 'grille'}-v{grid.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@guard(ADD)
def grid_import(request: HttpRequest) -> HttpResponse:
    form = GridImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            # One byte past the limit is enough for the service to refuse a file too large.
            raw = form.cleaned_data["file"].read(grid_services.MAX_IMPORT_BYTES + 1)
            grid = grid_services.grid_import(raw=raw, by=request.user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The grid was imported."))
            return redirect("grids:grid_detail", pk=grid.pk)
    return render(request, "grids/editor/grid_import.html", {"form": form}, status=400 if form.errors else 200)


@guard(CHANGE, load=GRID)
def step_create(request: HttpRequest, grid: Grid) -> HttpResponse:
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = grid_services.step_create(grid=grid, by=request.user, **form.cleaned_data)
        _changed_version(request, grid, step.grid)
        messages.success(request, _("The step was added."))
        return redirect("grids:grid_detail", pk=step.grid_id)
    return render(request, "grids/editor/step_form.html", {"grid": grid, "form": form})


@guard(CHANGE, load=STEP)
def step_update(request: HttpRequest, step: GridStep) -> HttpResponse:
    form = StepForm(request.POST or None, instance=copy.copy(step))
    if request.method == "POST" and form.is_valid():
        updated = grid_services.step_update(step=step, by=request.user, **form.cleaned_data)
        _changed_version(request, step.grid, updated.grid)
        messages.success(request, _("The step was saved."))
        return redirect("grids:grid_detail", pk=updated.grid_id)
    return render(request, "grids/editor/step_form.html", {"grid": step.grid, "step": step, "form": form})


def _offset(request: HttpRequest) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


@guard(CHANGE, load=STEP, methods=("POST",))
def step_move(request: HttpRequest, step: GridStep) -> HttpResponse:
    moved = grid_services.step_move(step=step, by=request.user, offset=_offset(request))
    _changed_version(request, step.grid, moved.grid)
    return redirect("grids:grid_detail", pk=moved.grid_id)


@guard(CHANGE, load=STEP, methods=("POST",))
def step_delete(request: HttpRequest, step: GridStep) -> HttpResponse:
    try:
        grid = grid_services.step_delete(step=step, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grids:grid_detail", pk=step.grid_id)
    _changed_version(request, step.grid, grid)
    messages.success(request, _("The step was deleted."))
    return redirect("grids:grid_detail", pk=grid.pk)


@guard(CHANGE, load=STEP)
def criterion_create(request: HttpRequest, step: GridStep) -> HttpResponse:
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        criterion = grid_services.criterion_create(step=step, by=request.user, **form.cleaned_data)
        grid = criterion.step.grid
        _changed_version(request, step.grid, grid)
        messages.success(request, _("The criterion was added."))
        return redirect("grids:grid_detail", pk=grid.pk)
    return render(request, "grids/editor/criterion_form.html", {"grid": step.grid, "step": step, "form": form})


@guard(CHANGE, load=CRITERION)
def criterion_update(request: HttpRequest, criterion: Criterion) -> HttpResponse:
    form = CriterionForm(request.POST or None, instance=copy.copy(criterion))
    if request.method == "POST" and form.is_valid():
        updated = grid_services.criterion_update(criterion=criterion, by=request.user, **form.cleaned_data)
        grid = updated.step.grid
        _changed_version(request, criterion.step.grid, grid)
        messages.success(request, _("The criterion was saved."))
        return redirect("grids:grid_detail", pk=grid.pk)
    return render(
        request,
        "grids/editor/criterion_form.html",
        {"grid": criterion.step.grid, "step": criterion.step, "criterion": criterion, "form": form},
    )


@guard(CHANGE, load=CRITERION, methods=("POST",))
def criterion_move(request: HttpRequest, criterion: Criterion) -> HttpResponse:
    moved = grid_services.criterion_move(criterion=criterion, by=request.user, offset=_offset(request))
    grid = moved.step.grid
    _changed_version(request, criterion.step.grid, grid)
    return redirect("grids:grid_detail", pk=grid.pk)


@guard(CHANGE, load=CRITERION, methods=("POST",))
def criterion_delete(request: HttpRequest, criterion: Criterion) -> HttpResponse:
    try:
        step = grid_services.criterion_delete(criterion=criterion, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grids:grid_detail", pk=criterion.step.grid_id)
    _changed_version(request, criterion.step.grid, step.grid)
    messages.success(request, _("The criterion was deleted."))
    return redirect("grids:grid_detail", pk=step.grid_id)
