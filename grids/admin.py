"""Grids in the administration: to look at, never to change.

A grid changes only through the grid editor (``grids.services.grids``), which creates a new version once
a version has been used, so that old assessments keep their meaning; a change made here would bypass it.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from grids.models import Grid


@admin.register(Grid)
class GridAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "is_current", "is_default", "organisation", "lab", "created_at", "editor_link"]
    list_filter = ["is_current", "is_default"]
    list_select_related = ["organisation", "lab"]
    search_fields = ["title"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("grid editor"))
    def editor_link(self, obj: Grid) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("grids:grid_detail", args=[obj.pk]), _("Open in the grid editor")
        )
