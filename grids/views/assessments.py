"""Assessment pages: a challenge's assessments, the form (autosave + full submit), results, site overview."""

from __future__ import annotations

import math

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from challenges.models import Challenge, Site
from challenges.selectors.challenges import challenge_scope, site_scope
from grids import selectors
from grids.forms import PeerReviewAssignForm
from grids.models import Answer, Assessment, Criterion
from grids.services import assessments as services
from grids.services.scoring import assessment_result
from innovation.forms import form_add_service_errors
from innovation.guards import Scope, guard

CHALLENGE = Scope(challenge_scope)
ASSESSMENT = Scope(selectors.assessments_visible_to)
SITE = Scope(site_scope)

# --- Charts (inline SVG; each comes with a table as its accessible alternative) ---

RADAR_SIZE = 320
RADAR_RADIUS = 110


def radar_chart(*, steps: list[dict]) -> dict:
    """Geometry of a radar chart of step scores (0–100); steps without a score sit at the centre."""
    centre = RADAR_SIZE / 2
    count = max(len(steps), 1)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        radius = RADAR_RADIUS * value / 100
        return round(centre + radius * math.cos(angle), 1), round(centre + radius * math.sin(angle), 1)

    rings = [" ".join(f"{x},{y}" for x, y in (point(i, level) for i in range(count))) for level in (25, 50, 75, 100)]
    axes = []
    for index, step in enumerate(steps):
        x, y = point(index, 100)
        lx, ly = point(index, 118)
        axes.append({"x": x, "y": y, "label_x": lx, "label_y": ly + 4, "label": step["position"]})
    shape = [point(index, step["score"] or 0) for index, step in enumerate(steps)]
    return {
        "size": RADAR_SIZE,
        "centre": centre,
        "rings": rings,
        "axes": axes,
        "polygon": " ".join(f"{x},{y}" for x, y in shape),
        "dots": [{"x": x, "y": y} for x, y in shape],
    }


def progress_chart(*, assessments: list[Assessment]) -> dict:
    """Geometry of a line chart of the overall score across successive submitted assessments."""
    width, height, left, top, bottom = 480, 200, 40, 10, 30
    inner_w, inner_h = width - left - 20, height - top - bottom
    count = len(assessments)
    points = []
    for index, assessment in enumerate(assessments):
        x = left + (inner_w * index / (count - 1) if count > 1 else inner_w / 2)
        y = top + inner_h * (1 - (assessment.overall_score or 0) / 100)
        points.append({"x": round(x, 1), "y": round(y, 1), "number": index + 1})
    return {
        "width": width,
        "height": height,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "grid_lines": [{"y": round(top + inner_h * (1 - v / 100), 1), "value": v} for v in (0, 50, 100)],
        "left": left,
        "right": width - 20,
        "baseline": height - bottom + 18,
    }


# --- Pages ------------------------------------------------------------------


