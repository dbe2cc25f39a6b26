"""Pages of test sessions: the facilitator's (sessions, stands, board, posters, report), the tester's stand
page reached by its token, and the team's debrief. Views parse and present; services decide."""

from __future__ import annotations

import io
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from challenges.forms import ReformulateForm
from challenges.models import Site
from innovation.calendars import calendar_response
from innovation.downloads import download_slug
from innovation.guards import Scope, guard, public
from innovation.models import Export, User
from innovation.services import exports
from testsessions import documents, forms, selectors
from testsessions.models import Debrief, Feedback, Stand, TestSession
from testsessions.services import debriefs, sessions
from testsessions.services import feedback as feedback_services

HTMX_STOP_POLLING = 286  # htmx stops an "every" trigger on this status
TESTER_COOKIE = "defis_tester"
TESTER_COOKIE_MAX_AGE = 60 * 60 * 24 * 30


def _sites(*, user: User) -> QuerySet[Site]:
    return Site.objects.select_related("edition")


def _feedback(*, user: User) -> QuerySet[Feedback]:
    return Feedback.objects.filter(stand__session__in=selectors.sessions_visible_to(user=user)).select_related(
        "stand__session__site"
    )


site_scope = Scope(_sites)
session_scope = Scope(selectors.sessions_visible_to)
stand_scope = Scope(selectors.stands_visible_to)
feedback_scope = Scope(_feedback)


@public
def stand_from_token(request: HttpRequest, token: str) -> Stand:
    return selectors.stand_by_token(token=token)


def _service_errors(form, error: ValidationError) -> None:
    forms.form_add_service_errors(form, error)


# --- Sessions of a site -------------------------------------------------------------


@guard("testsessions.view_site_sessions", load=site_scope, methods=("GET", "HEAD"))
def site_sessions(request: HttpRequest, site: Site) -> HttpResponse:
    sessions = selectors.site_sessions(site=site, user=request.user)
    selectors.open_sessions_stands(sessions=sessions, user=request.user)
    context = {"site": site, "sessions": sessions}
    return render(request, "testsessions/site_sessions.html", context)


@guard("testsessions.view_site_sessions", load=site_scope, methods=("GET", "HEAD"))
def site_calendar(request: HttpRequest, site: Site) -> HttpResponse:
    name = _("Test sessions · %(place)s") % {"place": site.place}
    return calendar_response(
        name=name, events=selectors.site_calendar_events(site=site), filename=f"seances-{download_slug(site.place)}"
    )


