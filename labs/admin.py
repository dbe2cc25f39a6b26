from django.contrib import admin

from labs.models import Charter, CharterAcceptance, Lab, Network, NetworkMembership


@admin.register(Lab)
class LabAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name"]


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "lab"]
    list_select_related = ["lab"]
    inlines = [NetworkMembershipInline]


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["network", "version", "published_at"]
    readonly_fields = ["published_at"]


@admin.register(CharterAcceptance)
class CharterAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["charter", "person", "accepted_at"]
    raw_id_fields = ["person"]
