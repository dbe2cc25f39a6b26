"""The notification centre: the list, marking read, and the delivery preferences."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from innovation import selectors
from innovation.forms import NotificationPreferencesForm
from innovation.guards import Scope, guard
from innovation.models import Notification
from innovation.services import notifications

PAGE_SIZE = 20


def _centre_context(request: HttpRequest, page_number: str | None) -> dict[str, object]:
    page = Paginator(selectors.notifications_centre_for(user=request.user), PAGE_SIZE).get_page(page_number)
    return {
        "page_obj": page,
        "notifications": page.object_list,
        # An int here replaces the navigation's lazy count: one query serves the page and the badge.
        "unread_notifications": selectors.notifications_unread_count(user=request.user),
    }


def _back_to_list(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("notifications")
    return redirect(next_url)


@guard(methods=("GET",))
def notification_list(request: HttpRequest) -> HttpResponse:
    context = _centre_context(request, request.GET.get("page"))
    template = "innovation/notifications/_centre.html" if request.htmx else "innovation/notifications/list.html"
    return render(request, template, context)


@guard("innovation.mark_notification_read", load=Scope(selectors.notifications_for), methods=("POST",))
def notification_read(request: HttpRequest, notification: Notification) -> HttpResponse:
    notifications.notification_mark_read(notification=notification)
    if request.htmx:
        notification.refresh_from_db()
        return render(
            request,
            "innovation/notifications/_item_read.html",
            {
                "notification": notification,
                "unread_notifications": selectors.notifications_unread_count(user=request.user),
            },
        )
    messages.success(request, _("The notification is marked as read."))
    return _back_to_list(request)


@guard(methods=("POST",))
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.notifications_mark_all_read(person=request.user)
    if request.htmx:
        context = _centre_context(request, request.POST.get("page"))
        context["announcement"] = _("All notifications are marked as read.")
        return render(request, "innovation/notifications/_centre_oob.html", context)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return _back_to_list(request)


@guard()
def notification_preferences(request: HttpRequest) -> HttpResponse:
    current = selectors.notification_preferences_of(user=request.user)
    form = NotificationPreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        notifications.notification_preferences_update(person=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notification_preferences")
    return render(request, "innovation/notifications/preferences.html", {"form": form})
