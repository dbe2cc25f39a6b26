"""The admin shows labs for support; the coordinators run them in the browser. Charters, acceptances,
attestations and the audit trail are written by the services only, so the admin reads them."""

from django.contrib import admin

from labs.models import (
    AuditEntry,
    Charter,
    CharterAcceptance,
    Lab,
    LabSession,
    Network,
    NetworkMembership,
    Resource,
    StepCompletion,
    Workshop,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Lab)
class LabAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "territory"]
    search_fields = ["name"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "lab", "kind", "is_open"]
    list_select_related = ["lab"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(ReadOnlyAdmin):
    list_display = ["person", "network", "role", "status"]
    list_filter = ["role", "status"]
    list_select_related = ["person", "network"]


@admin.register(Charter)
class CharterAdmin(ReadOnlyAdmin):
    list_display = ["network", "version", "published_at", "published_by"]
    list_select_related = ["network", "published_by"]


@admin.register(CharterAcceptance)
class CharterAcceptanceAdmin(ReadOnlyAdmin):
    list_display = ["charter", "person", "accepted_at"]
    list_select_related = ["charter__network", "person"]


@admin.register(StepCompletion)
class StepCompletionAdmin(ReadOnlyAdmin):
    list_display = ["membership", "step", "done_at", "attested_at", "attested_by"]
    list_select_related = ["membership__person", "step", "attested_by"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "lab", "actor", "action", "subject"]
    list_filter = ["action"]
    list_select_related = ["lab", "actor"]


@admin.register(LabSession)
class LabSessionAdmin(ReadOnlyAdmin):
    list_display = ["lab", "number", "title", "place", "starts_on"]
    list_select_related = ["lab"]


@admin.register(Workshop)
class WorkshopAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "lab", "session", "synthesis_published_at"]
    list_select_related = ["lab", "session"]


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "lab"]
    list_select_related = ["lab"]