@guard("grids.view_assessments", load=CHALLENGE, methods=("GET",))
def challenge_assessments(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    assessments = selectors.assessments_of_challenge(challenge=challenge, user=request.user)
    progress = selectors.challenge_progress(challenge=challenge, user=request.user)
    return render(
        request,
        "grids/assessments/challenge_assessments.html",
        {
            "challenge": challenge,
            "assessments": assessments,
            "progress": progress,
            "progress_chart": progress_chart(assessments=progress) if progress else None,
            "reviews": selectors.reviewer_progress(challenge=challenge),
            "grids": list(selectors.grids_current().order_by("-is_default", "title")),
        },
    )


@guard(methods=("GET",))
def my_assessments(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "grids/assessments/my_assessments.html",
        {"assessments": selectors.my_assessments(user=request.user)},
    )


def _chosen_grid(request: HttpRequest):
    """The current version of the grid chosen in the form (the default grid when none or an unknown one)."""
    value = request.POST.get("grid", "")
    if not value.isdigit():
        return None
    return selectors.grids_current().filter(pk=int(value)).first()


@guard("grids.start_self_assessment", load=CHALLENGE, methods=("POST",))
def assessment_start(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    grid = _chosen_grid(request)
    assessment = services.assessment_start(challenge=challenge, by=request.user, grid=grid)
    return redirect("grids:assessment_form", pk=assessment.pk)


@guard("grids.start_review", load=CHALLENGE, methods=("POST",))
def review_start(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    assessment = services.review_start(challenge=challenge, by=request.user, grid=_chosen_grid(request))
    return redirect("grids:assessment_form", pk=assessment.pk)


@guard("grids.assign_peer_review", load=CHALLENGE)
def peer_review_assign(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = PeerReviewAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.peer_review_assign_by_email(challenge=challenge, email=form.cleaned_data["email"], by=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The peer review was assigned; the reviewer was notified."))
            return redirect("grids:challenge_assessments", pk=challenge.pk)
    return render(
        request,
        "grids/assessments/peer_review_assign.html",
        {"challenge": challenge, "form": form},
        status=400 if form.errors else 200,
    )


def _posted_entries(request: HttpRequest, criterion_ids: list[int]) -> dict[int, tuple[str, str]]:
    entries = {}
    for criterion_id in criterion_ids:
        level_key, text_key = f"level-{criterion_id}", f"justification-{criterion_id}"
        if level_key in request.POST or text_key in request.POST:
            entries[criterion_id] = (request.POST.get(level_key, ""), request.POST.get(text_key, ""))
    return entries


def _posted_unknown_criteria(request: HttpRequest, criterion_ids: set[int]) -> list[str]:
    unknown = []
    for key in request.POST:
        prefix, _sep, suffix = key.partition("-")
        if prefix in ("level", "justification") and (not suffix.isdigit() or int(suffix) not in criterion_ids):
            unknown.append(suffix)
    return unknown


@guard("grids.view_assessment", load=ASSESSMENT)
def assessment_form(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """The form: every answer is autosaved (htmx); "Save" and "Submit" also work without JavaScript.

    An assessment that may not be changed (submitted) shows its result instead.
    """
    if not request.user.has_perm("grids.change_assessment", assessment):
        return redirect("grids:assessment_results", pk=assessment.pk)
    posted: dict[int, tuple[str, str]] | None = None
    errors: dict[int, str] = {}
    status = 200
    if request.method == "POST":
        criterion_ids = list(Criterion.objects.filter(step__grid_id=assessment.grid_id).values_list("pk", flat=True))
        posted = _posted_entries(request, criterion_ids)
        unknown = _posted_unknown_criteria(request, set(criterion_ids))
        try:
            if unknown:
                raise ValidationError(_("This criterion is not part of the grid of this assessment."))
            services.answers_save(assessment=assessment, by=request.user, entries=posted)
            if request.POST.get("action") == "submit":
                services.assessment_submit(assessment=assessment, by=request.user)
                messages.success(request, _("Your assessment was submitted. Here is its result."))
                return redirect("grids:assessment_results", pk=assessment.pk)
        except ValidationError as error:
            status = 400
            if hasattr(error, "error_dict"):
                errors = {int(key): " ".join(ValidationError(v).messages) for key, v in error.error_dict.items()}
                messages.error(request, _("Some answers need your attention: see the messages next to them."))
            else:
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your answers were saved."))
            return redirect("grids:assessment_form", pk=assessment.pk)
    steps = selectors.assessment_form_rows(assessment=assessment, posted=posted, errors=errors)
    answered = sum(1 for step in steps for row in step.rows if row.answer is not None and row.answer.is_answered)
    total = sum(len(step.rows) for step in steps)
    return render(
        request,
        "grids/assessments/assessment_form.html",
        {
            "assessment": assessment,
            "challenge": assessment.challenge,
            "grid": assessment.grid,
            "steps": steps,
            "answered": answered,
            "total": total,
            "specials": [
                (Answer.Special.NOT_APPLICABLE.value, Answer.Special.NOT_APPLICABLE.label),
                (Answer.Special.UNKNOWN.value, Answer.Special.UNKNOWN.label),
            ],
        },
        status=status,
    )


@guard("grids.change_assessment", load=ASSESSMENT, methods=("POST",))
def answer_save(request: HttpRequest, assessment: Assessment, criterion_pk: int) -> HttpResponse:
    """Autosave of one answer (htmx): answers with a small status fragment."""
    error = ""
    answer = None
    try:
        answer = services.answer_save(
            assessment=assessment,
            by=request.user,
            criterion_id=criterion_pk,
            value=request.POST.get(f"level-{criterion_pk}", ""),
            justification=request.POST.get(f"justification-{criterion_pk}", ""),
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    response = render(
        request,
        "grids/assessments/_answer_status.html",
        {"answer": answer, "error": error, "criterion_pk": criterion_pk},
        status=200 if not error or request.htmx else 400,
    )
    if not request.htmx and not error:
        return redirect("grids:assessment_form", pk=assessment.pk)
    return response


@guard("grids.change_assessment", load=ASSESSMENT, methods=("POST",))
def assessment_submit(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    try:
        services.assessment_submit(assessment=assessment, by=request.user)
    except ValidationError:
        messages.error(request, _("Some mandatory criteria are not answered yet: see the messages next to them."))
        return redirect("grids:assessment_form", pk=assessment.pk)
    messages.success(request, _("Your assessment was submitted. Here is its result."))
    return redirect("grids:assessment_results", pk=assessment.pk)


@guard("grids.view_assessment", load=ASSESSMENT, methods=("GET",))
def assessment_results(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    result = assessment_result(assessment=assessment)
    steps = [{"position": s.position, "title": s.title, "score": s.score} for s in result.steps]
    progress = selectors.challenge_progress(challenge=assessment.challenge, user=request.user, kind=assessment.kind)
    columns, comparison = selectors.assessment_comparison(assessment=assessment, user=request.user)
    return render(
        request,
        "grids/assessments/assessment_results.html",
        {
            "assessment": assessment,
            "challenge": assessment.challenge,
            "grid": assessment.grid,
            "result": result,
            "radar": radar_chart(steps=steps),
            "progress": progress,
            "progress_chart": progress_chart(assessments=progress) if len(progress) > 1 else None,
            "columns": columns,
            "comparison": comparison,
            "reviews": selectors.reviewer_progress(challenge=assessment.challenge),
            "can_follow": request.user.has_perm("grids.view_assessments", assessment.challenge),
            # Accompaniment after « à retravailler » (issue 15): this assessment's plan, or the actions done since
            "plan": selectors.plan_scope(user=request.user).filter(assessment=assessment).first(),
            "plan_progress": selectors.reassessment_progress(assessment=assessment, user=request.user),
        },
    )


SORT_KEYS = {"number", "verdict", "overall", "date"}


@guard("grids.view_site_assessments", load=SITE, methods=("GET",))
def site_assessments(request: HttpRequest, site: Site) -> HttpResponse:
    """Every challenge of a site with its latest verdict and step scores; sortable by column."""
    titles, rows = selectors.site_overview(site=site)
    sort = request.GET.get("sort", "number")
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key.startswith("step") and key[4:].isdigit() and int(key[4:]) < len(titles):
        index = int(key[4:])
        rows.sort(key=lambda r: (r.scores[index] is None, r.scores[index] or 0), reverse=descending)
    elif key == "overall":
        rows.sort(key=lambda r: (r.latest is None, r.latest.overall_score or 0 if r.latest else 0), reverse=descending)
    elif key == "verdict":
        rows.sort(key=lambda r: (r.latest is None, r.latest.verdict if r.latest else ""), reverse=descending)
    elif key == "date":
        rows.sort(
            key=lambda r: (r.latest is None, r.latest.submitted_at.isoformat() if r.latest else ""), reverse=descending
        )
    else:
        key = "number"
        rows.sort(key=lambda r: r.challenge.number, reverse=descending)
    columns = [{"key": "number", "label": _("Challenge")}, {"key": "verdict", "label": _("Latest verdict")}]
    columns += [{"key": f"step{i}", "label": _("Step %(n)s") % {"n": i + 1}, "title": t} for i, t in enumerate(titles)]
    columns += [{"key": "overall", "label": _("Overall")}, {"key": "date", "label": _("Submitted")}]
    for column in columns:
        column["active"] = column["key"] == key
        column["next"] = f"-{column['key']}" if column["active"] and not descending else column["key"]
        column["sort"] = ("descending" if descending else "ascending") if column["active"] else ""
    return render(
        request,
        "grids/assessments/site_assessments.html",
        {"site": site, "rows": rows, "columns": columns, "titles": titles},
    )
