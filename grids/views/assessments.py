"""Assessment pages: a challenge's assessments, the form (autosave + full submit), results, site overview."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _

from challenges.models import Challenge, Site
from challenges.selectors.challenges import challenge_scope, site_scope
from grids import selectors
from grids.forms import AnswersForm, AssessmentStartForm, PeerReviewAssignForm
from grids.models import Answer, Assessment, Criterion
from grids.services import assessments as services
from grids.services.scoring import assessment_result
from innovation.charts import progress_chart, radar_chart
from innovation.forms import form_add_service_errors
from innovation.guards import Scope, guard

CHALLENGE = Scope(challenge_scope)
ASSESSMENT = Scope(selectors.assessments_visible_to)
SITE = Scope(site_scope)

# Charts (inline SVG; each comes with a table as its accessible alternative): innovation.charts draws them
# for these pages and for the PDF reports alike.


# --- Pages ------------------------------------------------------------------


def _challenge_assessments_page(
    request: HttpRequest, challenge: Challenge, start_form: AssessmentStartForm, status: int = 200
) -> HttpResponse:
    assessments = selectors.assessments_of_challenge(challenge=challenge, user=request.user)
    progress = selectors.challenge_progress(challenge=challenge, user=request.user)
    return render(
        request,
        "grids/assessments/challenge_assessments.html",
        {
            "challenge": challenge,
            "assessments": assessments,
            "progress": progress,
            "progress_chart": progress_chart(scores=[item.overall_score for item in progress]) if progress else None,
            "reviews": selectors.reviewer_progress(challenge=challenge),
            "grids": list(start_form.fields["grid"].queryset),
            "start_form": start_form,
            "has_previous": any(a.assessor_id == request.user.pk and not a.is_draft for a in assessments),
        },
        status=status,
    )


def _start_form(request: HttpRequest) -> AssessmentStartForm:
    grids = selectors.grids_current().order_by("-is_default", "title")
    return AssessmentStartForm(request.POST if request.method == "POST" else None, grids=grids)


@guard("grids.view_assessments", load=CHALLENGE, methods=("GET",))
def challenge_assessments(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return _challenge_assessments_page(request, challenge, _start_form(request))


@guard(methods=("GET",))
def my_assessments(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "grids/assessments/my_assessments.html",
        {"assessments": selectors.my_assessments(user=request.user)},
    )


def _start(request: HttpRequest, challenge: Challenge, start) -> HttpResponse:
    """Parse the grid chosen (none: the default grid) through the form; an unknown one comes back in French."""
    form = _start_form(request)
    if not form.is_valid():
        messages.error(request, _("The assessment was not started: see the message next to the grid."))
        return _challenge_assessments_page(request, challenge, form, status=400)
    assessment = start(
        challenge=challenge,
        by=request.user,
        grid=form.cleaned_data["grid"],
        from_previous=form.cleaned_data["from_previous"],
    )
    return redirect("grids:assessment_form", pk=assessment.pk)


@guard("grids.start_self_assessment", load=CHALLENGE, methods=("POST",))
def assessment_start(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return _start(request, challenge, services.assessment_start)


@guard("grids.start_review", load=CHALLENGE, methods=("POST",))
def review_start(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return _start(request, challenge, services.review_start)


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


def _criterion_ids(assessment: Assessment) -> list[int]:
    return list(Criterion.objects.filter(step__grid_id=assessment.grid_id).values_list("pk", flat=True))


@guard("grids.view_assessment", load=ASSESSMENT)
def assessment_form(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """The form: every answer is autosaved (htmx); "Save" and "Submit" also work without JavaScript.

    Posted answers are parsed by :class:`AnswersForm` (levels of the scale, justifications without NUL,
    only this grid's criteria). Submitting with unanswered criteria needs the ``confirm_unanswered`` box.
    An assessment that may not be changed (submitted) shows its result instead.
    """
    if not request.user.has_perm("grids.change_assessment", assessment):
        return redirect("grids:assessment_results", pk=assessment.pk)
    posted: dict[int, tuple[str, str]] | None = None
    errors: dict[int, str] = {}
    confirm_error = ""
    status = 200
    if request.method == "POST":
        form = AnswersForm(request.POST, grid=assessment.grid, criterion_ids=_criterion_ids(assessment))
        posted = form.raw_entries()
        try:
            if not form.is_valid():
                errors = form.errors_by_criterion()
                if form.non_field_errors():
                    raise ValidationError(form.non_field_errors())
                raise ValidationError({str(key): [message] for key, message in errors.items()})
            services.answers_save(assessment=assessment, by=request.user, entries=form.entries())
            if request.POST.get("action") == "submit":
                services.assessment_submit(
                    assessment=assessment,
                    by=request.user,
                    unanswered_confirmed=forms.BooleanField(required=False).clean(
                        request.POST.get("confirm_unanswered")
                    ),
                )
                messages.success(request, _("Your assessment was submitted. Here is its result."))
                return redirect("grids:assessment_results", pk=assessment.pk)
        except ValidationError as error:
            status = 400
            if hasattr(error, "error_dict"):
                errors = {int(key): " ".join(ValidationError(v).messages) for key, v in error.error_dict.items()}
                messages.error(request, _("Some answers need your attention: see the messages next to them."))
            elif error.error_list and error.error_list[0].code == "unanswered":
                confirm_error = " ".join(error.messages)
                messages.error(request, confirm_error)
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
            "challenge": assessment.subject,
            "grid": assessment.grid,
            "steps": steps,
            "answered": answered,
            "answered_html": format_html('<span data-answered-count="">{}</span>', answered),
            "unanswered_html": format_html('<span data-unanswered-count="">{}</span>', total - answered),
            "unanswered": total - answered,
            "total": total,
            "confirm_error": confirm_error,
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
    form = AnswersForm(
        {key: value for key, value in request.POST.items() if key.endswith(f"-{criterion_pk}")},
        grid=assessment.grid,
        criterion_ids=[criterion_pk],
    )
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors_by_criterion().values()) or form.non_field_errors())
        value, justification = form.entries().get(criterion_pk, ("", ""))
        answer = services.answer_save(
            assessment=assessment,
            by=request.user,
            criterion_id=criterion_pk,
            value=value,
            justification=justification,
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
        services.assessment_submit(
            assessment=assessment,
            by=request.user,
            unanswered_confirmed=forms.BooleanField(required=False).clean(request.POST.get("confirm_unanswered")),
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, _("Some mandatory criteria are not answered yet: see the messages next to them."))
        return redirect("grids:assessment_form", pk=assessment.pk)
    messages.success(request, _("Your assessment was submitted. Here is its result."))
    return redirect("grids:assessment_results", pk=assessment.pk)


def _results_page(request: HttpRequest, pk: int) -> Assessment:
    return selectors.assessment_for_results(user=request.user, assessment_id=pk)


@guard("grids.view_assessment", load=_results_page, methods=("GET",))
def assessment_results(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    # The criteria and the answers are read once, for the result and the comparison.
    submitted = selectors.subject_submitted_assessments(assessment=assessment, user=request.user)
    criteria = selectors.grid_criteria(grid_id=assessment.grid_id)
    answers = selectors.assessments_answers(
        assessment_ids={assessment.pk, *(item.pk for item in submitted if item.grid_id == assessment.grid_id)}
    )
    result = assessment_result(
        assessment=assessment, criteria=criteria, answers=[a for a in answers if a.assessment_id == assessment.pk]
    )
    steps = [{"position": s.position, "title": s.title, "score": s.score} for s in result.steps]
    progress = selectors.assessment_progress(assessment=assessment, user=request.user, submitted=submitted)
    columns, comparison = selectors.assessment_comparison(
        assessment=assessment, user=request.user, submitted=submitted, criteria=criteria, answers=answers
    )
    challenge = assessment.challenge  # None for a project not yet a challenge (issue 15)
    # Accompaniment after « à retravailler » (issue 15): this assessment's plan, or the actions done since
    plan, plan_progress = selectors.results_plans(assessment=assessment, user=request.user, submitted=submitted)
    return render(
        request,
        "grids/assessments/assessment_results.html",
        {
            "assessment": assessment,
            "challenge": assessment.subject,
            "project": assessment.project if challenge is None else None,
            "grid": assessment.grid,
            "result": result,
            "radar": radar_chart(steps=steps),
            "progress": progress,
            "progress_chart": (
                progress_chart(scores=[item.overall_score for item in progress]) if len(progress) > 1 else None
            ),
            "columns": columns,
            "comparison": comparison,
            "reviews": selectors.reviewer_progress(challenge=challenge) if challenge else None,
            "can_follow": challenge is not None and request.user.has_perm("grids.view_assessments", challenge),
            "plan": plan,
            "plan_progress": plan_progress,
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
    step_keys = {f"step{index}": index for index in range(len(titles))}  # known keys only: no int() of input
    if key in step_keys:
        index = step_keys[key]
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
