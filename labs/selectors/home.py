"""The networks' section of a signed-in person's home page (registered in ``innovation.home``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from innovation.home import HomeEntry, HomeSection, first_rows_and_count
from innovation.models import User
from labs.models import NetworkMembership


def home_my_networks(user: User) -> HomeSection:
    memberships = NetworkMembership.objects.filter(
        person_id=user.pk, status__in=[NetworkMembership.Status.ACTIVE, NetworkMembership.Status.APPLIED]
    )
    shown, count = first_rows_and_count(
        memberships.order_by("network__name", "id").values("network_id", "network__name", "status", "role")
    )  # what a line shows, as dicts: no model built
    statuses, roles = dict(NetworkMembership.Status.choices), dict(NetworkMembership.Role.choices)
    return HomeSection(
        key="networks",
        title=_("My networks"),
        count=count,
        url=reverse("labs:me"),
        link_label=_("Me and the lab"),
        empty=_("You belong to no network yet."),
        entries=[
            HomeEntry(
                label=membership["network__name"],
                url=reverse("labs:network_detail", args=[membership["network_id"]]),
                detail=str(statuses.get(membership["status"], membership["status"]))
                if membership["status"] != NetworkMembership.Status.ACTIVE
                else str(roles.get(membership["role"], membership["role"])),
            )
            for membership in shown
        ],
    )
