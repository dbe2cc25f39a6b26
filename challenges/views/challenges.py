"""Facilitator and reading pages of one challenge: create, edit, publish, phases, question, history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from challenges import forms
from challenges.models import AuditEntry, Challenge, Site, TeamMembership
from challenges.models.challenges import PHASE_ORDER, Phase
from challenges.selectors import challenges as selectors
from challenges.services import challenges as services
from innovation.forms import form_add_service_errors
from innovation.guards import Scope, guard

CHALLENGE = Scope(selectors.challenge_scope, kwarg="challenge_id")
SITE = Scope(selectors.site_scope, kwarg="site_id")


def _challenge_page(request: HttpRequest, challenge_id: int) -> Challenge:
    return selectors.challenge_for_page(user=request.user, challenge_id=challenge_id)


@guard("challenges.view_challenge", load=_challenge_page, methods=("GET",))
def challenge_detail(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    context = {
        "challenge": challenge,
        "content": selectors.ChallengeContent(challenge),
        "move_form": forms.MovePhaseForm(initial={"phase": challenge.phase}),
    }
    return render(request, "challenges/challenge_detail.html", context)


def _form_context(site: Site, challenge: Challenge | None, person_id: int, data=None, files=None) -> dict:
    instance = challenge or Challenge(site=site)
    context = {
        "site": site,
        "challenge": challenge,
        "form": forms.ChallengeForm(data, files, instance=instance, site=site),
        "figures": forms.FigureFormSet(
            data, prefix="figures", initial=list(challenge.territory_figures) if challenge else None
        ),
        "links": forms.LinkFormSet(
            data,
            prefix="links",
            initial=[{"title": link.title, "url": link.url} for link in challenge.links.all()] if challenge else None,
        ),
        "files": forms.AttachmentFormSet(data, files, prefix="files", form_kwargs={"person_id": person_id}),
        "organisation_names": selectors.organisation_names(),
    }
    if challenge:
        context["remove_form"] = forms.RemoveAttachmentsForm(data, challenge=challenge, prefix="existing")
    return context


def _all_valid(context: dict, site: Site, challenge: Challenge | None = None) -> bool:
    parts = [context["form"], context["figures"], context["links"], context["files"]]
    if "remove_form" in context:
        parts.append(context["remove_form"])
    results = [part.is_valid() for part in parts]  # validate every part, so every error shows at once
    if all(results):
        return True
    # Some part is wrong: the service's rules (a number already taken...) are shown in the same round,
    # on the fields the form found no error on.
    form = context["form"]
    try:
        services.challenge_check(
            site=site,
            fields={**form.description(), "territory_figures": []},
            organisation=form.cleaned_data.get("organisation") or "",
            exclude_pk=challenge.pk if challenge else None,
        )
    except ValidationError as error:
        fresh = {field: errors for field, errors in error.error_dict.items() if field not in form.errors}
        if fresh:
            form_add_service_errors(form, ValidationError(fresh))
    return False


@guard("challenges.add_challenge", load=SITE)
def challenge_create(request: HttpRequest, site: Site) -> HttpResponse:
    if request.method == "POST":
        context = _form_context(site, None, request.user.pk, request.POST, request.FILES)
        if _all_valid(context, site):
            form = context["form"]
            try:
                challenge = services.challenge_create(
                    site=site,
                    author=request.user,
                    organisation=form.cleaned_data["organisation"],
                    fields={**form.description(), "territory_figures": forms.figures_from(context["figures"])},
                    links=forms.links_from(context["links"]),
                    attachments=forms.attachments_from(context["files"]),
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Challenge %(number)s is created, as a draft.") % {"number": challenge.number}
                )
                return redirect("challenges:challenge_detail", challenge.pk)
        forms.attachments_hold(context["files"])
    else:
        context = _form_context(site, None, request.user.pk)
        context["form"].initial["number"] = selectors.site_next_challenge_number(site=site)
    return render(request, "challenges/challenge_form.html", context, status=200)


@guard("challenges.change_challenge", load=CHALLENGE)
def challenge_edit(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    if request.method == "POST":
        context = _form_context(challenge.site, challenge, request.user.pk, request.POST, request.FILES)
        if _all_valid(context, challenge.site, challenge):
            form = context["form"]
            try:
                services.challenge_update(
                    challenge=challenge,
                    actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    fields={**form.description(), "territory_figures": forms.figures_from(context["figures"])},
                    links=forms.links_from(context["links"]),
                    attachments=forms.attachments_from(context["files"]),
                    removed_attachment_ids=[a.pk for a in context["remove_form"].cleaned_data["remove"]],
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The challenge is saved."))
                return redirect("challenges:challenge_detail", challenge.pk)
        forms.attachments_hold(context["files"])
    else:
        context = _form_context(challenge.site, challenge, request.user.pk)
    return render(request, "challenges/challenge_form.html", context)


def _confirm(
    request: HttpRequest,
    challenge: Challenge,
    *,
    url_name: str,
    field: str,
    value: str,
    title: str,
    explanation: str,
    button: str,
) -> HttpResponse:
    """A page that asks once more before a step back; its form posts the same change, confirmed."""
    context = {
        "challenge": challenge,
        "action": reverse(url_name, args=[challenge.pk]),
        "field": field,
        "value": value,
        "title": title,
        "explanation": explanation,
        "button": button,
    }
    return render(request, "challenges/confirm_step_back.html", context)


@guard("challenges.publish_challenge", load=CHALLENGE, methods=("POST",))
def challenge_status(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        back_to_draft = challenge.is_published and form.cleaned_data["status"] == Challenge.Status.DRAFT
        if back_to_draft and not form.cleaned_data["confirmed"]:
            return _confirm(
                request,
                challenge,
                url_name="challenges:challenge_status",
                field="status",
                value=Challenge.Status.DRAFT,
                title=_("Take the challenge back to draft?"),
                explanation=_(
                    "Everybody can read it now. As a draft, only its team and facilitators will see it, "
                    "until it is published again."
                ),
                button=_("Yes, back to draft"),
            )
        services.challenge_set_status(challenge=challenge, actor=request.user, status=form.cleaned_data["status"])
        if challenge.is_published:
            messages.success(request, _("The challenge is published: everybody can read it."))
        else:
            messages.success(request, _("The challenge is a draft again: only its team and facilitators see it."))
    else:
        messages.error(request, _("Unknown status."))
    return redirect("challenges:challenge_detail", challenge.pk)


@guard("challenges.move_phase", load=CHALLENGE, methods=("POST",))
def challenge_move_phase(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = forms.MovePhaseForm(request.POST)
    if form.is_valid():
        phase = form.cleaned_data["phase"]
        backwards = PHASE_ORDER.index(phase) < PHASE_ORDER.index(challenge.phase)
        if backwards and not form.cleaned_data["confirmed"]:
            return _confirm(
                request,
                challenge,
                url_name="challenges:challenge_move_phase",
                field="phase",
                value=phase,
                title=_("Go back to the “%(phase)s” phase?") % {"phase": Phase(phase).label},
                explanation=_(
                    "The challenge is in the “%(current)s” phase. Going back keeps what later phases hold, "
                    "but the challenge will show “%(phase)s” as its current phase."
                )
                % {"current": challenge.get_phase_display(), "phase": Phase(phase).label},
                button=_("Yes, go back"),
            )
        services.challenge_move_phase(challenge=challenge, actor=request.user, phase=form.cleaned_data["phase"])
        messages.success(
            request, _("The challenge is now in the “%(phase)s” phase.") % {"phase": challenge.get_phase_display()}
        )
    else:
        messages.error(request, _("Unknown phase."))
    return redirect("challenges:challenge_detail", challenge.pk)


@guard("challenges.change_challenge", load=CHALLENGE)
def phase_content_edit(request: HttpRequest, challenge: Challenge, phase: str) -> HttpResponse:
    if phase not in PHASE_ORDER:
        raise Http404
    content = challenge.phase_contents.filter(phase=phase).first()
    initial = {"text": content.text, "learnings": content.learnings} if content else {}
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = forms.PhaseContentForm(data, phase=phase, initial=initial)
    uploads = forms.AttachmentFormSet(data, files, prefix="files", form_kwargs={"person_id": request.user.pk})
    valid = [form.is_valid(), uploads.is_valid()]  # both, so that every error shows at once
    if request.method == "POST" and all(valid):
        try:
            services.phase_content_update(
                challenge=challenge,
                actor=request.user,
                phase=phase,
                text=form.cleaned_data["text"],
                learnings=form.cleaned_data.get("learnings", ""),
                attachments=forms.attachments_from(uploads, phase=phase),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The “%(phase)s” phase is saved.") % {"phase": Phase(phase).label})
            return redirect(reverse("challenges:challenge_detail", args=[challenge.pk]) + f"#phase-{phase}")
    if request.method == "POST":
        forms.attachments_hold(uploads)
    return render(
        request,
        "challenges/phase_form.html",
        {
            "challenge": challenge,
            "phase": phase,
            "phase_label": Phase(phase).label,
            "form": form,
            "files": uploads,
            "existing": challenge.attachments.filter(phase=phase),
        },
    )


@guard("challenges.reformulate_question", load=CHALLENGE)
def challenge_reformulate(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = forms.ReformulateForm(request.POST or None, initial={"question": challenge.question})
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_reformulate_question(
                challenge=challenge,
                author=request.user,
                question=form.cleaned_data["question"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The question is reformulated; the previous one is kept in its history."))
            return redirect("challenges:challenge_detail", challenge.pk)
    return render(request, "challenges/reformulate_form.html", {"challenge": challenge, "form": form})


AUDIT_ORDER = [
    "file",
    "phase",
    "status",
    "person",
    "email",
    "role",
    *services.DESCRIPTION_FIELDS,
    "organisation",
    "links",
]
AUDIT_LABELS = {
    "phase": gettext_lazy("phase"),
    "users": gettext_lazy("service users"),
    "organisation": gettext_lazy("owner organisation"),
    "links": gettext_lazy("links"),
    "attachment": gettext_lazy("attachment"),
    "person": gettext_lazy("person"),
    "email": gettext_lazy("e-mail address"),
    "role": gettext_lazy("role"),
    "reason": gettext_lazy("reason"),
    "text": gettext_lazy("content"),
    "learnings": gettext_lazy("what was learnt"),
    "file": gettext_lazy("imported file"),
    # A challenge made from a project (issue 15)
    "project": gettext_lazy("from the project"),
    "owner": gettext_lazy("project owner"),
    "assessments": gettext_lazy("assessments carried over"),
}


def _audit_value(field: str, value):
    if value is None or value == "" or value == []:
        return None
    if field == "role" and value in TeamMembership.Role.values:
        return TeamMembership.Role(value).label
    try:
        choices = dict(getattr(Challenge._meta.get_field(field), "flatchoices", ()))  # a relation has none
    except FieldDoesNotExist:
        choices = {}
    if isinstance(value, str) and value in choices:  # phase, status, kind of challenge...: their label
        return choices[value]
    if isinstance(value, list):
        return "; ".join(
            f"{item.get('label')} : {item.get('value')}" if isinstance(item, dict) else str(item) for item in value
        )
    return value


def _audit_rows(entry: AuditEntry, *, show_emails: bool = False) -> list[dict]:
    """The rows of an entry; a team member's e-mail address only for staff (issue 10)."""
    rows = []
    fields = sorted(entry.changes, key=lambda name: (AUDIT_ORDER.index(name) if name in AUDIT_ORDER else 99, name))
    for field in fields:
        if field == "email" and not show_emails:
            continue
        before, after = entry.changes[field]
        if _audit_value(field, before) is None and _audit_value(field, after) is None:
            continue
        if field in AUDIT_LABELS:
            label = AUDIT_LABELS[field]
        else:
            try:
                label = Challenge._meta.get_field(field).verbose_name
            except FieldDoesNotExist:
                label = field
        rows.append({"label": label, "before": _audit_value(field, before), "after": _audit_value(field, after)})
    return rows


@guard("challenges.view_history", load=CHALLENGE, methods=("GET",))
def challenge_history(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    page = Paginator(selectors.challenge_audit_entries(challenge=challenge), 50).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.rows = _audit_rows(entry, show_emails=request.user.is_staff)
    return render(request, "challenges/challenge_history.html", {"challenge": challenge, "page": page})


@guard("challenges.view_challenge", load=CHALLENGE, methods=("GET",))
def attachment_download(request: HttpRequest, challenge: Challenge, attachment_id: int) -> FileResponse:
    """A file of a challenge, for whoever may see the challenge (drafts' files stay private)."""
    attachment = get_object_or_404(challenge.attachments.all(), pk=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # Only a real image is shown in the browser; everything else is downloaded, and nothing it holds may run.
    # An "image" that does not decode loses its type too: it is no image, whatever its first bytes say.
    inline = services.attachment_is_displayable(attachment=attachment)
    disguised = attachment.content_type.startswith("image/") and not inline
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.file.name.rsplit("/", 1)[-1],
        content_type="application/octet-stream"
        if disguised or not attachment.content_type
        else attachment.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
