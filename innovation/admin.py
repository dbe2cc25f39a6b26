from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from innovation.models import Export, Invitation, Notification, NotificationPreference, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "territory", "people_count"]
    list_filter = ["kind"]
    search_fields = ["name", "territory"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(people_total=Count("people"))

    @admin.display(description=_("people"), ordering="people_total")
    def people_count(self, obj: Organisation) -> int:
        return obj.people_total


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "job_title", "organisation", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_active", "language", "organisation__kind"]
    list_select_related = ["organisation"]
    search_fields = ["email", "display_name", "job_title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("display_name", "job_title", "organisation", "language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")}),)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "delivery", "created_at", "sent_at", "digested_at", "attempts", "last_error"]
    list_filter = ["kind", "delivery", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "event_key"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["recipient"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["person", "purpose", "invited_by", "created_at", "accepted_at"]
    list_select_related = ["person", "invited_by"]
    search_fields = ["person__email", "purpose"]
    raw_id_fields = ["person", "invited_by"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["person", "category", "delivery", "updated_at"]
    list_filter = ["category", "delivery"]
    list_select_related = ["person"]
    search_fields = ["person__email"]
    raw_id_fields = ["person"]


# --- Exports (issue 5) ----------------------------------------------------------


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "state", "progress", "requested_by", "created_at", "finished_at", "expires_at"]
    list_filter = ["state", "format"]
    list_select_related = ["requested_by"]
    search_fields = ["title", "requested_by__email"]
    readonly_fields = [
        "created_at", "started_at", "heartbeat_at", "lease_owner", "leased_until", "finished_at", "attempts", "error",
        "size",
    ]  # fmt: skip
    raw_id_fields = ["requested_by"]
