"""Commissions: the lab's board, a commission's page and timeline, its grid, interview, reformulation,
staffing and state; « Mes commandes »; the exports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innovation.guards import Scope, guard
from innovation.services.exports import ExportError
from labs import forms, reports
from labs.models import Commission, IntakeGrid, InterviewSketch, Lab, NetworkMembership, StaffingProposal
from labs.selectors import commissions as selectors
from labs.selectors.scopes import commissions_known_to, labs_known_to, proposals_known_to, sketches_known_to
from labs.services import commissions as services
from labs.services.staffing import staffing_suggest

lab_in_scope = Scope(labs_known_to)
commission_in_scope = Scope(commissions_known_to)
READ = ("GET", "HEAD")


def _lab_people(lab: Lab):
    from innovation.models import User

    return User.objects.filter(
        network_memberships__network__lab=lab, network_memberships__status=NetworkMembership.Status.ACTIVE
    ).distinct()


def _to_detail(commission: Commission) -> HttpResponse:
    return redirect("labs:commission_detail", pk=commission.pk)


def _fail(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@guard("labs.view_commissions", load=lab_in_scope, methods=READ)
def commission_board(request: HttpRequest, lab: Lab) -> HttpResponse:
    state = request.GET.get("state", "")
    mode = request.GET.get("mode", "")
    query = request.GET.get("q", "").strip()
    state = state if state in Commission.State.values else ""
    mode = mode if mode in Commission.Mode.values else ""
    board = selectors.commission_board(lab=lab, state=state, mode=mode, query=query)
    columns = [(value, label, board[value]) for value, label in Commission.State.choices]
    return render(
        request,
        "labs/commission_board.html",
        {"lab": lab, "columns": columns, "state": state, "mode": mode, "q": query,
         "states": Commission.State.choices, "modes": Commission.Mode.choices},
    )  # fmt: skip


@guard("labs.propose_commission", load=lab_in_scope)
def commission_create(request: HttpRequest, lab: Lab) -> HttpResponse:
    """A coordinator creates a commission; an ambassador proposes one for their own department."""
    coordinates = request.user.has_perm("labs.manage_commission", lab)
    form = forms.CommissionForm(request.POST or None, lab=lab)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        phases = list(data.pop("phases"))
        try:
            if coordinates:
                commission = services.commission_create(lab=lab, actor=request.user, phases=phases, **data)
            else:
                membership = NetworkMembership.objects.filter(
                    person=request.user, network__lab=lab, status=NetworkMembership.Status.ACTIVE
                ).first()
                commission = services.commission_propose_own(
                    membership=membership, actor=request.user, phases=phases, **data
                )
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The commission “%(title)s” is proposed.") % {"title": commission.title})
            return _to_detail(commission)
    return render(request, "labs/commission_form.html", {"lab": lab, "form": form, "coordinates": coordinates})


@guard("labs.view_commission", load=commission_in_scope, methods=READ)
def commission_detail(request: HttpRequest, commission: Commission) -> HttpResponse:
    page = selectors.commission_page(commission=commission)
    interview = getattr(page, "interview", None)
    proposals = list(page.proposals.all())
    accepted = [p for p in proposals if p.status == StaffingProposal.Status.ACCEPTED]
    review_form = None
    if request.user.has_perm("labs.review_reformulation", commission) and page.state == Commission.State.REFORMULATED:
        review_form = forms.ReviewForm()
    my_proposal = next((p for p in proposals if p.membership.person_id == request.user.pk), None)
    return render(
        request,
        "labs/commission_detail.html",
        {
            "commission": page,
            "lab": page.lab,
            "interview": interview,
            "timeline": selectors.commission_timeline(commission=commission),
            "proposals": proposals,
            "team": accepted,
            "team_warning": services.team_size_warning(size=len(accepted)) if accepted else "",
            "review_form": review_form,
            "my_proposal": my_proposal,
            "grid": services.grid_current(commission=commission),
            "abandon_form": forms.AbandonForm(),
            "invite_form": forms.CommissionerInviteForm(),
            "formats": reports.SPREADSHEET_FORMATS,
        },
    )


@guard("labs.manage_commission", load=commission_in_scope, methods=("POST",))
def commissioner_invite(request: HttpRequest, commission: Commission) -> HttpResponse:
    form = forms.CommissionerInviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid e-mail address."))
        return _to_detail(commission)
    try:
        person = services.commissioner_invite(commission=commission, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("%(person)s is the commissioner and is told by e-mail.") % {"person": person})
    return _to_detail(commission)


@guard("labs.manage_commission", load=commission_in_scope)
def commission_sessions(request: HttpRequest, commission: Commission) -> HttpResponse:
    current = dict(commission.accompaniments.values_list("session_id", "purpose"))
    form = forms.CommissionSessionsForm(
        request.POST or None, sessions=commission.lab.sessions.order_by("starts_on"), current=current
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.commission_sessions_set(commission=commission, actor=request.user, sessions=form.chosen())
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The calendar of the commission is saved."))
            return _to_detail(commission)
    return render(
        request, "labs/commission_sessions.html", {"commission": commission, "lab": commission.lab, "form": form}
    )


@guard("labs.manage_commission", load=commission_in_scope)
def grid_edit(request: HttpRequest, commission: Commission) -> HttpResponse:
    grid = services.grid_current(commission=commission)
    people = _lab_people(commission.lab).exclude(pk=request.user.pk)
    other_grids = IntakeGrid.objects.filter(commission__lab=commission.lab).exclude(commission=commission)
    other_grids = other_grids.select_related("commission").order_by("commission__title", "-version")
    question_form = forms.GridQuestionForm(prefix="q")
    submit_form = forms.GridSubmitForm(prefix="s", people=people)
    copy_form = forms.GridCopyForm(prefix="c", grids=other_grids)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                question_form = forms.GridQuestionForm(request.POST, prefix="q")
                if question_form.is_valid():
                    services.grid_question_add(grid=grid, actor=request.user, **question_form.cleaned_data)
                    messages.success(request, _("The question is added."))
                    return redirect("labs:grid_edit", pk=commission.pk)
            elif action == "remove":
                question = grid.questions.filter(pk=request.POST.get("question")).first()
                if question is not None:
                    services.grid_question_remove(question=question, actor=request.user)
                    messages.success(request, _("The question is removed."))
                return redirect("labs:grid_edit", pk=commission.pk)
            elif action == "new_version":
                services.grid_new_version(commission=commission, actor=request.user)
                messages.success(request, _("A new version of the grid starts from the previous one."))
                return redirect("labs:grid_edit", pk=commission.pk)
            elif action == "copy":
                copy_form = forms.GridCopyForm(request.POST, prefix="c", grids=other_grids)
                if copy_form.is_valid():
                    services.grid_new_version(
                        commission=commission, actor=request.user, source=copy_form.cleaned_data["source"]
                    )
                    messages.success(request, _("The grid starts as a copy: adapt it."))
                    return redirect("labs:grid_edit", pk=commission.pk)
            elif action == "submit":
                submit_form = forms.GridSubmitForm(request.POST, prefix="s", people=people)
                if submit_form.is_valid():
                    services.grid_submit(grid=grid, actor=request.user, checker=submit_form.cleaned_data["checker"])
                    messages.success(request, _("The grid is sent to be checked."))
                    return redirect("labs:grid_edit", pk=commission.pk)
        except ValidationError as error:
            target = {"add": question_form, "copy": copy_form, "submit": submit_form}.get(action)
            if target is not None:
                forms.form_add_service_errors(target, error)
            else:
                _fail(request, error)
    questions = list(grid.questions.all())
    sections = [
        (value, label, [q for q in questions if q.section == value])
        for value, label in type(questions[0] if questions else None).Section.choices
    ] if questions else []  # fmt: skip
    return render(
        request,
        "labs/grid_edit.html",
        {"commission": commission, "lab": commission.lab, "grid": grid, "sections": sections,
         "question_form": question_form, "submit_form": submit_form, "copy_form": copy_form,
         "has_usefulness": services.grid_has_usefulness_question(grid=grid)},
    )  # fmt: skip


@guard("labs.check_grid", load=commission_in_scope)
def grid_check(request: HttpRequest, commission: Commission) -> HttpResponse:
    grid = services.grid_current(commission=commission)
    form = forms.GridCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grid_check(grid=grid, actor=request.user, notes=form.cleaned_data["notes"])
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The grid is checked: the interview may take place."))
            return _to_detail(commission)
    return render(
        request,
        "labs/grid_check.html",
        {"commission": commission, "lab": commission.lab, "grid": grid, "questions": grid.questions.all(),
         "form": form},
    )  # fmt: skip


@guard("labs.manage_commission", load=commission_in_scope)
def interview_plan(request: HttpRequest, commission: Commission) -> HttpResponse:
    interview = getattr(commission, "interview", None)
    initial = {}
    if interview is not None:
        initial = {"held_at": interview.held_at, "place": interview.place,
                   "interviewers": [p.person_id for p in interview.people.all() if p.person_id]}  # fmt: skip
    form = forms.InterviewPlanForm(request.POST or None, people=_lab_people(commission.lab), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        role = data["interviewer_role"]
        try:
            services.interview_plan(
                commission=commission,
                actor=request.user,
                held_at=data["held_at"],
                place=data["place"],
                interviewers=[(person, role) for person in data["interviewers"]],
                interviewees=form.interviewee_rows(),
            )
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The intake interview is planned: the commissioner is told."))
            return _to_detail(commission)
    return render(request, "labs/interview_plan.html", {"commission": commission, "lab": commission.lab, "form": form})


@guard("labs.view_interview", load=commission_in_scope)
def interview(request: HttpRequest, commission: Commission) -> HttpResponse:
    """The confidential interview: answers per question and free notes, autosaved; sketches."""
    record = getattr(commission, "interview", None)
    if record is None:
        messages.error(request, _("Plan the interview first."))
        return _to_detail(commission)
    grid = record.grid or services.grid_current(commission=commission)
    if request.method == "POST":
        answers = {
            key.removeprefix("answer_"): value for key, value in request.POST.items() if key.startswith("answer_")
        }
        try:
            base = int(request.POST.get("revision", ""))
        except ValueError:
            base = -1
        try:
            saved = services.interview_save(
                interview=record, actor=request.user, answers=answers, notes=request.POST.get("notes", ""),
                base_revision=base,
            )  # fmt: skip
        except services.InterviewConflict as conflict:
            if request.headers.get("Accept") == "application/json":
                return JsonResponse(
                    {"saved": False, "revision": conflict.interview.revision,
                     "message": _("Someone else saved the interview: reload the page to see their changes.")},
                    status=409,
                )  # fmt: skip
            messages.error(request, _("Someone else saved the interview: reload the page to see their changes."))
            return redirect("labs:interview", pk=commission.pk)
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"saved": True, "revision": saved.revision, "message": _("Saved.")})
        messages.success(request, _("The interview is saved."))
        return redirect("labs:interview", pk=commission.pk)
    questions = [(q, record.answers.get(str(q.pk), "")) for q in grid.questions.all()]
    return render(
        request,
        "labs/interview.html",
        {"commission": commission, "lab": commission.lab, "interview": record, "questions": questions,
         "sketches": record.sketches.all(), "sketch_form": forms.SketchForm(), "people": record.people.all(),
         "can_manage": request.user.has_perm("labs.manage_commission", commission)},
    )  # fmt: skip


@guard("labs.view_interview", load=commission_in_scope, methods=("POST",))
def sketch_add(request: HttpRequest, commission: Commission) -> HttpResponse:
    form = forms.SketchForm(request.POST, request.FILES)
    record = getattr(commission, "interview", None)
    if record is None or not form.is_valid():
        messages.error(request, _("Choose an image (PNG, JPEG…)."))
    else:
        services.sketch_add(interview=record, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The sketch is added."))
    return redirect("labs:interview", pk=commission.pk)


@guard("labs.view_interview", load=Scope(sketches_known_to), methods=READ)
def sketch_file(request: HttpRequest, sketch: InterviewSketch) -> HttpResponse:
    response = FileResponse(sketch.image.open("rb"))
    response["Cache-Control"] = "private, no-store"
    return response


@guard("labs.manage_commission", load=commission_in_scope, methods=("POST",))
def interview_record(request: HttpRequest, commission: Commission) -> HttpResponse:
    try:
        services.interview_record(commission=commission, actor=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The interview is recorded: debrief, then reformulate."))
    return _to_detail(commission)


@guard("labs.manage_commission", load=commission_in_scope, methods=("POST",))
def interview_in_sheet(request: HttpRequest, commission: Commission) -> HttpResponse:
    included = request.POST.get("included") == "1"
    services.interview_in_sheet_set(commission=commission, actor=request.user, included=included)
    if included:
        messages.success(request, _("The commission sheet will include the interview."))
    else:
        messages.success(request, _("The commission sheet will leave the interview out."))
    return _to_detail(commission)


@guard("labs.manage_commission", load=commission_in_scope)
def reformulate(request: HttpRequest, commission: Commission) -> HttpResponse:
    initial = {"title": commission.title, "question": commission.question,
               "expected_output": commission.expected_output}  # fmt: skip
    form = forms.ReformulationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reformulation_record(commission=commission, actor=request.user, changes=form.changes())
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The reformulation is sent to the commissioner for validation."))
            return _to_detail(commission)
    return render(
        request,
        "labs/reformulate.html",
        {"commission": commission, "lab": commission.lab, "form": form,
         "history": commission.reformulations.select_related("author"), "reviews": commission.reviews.all()},
    )  # fmt: skip


@guard("labs.review_reformulation", load=commission_in_scope, methods=("POST",))
def reformulation_review(request: HttpRequest, commission: Commission) -> HttpResponse:
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose: validate, or comment."))
        return _to_detail(commission)
    try:
        services.reformulation_review(
            commission=commission,
            actor=request.user,
            validated=form.cleaned_data["decision"] == "validate",
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        _fail(request, error)
    else:
        if form.cleaned_data["decision"] == "validate":
            messages.success(request, _("Thank you: the reformulation is validated, the team can be formed."))
        else:
            messages.success(request, _("Thank you: your comment is sent to the team."))
    return _to_detail(commission)


@guard("labs.manage_commission", load=commission_in_scope)
def staffing(request: HttpRequest, commission: Commission) -> HttpResponse:
    candidates = selectors.staffing_candidates(commission=commission)
    phases = list(commission.phases.all())
    result = staffing_suggest(candidates=candidates, phases=[p.pk for p in phases], cost=commission.days_per_month)
    phase_names = {p.pk: p.name for p in phases}
    proposed = dict(commission.proposals.values_list("membership_id", "status"))
    queryset = NetworkMembership.objects.filter(pk__in=[c.key for c in candidates]).select_related("person")
    memberships = selectors.memberships_by_pk(pks=[s.candidate.key for s in result.team] + list(result.excluded))
    form = forms.StaffingForm(
        request.POST or None,
        memberships=queryset,
        initial={"members": [s.candidate.key for s in result.team if s.candidate.key not in proposed]},
    )
    why = {
        s.candidate.key: {"phases": [phase_names[p] for p in s.covers], "load_after": str(s.load_after),
                          "score": s.score}
        for s in result.team
    }  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.staffing_propose(
                commission=commission, actor=request.user, memberships=list(form.cleaned_data["members"]), why=why
            )
        except ValidationError as error:
            forms.form_add_service_errors(form, error)
        else:
            messages.success(request, _("The proposals are sent: each member accepts or declines."))
            return redirect("labs:staffing", pk=commission.pk)
    suggestions = [
        {"membership": memberships[s.candidate.key], "score": s.score,
         "covers": [phase_names[p] for p in s.covers], "chosen_for": [phase_names[p] for p in s.chosen_for],
         "load": s.candidate.load, "load_after": s.load_after, "allowance": s.candidate.allowance,
         "department": s.candidate.department, "status": proposed.get(s.candidate.key, "")}
        for s in result.team
    ]  # fmt: skip
    excluded = [(memberships[key], reason) for key, reason in result.excluded.items()]
    accepted = commission.proposals.filter(status=StaffingProposal.Status.ACCEPTED).count()
    return render(
        request,
        "labs/staffing.html",
        {"commission": commission, "lab": commission.lab, "form": form, "suggestions": suggestions,
         "uncovered": [phase_names[p] for p in result.uncovered], "excluded": excluded,
         "proposals": commission.proposals.select_related("membership__person"),
         "accepted": accepted, "team_warning": services.team_size_warning(size=accepted)},
    )  # fmt: skip


@guard("labs.manage_commission", load=commission_in_scope, methods=("POST",))
def team_confirm(request: HttpRequest, commission: Commission) -> HttpResponse:
    try:
        warning = services.team_confirm(commission=commission, actor=request.user)
    except ValidationError as error:
        _fail(request, error)
        return redirect("labs:staffing", pk=commission.pk)
    messages.success(request, _("The team is confirmed: everyone on it is told."))
    if warning:
        messages.warning(request, warning)
    return _to_detail(commission)


@guard("labs.answer_proposal", load=Scope(proposals_known_to), methods=("POST",))
def proposal_answer(request: HttpRequest, proposal: StaffingProposal) -> HttpResponse:
    accept = request.POST.get("answer") == "accept"
    try:
        services.proposal_answer(proposal=proposal, actor=request.user, accept=accept)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("You join the team.") if accept else _("You declined; thank you for answering."))
    return _to_detail(proposal.commission)


@guard("labs.manage_commission", load=commission_in_scope, methods=("POST",))
def commission_state(request: HttpRequest, commission: Commission) -> HttpResponse:
    action = request.POST.get("action")
    try:
        if action == "start":
            services.commission_start(commission=commission, actor=request.user)
        elif action == "close":
            services.commission_close(commission=commission, actor=request.user)
        elif action == "abandon":
            services.commission_abandon(
                commission=commission, actor=request.user, reason=request.POST.get("reason", "")
            )
        else:
            messages.error(request, _("Choose what to do."))
            return _to_detail(commission)
    except ValidationError as error:
        _fail(request, error)
    else:
        commission.refresh_from_db()
        messages.success(request, _("The commission is now “%(state)s”.") % {"state": commission.get_state_display()})
    return _to_detail(commission)


@guard("labs.view_me", methods=READ)
def my_commissions(request: HttpRequest) -> HttpResponse:
    return render(request, "labs/my_commissions.html", selectors.my_commissions(person=request.user))


@guard("labs.export_commissions", load=commission_in_scope, methods=("POST",))
def commission_sheet(request: HttpRequest, commission: Commission) -> HttpResponse:
    try:
        export = reports.commission_sheet_request(requested_by=request.user, commission=commission)
    except ExportError as error:
        messages.error(request, str(error))
        return _to_detail(commission)
    return redirect("export_detail", pk=export.pk)


@guard("labs.export_commissions", load=lab_in_scope, methods=("POST",))
def commissions_file(request: HttpRequest, lab: Lab) -> HttpResponse:
    try:
        export = reports.commissions_file_request(
            requested_by=request.user, lab=lab, format=request.POST.get("format", "")
        )
    except ExportError as error:
        messages.error(request, str(error))
        return redirect("labs:commission_board", pk=lab.pk)
    return redirect("export_detail", pk=export.pk)
