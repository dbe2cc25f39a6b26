from django.contrib import admin
from django.db import models
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
    TeamMembership,
    Theme,
)


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


@admin.register(Site)
class SiteAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["place", "edition", "starts_on", "ends_on", "challenge_count"]
    ordering = ["-edition__starts_on", "place"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["place", "edition__title"]
    filter_horizontal = ["facilitators"]

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


class ChallengeAttachmentInline(StaffAdminMixin, admin.TabularInline):
    model = ChallengeAttachment
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
