"""The administration of editions, sites, themes and challenges.

Every change made here to a challenge is audited like a change made in its pages: its description is
diffed into an audit entry, its status and phase go through the services (which audit them), its question
changes only by a reformulation (which keeps its history), and each inline (team, phases, links, files)
records what it added, changed or removed. A challenge is not deleted here: that would erase its history;
taking it back to draft hides it instead.
"""

from functools import partial

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count

from challenges.models import (
    AuditEntry,
    Challenge,
    ChallengeAttachment,
    ChallengeLink,
    Edition,
    PhaseContent,
    QuestionReformulation,
    Site,
    SiteProgrammeItem,
    TeamMembership,
    Theme,
)
from challenges.services.audit import audit_changes, audit_record
from challenges.services.challenges import (
    CHALLENGE_MARKDOWN,
    PHASE_MARKDOWN,
    attachment_check,
    challenge_content_changed,
    challenge_move_phase,
    challenge_set_status,
)
from innovation.markdown import markdown_store

Action = AuditEntry.Action
# Set by their own services (status, phase) or by a reformulation (question); never diffed by hand.
SERVICE_FIELDS = ("status", "phase")


class StaffAdminMixin:
    """CNFPT staff (``User.is_staff``) run editions: they may manage every object of this app in the admin."""

    def _is_staff(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request) -> bool:
        return self._is_staff(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._is_staff(request)

    def has_add_permission(self, request, *args) -> bool:
        return self._is_staff(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._is_staff(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._is_staff(request)


class SiteInline(StaffAdminMixin, admin.TabularInline):
    model = Site
    fields = ["place", "starts_on", "ends_on"]
    extra = 0
    show_change_link = True


class ThemeInline(StaffAdminMixin, admin.TabularInline):
    model = Theme
    fields = ["title", "position"]
    extra = 0


@admin.register(Edition)
class EditionAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["title", "starts_on", "ends_on", "organiser"]
    list_select_related = ["organiser"]
    search_fields = ["title"]
    date_hierarchy = "starts_on"
    inlines = [SiteInline, ThemeInline]

    def save_model(self, request, obj, form, change):
        markdown_store(obj, "description")
        super().save_model(request, obj, form, change)


class SiteProgrammeItemInline(StaffAdminMixin, admin.TabularInline):
    model = SiteProgrammeItem
    fields = ["position", "kind", "title", "starts_at"]
    extra = 0


@admin.register(Site)
class SiteAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["place", "edition", "starts_on", "ends_on", "challenge_count"]
    ordering = ["-edition__starts_on", "place"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["place", "edition__title"]
    filter_horizontal = ["facilitators"]
    inlines = [SiteProgrammeItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(challenge_total=Count("challenges"))

    @admin.display(description=Challenge._meta.verbose_name_plural, ordering="challenge_total")
    def challenge_count(self, obj: Site) -> int:
        return obj.challenge_total


@admin.register(Theme)
class ThemeAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["title", "edition", "position"]
    ordering = ["-edition__starts_on", "position", "title"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["title"]


class TeamMembershipInline(StaffAdminMixin, admin.TabularInline):
    model = TeamMembership
    fields = ["person", "role", "job_title"]
    raw_id_fields = ["person"]
    extra = 0


class PhaseContentInline(StaffAdminMixin, admin.StackedInline):
    model = PhaseContent
    fields = ["phase", "text", "learnings"]
    extra = 0


class QuestionReformulationInline(StaffAdminMixin, admin.TabularInline):
    model = QuestionReformulation
    fields = ["previous_question", "new_question", "reason", "author", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ChallengeLinkInline(StaffAdminMixin, admin.TabularInline):
    model = ChallengeLink
    fields = ["title", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0


class ChallengeAttachmentForm(forms.ModelForm):
    """A file added here passes the same checks as one added in the challenge's pages (type, size)."""

    class Meta:
        model = ChallengeAttachment
        fields = ["title", "phase", "file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and "file" in self.changed_data:
            try:
                self.instance.content_type = attachment_check(file=upload)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from error
            self.instance.size = upload.size or 0
        return upload


class ChallengeAttachmentInline(StaffAdminMixin, admin.TabularInline):
    model = ChallengeAttachment
    form = ChallengeAttachmentForm
    fields = ["title", "phase", "file", "content_type", "size"]
    readonly_fields = ["content_type", "size"]
    extra = 0


@admin.register(Challenge)
class ChallengeAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["number", "question", "site", "organisation", "theme", "phase", "status"]
    ordering = ["-site__edition__starts_on", "site__place", "number"]
    list_display_links = ["number", "question"]
    list_filter = ["status", "phase", "site__edition", "site"]
    list_select_related = ["site__edition", "organisation", "theme"]
    search_fields = ["question", "subject", "territory", "organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [
        TeamMembershipInline,
        PhaseContentInline,
        QuestionReformulationInline,
        ChallengeLinkInline,
        ChallengeAttachmentInline,
    ]

    def get_readonly_fields(self, request, obj=None):
        # Once the challenge exists, its question changes by a reformulation, which keeps its history.
        return ["question"] if obj is not None else []

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @staticmethod
    def _snapshot(challenge: Challenge) -> dict:
        return {
            field.name: getattr(challenge, field.name)
            for field in Challenge._meta.concrete_fields
            if field.editable and not field.primary_key and field.name not in SERVICE_FIELDS
        }

    def save_model(self, request, obj, form, change):
        actor = request.user
        markdown_store(obj, *CHALLENGE_MARKDOWN)
        if not change:
            wanted = {field: getattr(obj, field) for field in SERVICE_FIELDS}
            obj.status, obj.phase = Challenge.Status.DRAFT, Challenge.Phase.IDEATION
            super().save_model(request, obj, form, change)
            audit_record(
                challenge=obj,
                actor=actor,
                action=Action.CREATED,
                changes=audit_changes(before={}, after=self._snapshot(obj)),
            )
        else:
            stored = Challenge.objects.select_related("site", "organisation", "theme").get(pk=obj.pk)
            wanted = {field: getattr(obj, field) for field in SERVICE_FIELDS}
            for field in SERVICE_FIELDS:
                setattr(obj, field, getattr(stored, field))
            super().save_model(request, obj, form, change)
            changes = audit_changes(before=self._snapshot(stored), after=self._snapshot(obj))
            if changes:
                audit_record(challenge=obj, actor=actor, action=Action.UPDATED, changes=changes)
        challenge_set_status(challenge=obj, actor=actor, status=wanted["status"])
        challenge_move_phase(challenge=obj, actor=actor, phase=wanted["phase"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        challenge_content_changed(challenge_id=form.instance.pk)  # the inlines' phases, links and files

    def save_formset(self, request, form, formset, change):
        challenge, actor = form.instance, request.user
        audited = INLINE_AUDITS.get(formset.model)
        if audited is None:
            return super().save_formset(request, form, formset, change)
        links_before = _links(challenge) if formset.model is ChallengeLink else None
        # The rows as stored, before the forms' values reach them (a bound form has already copied its data).
        stored = {
            row.pk: row
            for row in formset.model.objects.filter(
                pk__in=[inline.instance.pk for inline in formset.initial_forms if inline.has_changed()]
            )
        }
        if formset.model is PhaseContent:
            for inline in formset.forms:
                markdown_store(inline.instance, *PHASE_MARKDOWN)
        formset.save()
        if links_before is not None:
            links_after = _links(challenge)
            if links_after != links_before:
                audit_record(
                    challenge=challenge,
                    actor=actor,
                    action=Action.UPDATED,
                    changes={"links": [links_before, links_after]},
                )
            return None
        for obj in formset.deleted_objects:
            audited(challenge=challenge, actor=actor, before=obj, after=None)
        for obj in formset.new_objects:
            audited(challenge=challenge, actor=actor, before=None, after=obj)
        for obj, _fields in formset.changed_objects:
            audited(challenge=challenge, actor=actor, before=stored[obj.pk], after=obj)
        return None


def _links(challenge: Challenge) -> list[str]:
    return [f"{link.title} <{link.url}>" for link in ChallengeLink.objects.filter(challenge=challenge).order_by("id")]


def _audit_member(*, challenge, actor, before, after) -> None:
    person = (after or before).person
    action = Action.MEMBER_ADDED if before is None else Action.MEMBER_REMOVED if after is None else Action.UPDATED
    changes = {
        "person": [None if before is None else str(person), None if after is None else str(person)],
        "email": [None if before is None else person.email, None if after is None else person.email],
        "role": [before.role if before else None, after.role if after else None],
    }
    audit_record(challenge=challenge, actor=actor, action=action, changes=changes)


def _audit_phase_content(*, challenge, actor, before, after) -> None:
    fields = ("text", "learnings")
    changes = audit_changes(
        before={field: getattr(before, field) for field in fields} if before else {},
        after={field: getattr(after, field) if after else None for field in fields},
    )
    if changes:
        phase = (after or before).phase
        audit_record(
            challenge=challenge,
            actor=actor,
            action=Action.PHASE_CONTENT_UPDATED,
            changes={"phase": [None, phase], **changes},
        )


def _audit_attachment(*, challenge, actor, before, after) -> None:
    if after is None:
        if before.file.name:  # the file goes once the removal is committed, as in the challenge's pages
            transaction.on_commit(partial(before.file.storage.delete, before.file.name))
        audit_record(
            challenge=challenge,
            actor=actor,
            action=Action.ATTACHMENT_REMOVED,
            changes={"attachment": [before.title, None]},
        )
    elif before is None:
        audit_record(
            challenge=challenge,
            actor=actor,
            action=Action.ATTACHMENT_ADDED,
            changes={"attachment": [None, after.title], "phase": [None, after.phase or None]},
        )
    else:
        changes = audit_changes(
            before={"attachment": before.title, "phase": before.phase, "file": before.file.name},
            after={"attachment": after.title, "phase": after.phase, "file": after.file.name},
        )
        if changes:
            audit_record(challenge=challenge, actor=actor, action=Action.UPDATED, changes=changes)


# What each inline of the challenge records; the links are recorded as one list, before and after.
INLINE_AUDITS = {
    TeamMembership: _audit_member,
    PhaseContent: _audit_phase_content,
    ChallengeLink: lambda **kwargs: None,
    ChallengeAttachment: _audit_attachment,
}


@admin.register(AuditEntry)
class AuditEntryAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "challenge", "actor", "action"]
    list_filter = ["action"]
    list_select_related = ["challenge", "actor"]
    search_fields = ["challenge__question", "actor__email"]
    readonly_fields = ["challenge", "actor", "action", "changes", "created_at"]

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
