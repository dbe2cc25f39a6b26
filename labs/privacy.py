"""What the labs app holds about a person, and what it erases when the person deletes their account.

Erased: their memberships of networks and their charter acceptances. (The labs app is being rewritten:
its new models add their rows and erasures here.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from innovation.models import User
from innovation.privacy import personal_data_eraser_register, personal_data_register
from labs.models import CharterAcceptance, NetworkMembership


def membership_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for membership in NetworkMembership.objects.filter(person=person).select_related("network__lab"):
        yield {
            "lab": membership.network.lab.name,
            "network": membership.network.name,
            "role": membership.role,
            "joined": membership.joined_at,
        }


def charter_acceptance_rows(*, person: User) -> Iterator[dict[str, Any]]:
    for acceptance in CharterAcceptance.objects.filter(person=person).select_related("charter__network"):
        yield {
            "network": acceptance.charter.network.name,
            "charter_version": acceptance.charter.version,
            "accepted": acceptance.accepted_at,
        }


def erase(*, person: User) -> None:
    CharterAcceptance.objects.filter(person=person).delete()
    NetworkMembership.objects.filter(person=person).delete()


def register() -> None:
    personal_data_register("network_memberships", membership_rows)
    personal_data_register("charter_acceptances", charter_acceptance_rows)
    personal_data_eraser_register(erase)
