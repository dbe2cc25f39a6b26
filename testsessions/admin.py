from django.contrib import admin

from testsessions.models import Debrief, Feedback, FeedbackForm, FeedbackQuestion, Stand, TestSession


class StaffAdminMixin:
    """CNFPT staff run every site: they may look at and correct any row of this app in the admin."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff


class FeedbackQuestionInline(admin.TabularInline):
    model = FeedbackQuestion
    extra = 0


@admin.register(FeedbackForm)
class FeedbackFormAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("title", "version", "is_current", "is_default", "created_at")
    inlines = [FeedbackQuestionInline]


class StandInline(admin.TabularInline):
    model = Stand
    extra = 0
    fields = ("label", "challenge", "location", "token")
    readonly_fields = ("token",)
    raw_id_fields = ("challenge",)


@admin.register(TestSession)
class TestSessionAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("title", "site", "starts_at", "state")
    list_filter = ("state",)
    list_select_related = ("site__edition",)
    raw_id_fields = ("site", "created_by")
    inlines = [StandInline]


@admin.register(Feedback)
class FeedbackAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("stand", "created_at", "profile", "hidden")
    list_filter = ("hidden", "profile")
    list_select_related = ("stand",)
    raw_id_fields = ("stand", "tester", "visiting_challenge", "hidden_by")


@admin.register(Debrief)
class DebriefAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("session", "challenge", "outcome", "updated_at")
    raw_id_fields = ("session", "challenge", "author")
