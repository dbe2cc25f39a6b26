from django.contrib import admin

from testsessions.models import Debrief, Feedback, FeedbackForm, FeedbackQuestion, Stand, TestSession
from testsessions.services.sessions import session_reports_changed


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


class SessionReportsAdminMixin:
    """A feedback or a debrief corrected here changes its stand's report: its session says so
    (``session_reports_changed``), so the challenge pages show it at once. Moved to another stand or session,
    it changes the reports of both: the session it left and the one it joined."""

    def report_session_id(self, obj) -> int:
        return obj.session_id

    def _sessions_changed(self, objects) -> None:
        session_reports_changed(session_ids={self.report_session_id(obj) for obj in objects})

    def save_model(self, request, obj, form, change) -> None:
        before = [type(obj).objects.get(pk=obj.pk)] if change else []
        super().save_model(request, obj, form, change)
        self._sessions_changed([*before, obj])

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        self._sessions_changed([obj])

    def delete_queryset(self, request, queryset) -> None:
        objects = list(queryset)
        super().delete_queryset(request, queryset)
        self._sessions_changed(objects)


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
    fields = ("position", "challenge", "location", "token")
    readonly_fields = ("token",)
    raw_id_fields = ("challenge",)


@admin.register(TestSession)
class TestSessionAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("title", "site", "starts_at", "state")
    list_filter = ("state",)
    list_select_related = ("site__edition",)
    raw_id_fields = ("site", "created_by")
    inlines = [StandInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        session_reports_changed(session_ids=[form.instance.pk])  # its stands, added or taken away


@admin.register(Feedback)
class FeedbackAdmin(SessionReportsAdminMixin, StaffAdminMixin, admin.ModelAdmin):
    list_display = ("stand", "created_at", "profile", "hidden")
    list_filter = ("hidden", "profile")
    list_select_related = ("stand",)
    raw_id_fields = ("stand", "tester", "visiting_challenge", "hidden_by")

    def report_session_id(self, obj) -> int:
        return obj.stand.session_id


@admin.register(Debrief)
class DebriefAdmin(SessionReportsAdminMixin, StaffAdminMixin, admin.ModelAdmin):
    list_display = ("session", "challenge", "outcome", "updated_at")
    raw_id_fields = ("session", "challenge", "author")