@guard("testsessions.add_session", load=site_scope)
def session_create(request: HttpRequest, site: Site) -> HttpResponse:
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = sessions.session_create(site=site, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The session is created, as a draft: open its stands, then the session."))
            return redirect("testsessions:session_detail", session.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "testsessions/session_form.html", {"site": site, "form": form}, status=status)


# --- One session, for its facilitators --------------------------------------------------


@guard("testsessions.manage_session", load=session_scope, methods=("GET", "HEAD"))
def session_detail(request: HttpRequest, session: TestSession) -> HttpResponse:
    stands = selectors.session_stands(session=session)
    candidates = selectors.stand_candidates(session=session)
    context = {
        "session": session,
        "stands": stands,
        "add_form": forms.StandAddForm(challenges=candidates),
        "stand_phases_waiting": candidates.filter(phase__in=sessions.STAND_PHASES).count(),
        "feedback_count": sum(stand.visits for stand in stands),
    }
    return render(request, "testsessions/session_detail.html", context)


@guard("testsessions.manage_session", load=session_scope)
def session_edit(request: HttpRequest, session: TestSession) -> HttpResponse:
    initial = {
        "title": session.title,
        "place": session.place,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
    }
    form = forms.SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sessions.session_update(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("testsessions:session_detail", session.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "testsessions/session_form.html",
        {"site": session.site, "session": session, "form": form},
        status=status,
    )


@guard("testsessions.manage_session", load=session_scope, methods=("POST",))
def stands_open(request: HttpRequest, session: TestSession) -> HttpResponse:
    try:
        stands = sessions.stands_open_for_prototypes(session=session, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if stands:
            messages.success(
                request,
                _("%(count)s stands opened: %(labels)s.")
                % {"count": len(stands), "labels": ", ".join(stand.label for stand in stands)},
            )
        else:
            messages.info(request, _("Every published challenge in the prototype or test phase already has a stand."))
    return redirect("testsessions:session_detail", session.pk)


@guard("testsessions.manage_session", load=session_scope, methods=("POST",))
def stand_add(request: HttpRequest, session: TestSession) -> HttpResponse:
    form = forms.StandAddForm(request.POST, challenges=selectors.stand_candidates(session=session))
    if form.is_valid():
        try:
            stand = sessions.stand_create(session=session, actor=request.user, challenge=form.cleaned_data["challenge"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The stand “%(label)s” is open.") % {"label": stand.label})
    else:
        messages.error(request, _("Choose a challenge of this site that has no stand yet."))
    return redirect("testsessions:session_detail", session.pk)


@guard("testsessions.manage_session", load=session_scope, methods=("POST",))
def session_open(request: HttpRequest, session: TestSession) -> HttpResponse:
    try:
        sessions.session_open(session=session, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The session is open: testers can answer, and the teams were told."))
    return redirect("testsessions:session_detail", session.pk)


@guard("testsessions.manage_session", load=session_scope, methods=("POST",))
def session_close(request: HttpRequest, session: TestSession) -> HttpResponse:
    if not request.POST.get("confirmed"):  # asked once more: a closed session cannot be opened again
        summary = selectors.session_summary(session=session)
        return render(request, "testsessions/session_close_confirm.html", {"session": session, "summary": summary})
    try:
        sessions.session_close(session=session, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The session is closed: feedback is locked. The coverage summary is on its way."))
    return redirect("testsessions:session_detail", session.pk)


@guard("testsessions.manage_session", load=session_scope, methods=("POST",))
def session_posters(request: HttpRequest, session: TestSession) -> HttpResponse:
    export = exports.export_request(
        requested_by=request.user,
        builder=documents.POSTERS_BUILDER,
        parameters={"session_id": session.pk, "language": get_language()},
        format=Export.Format.PDF,
        title=_("Posters of the stands: %(title)s, %(place)s") % {"title": session.title, "place": session.site.place},
    )
    return redirect("export_detail", pk=export.pk)


@guard("testsessions.manage_session", load=session_scope, methods=("GET", "HEAD"))
def session_board(request: HttpRequest, session: TestSession) -> HttpResponse:
    context = {"session": session, **selectors.session_board(session=session)}
    if request.htmx:
        status = HTMX_STOP_POLLING if session.is_closed else 200
        return render(request, "testsessions/_board.html", context, status=status)
    return render(request, "testsessions/session_board.html", context)


@guard("testsessions.manage_session", load=session_scope, methods=("GET", "HEAD"))
def session_feedback(request: HttpRequest, session: TestSession) -> HttpResponse:
    items = selectors.session_feedback_rows(session=session)
    return render(request, "testsessions/session_feedback.html", {"session": session, "items": items})


@guard("testsessions.moderate_feedback", load=feedback_scope, methods=("POST",))
def feedback_hide(request: HttpRequest, feedback: Feedback) -> HttpResponse:
    hidden = request.POST.get("hidden") != "0"
    feedback_services.feedback_set_hidden(feedback=feedback, actor=request.user, hidden=hidden)
    if hidden:
        messages.success(request, _("The feedback is hidden from the team and the counts."))
    else:
        messages.success(request, _("The feedback is shown again."))
    return redirect(
        reverse("testsessions:session_feedback", args=[feedback.stand.session_id]) + f"#feedback-{feedback.pk}"
    )


@guard("testsessions.export_session", load=session_scope)
def session_report(request: HttpRequest, session: TestSession) -> HttpResponse:
    form = forms.ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        export = exports.export_request(
            requested_by=request.user,
            builder=documents.REPORT_BUILDER,
            parameters={"session_id": session.pk, "language": get_language()},
            format=form.cleaned_data["format"],
            title=_("Test session report: %(title)s, %(place)s")
            % {"title": session.title, "place": session.site.place},
        )
        return redirect("export_detail", pk=export.pk)
    status = 400 if request.method == "POST" else 200
    context = {"session": session, "form": form, "expiry_days": settings.EXPORT_EXPIRY_DAYS}
    return render(request, "testsessions/session_report.html", context, status=status)


# --- Stands, for their team and the facilitators ------------------------------------------


@guard("testsessions.change_stand", load=stand_scope)
def stand_edit(request: HttpRequest, stand: Stand) -> HttpResponse:
    form = forms.StandForm(
        request.POST or None,
        instance=Stand(pk=stand.pk, **{f: getattr(stand, f) for f in ("location", "prototype", "questions")}),
    )
    if request.method == "POST" and form.is_valid():
        try:
            sessions.stand_update(stand=stand, actor=request.user, **{f: form.cleaned_data[f] for f in form.fields})
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The stand is saved."))
            if request.user.has_perm("testsessions.manage_session", stand.session):
                return redirect("testsessions:session_detail", stand.session_id)
            return redirect(reverse("challenges:challenge_detail", args=[stand.challenge_id]) + "#test-feedback")
    status = 400 if request.method == "POST" else 200
    return render(request, "testsessions/stand_form.html", {"stand": stand, "form": form}, status=status)


@guard("testsessions.remove_stand", load=stand_scope, methods=("POST",))
def stand_remove(request: HttpRequest, stand: Stand) -> HttpResponse:
    session_id = stand.session_id
    try:
        sessions.stand_remove(stand=stand, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The stand “%(label)s” is removed.") % {"label": stand.label})
    return redirect("testsessions:session_detail", session_id)


@guard("testsessions.view_feedback", load=stand_scope, methods=("GET", "HEAD"))
def stand_poster(request: HttpRequest, stand: Stand) -> HttpResponse:
    """One stand's poster, laid out at once (one page): what the team prints for its own stand."""
    buffer = io.BytesIO()
    documents.posters_pdf_write(session=stand.session, stands=[stand], target=buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="affiche-{download_slug(stand.label)}.pdf"'
    return response


@guard("testsessions.write_debrief", load=stand_scope)
def debrief_edit(request: HttpRequest, stand: Stand) -> HttpResponse:
    debrief = Debrief.objects.filter(session=stand.session, challenge=stand.challenge).first()
    initial = {"outcome": debrief.outcome, "conclusions": "\n".join(debrief.conclusions)} if debrief else {}
    form = forms.DebriefForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            debriefs.debrief_save(
                stand=stand,
                author=request.user,
                outcome=form.cleaned_data["outcome"],
                conclusions=form.conclusion_list(),
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(
                request, _("The debrief is saved and added to the test phase. Reformulate the question in its light?")
            )
            return redirect("testsessions:debrief_reformulate", stand.pk)
    report = None if stand.session.state == TestSession.State.DRAFT else selectors.stand_test_report(stand=stand)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "testsessions/debrief_form.html", {"stand": stand, "form": form, "report": report}, status=status
    )


@guard("testsessions.write_debrief", load=stand_scope)
def debrief_reformulate(request: HttpRequest, stand: Stand) -> HttpResponse:
    debrief = get_object_or_404(
        Debrief.objects.select_related("session", "challenge"), session=stand.session, challenge=stand.challenge
    )
    form = ReformulateForm(request.POST or None, initial=debriefs.debrief_reformulation_initial(debrief=debrief))
    if request.method == "POST" and form.is_valid():
        try:
            debriefs.debrief_reformulate(
                debrief=debrief,
                author=request.user,
                question=form.cleaned_data["question"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The question is reformulated; the previous one is kept in its history."))
            return redirect("challenges:challenge_detail", stand.challenge_id)
    status = 400 if request.method == "POST" else 200
    context = {"stand": stand, "debrief": debrief, "form": form, "challenge": stand.challenge}
    return render(request, "testsessions/debrief_reformulate.html", context, status=status)


# --- The tester's pages (no account needed) ------------------------------------------


def _client_address(request: HttpRequest) -> str:
    """The tester's address: the one the last trusted proxy saw (``PROXY_COUNT``), else the peer's."""
    if settings.PROXY_COUNT:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= settings.PROXY_COUNT:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def _browser_key(request: HttpRequest) -> tuple[str, bool]:
    """The browser's random key and whether it is new (then the response sets the cookie)."""
    key = request.COOKIES.get(TESTER_COOKIE, "")
    if 16 <= len(key) <= 64 and key.replace("-", "").replace("_", "").isalnum():
        return key, False
    return secrets.token_urlsafe(24), True


def _with_key(response: HttpResponse, key: str, new: bool) -> HttpResponse:
    if new:
        response.set_cookie(
            TESTER_COOKIE,
            key,
            max_age=TESTER_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def _initial(existing: Feedback | None, stand: Stand) -> dict[str, str]:
    if existing is None:
        return {}
    initial = {f"q_{key}": str(value) for key, value in existing.answers.items()}
    given = {pair["question"]: pair["answer"] for pair in existing.team_answers}
    for index, question in enumerate(stand.team_questions):
        if question in given:
            initial[f"team_{index}"] = given[question]
    initial["profile"] = existing.profile
    return initial


@guard("testsessions.view_stand", load=stand_from_token)
def stand_page(request: HttpRequest, stand: Stand) -> HttpResponse:
    key, new_key = _browser_key(request)
    tester = request.user if request.user.is_authenticated else None
    session = stand.session
    questions = list(session.form.questions.all())
    context = {"stand": stand, "session": session}
    if not session.is_open:
        typed = request.POST if request.method == "POST" else None
        return _with_key(
            render(
                request, "testsessions/stand_unavailable.html", {**context, "typed": _typed(typed, questions, stand)}
            ),
            key,
            new_key,
        )
    if tester is not None and not request.user.has_perm("testsessions.give_feedback", stand):
        return render(request, "testsessions/stand_own.html", context)
    # A sent form carries its own values: the stored feedback is only read to fill the form of a GET.
    existing = (
        feedback_services.feedback_existing(stand=stand, tester=tester, browser_key=key)
        if request.method != "POST"
        else None
    )
    form = forms.FeedbackGiveForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(existing, stand),
        questions=questions,
        stand=stand,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if form.is_robot():  # a robot filled the hidden field: thank it, keep nothing
                return redirect("testsessions:stand_thanks", stand.token)
            if tester is None and not feedback_services.feedback_rate_allowed(
                browser_key=key, address=_client_address(request)
            ):
                form.add_error(
                    None,
                    _(
                        "Too many answers were sent from here in a short time: wait a few minutes, then send "
                        "again. Your answers are kept below."
                    ),
                )
                status = 429
            else:
                try:
                    feedback_services.feedback_submit(
                        stand=stand,
                        tester=tester,
                        browser_key=key,
                        profile=form.cleaned_data["profile"],
                        answers=form.answers(),
                        team_answers=form.team_answers(),
                        questions=questions,
                    )
                except feedback_services.SessionNotOpen as closed:  # closed while the tester was typing
                    stand.session.state = closed.state
                    return render(
                        request,
                        "testsessions/stand_unavailable.html",
                        {**context, "typed": _typed(request.POST, questions, stand)},
                    )
                except ValidationError as error:
                    form.add_service_errors(error)
                else:
                    return _with_key(redirect("testsessions:stand_thanks", stand.token), key, new_key)
    context.update({"form": form, "existing": existing})
    return _with_key(render(request, "testsessions/stand_page.html", context, status=status), key, new_key)


def _typed(data, questions, stand: Stand) -> list[tuple[str, str]]:
    """What the tester had typed, to give back on a page that cannot take it any more."""
    if not data:
        return []
    typed = []
    for question in questions:
        value = (data.get(f"q_{question.key}") or "").strip()
        if value:
            label = question.choice_label(value) if question.kind == "choice" else value
            typed.append((question.text, label))
    for index, text in enumerate(stand.team_questions):
        value = (data.get(f"team_{index}") or "").strip()
        if value:
            typed.append((text, value))
    return typed


@guard("testsessions.view_stand", load=stand_from_token, methods=("GET", "HEAD"))
def stand_thanks(request: HttpRequest, stand: Stand) -> HttpResponse:
    key, _new = _browser_key(request)
    tester = request.user if request.user.is_authenticated else None
    suggestions = (
        selectors.stands_to_visit_next(stand=stand, tester=tester, browser_key=key) if stand.session.is_open else []
    )
    return render(
        request,
        "testsessions/stand_thanks.html",
        {"stand": stand, "session": stand.session, "suggestions": suggestions},
    )
