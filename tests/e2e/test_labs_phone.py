"""The labs' lists fit a phone: at 390 px the members, network, sessions and workshops tables show each row as a
block, each cell (a row's header cell too) under its column's name, and the page never scrolls sideways."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from labs.models import CharterAcceptance, NetworkMembership, SessionRegistration
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers.browser import assert_no_axe_violations, screenshot, sign_in_with_cookie
from tests.labs.factories import (
    CharterFactory,
    LabSessionFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    WorkshopFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _label(page, cell) -> dict:
    """What a cell shows before its content (its column's name), and where the cell sits."""
    return page.evaluate(
        """cell => {
            const before = getComputedStyle(cell, '::before');
            const box = cell.getBoundingClientRect();
            return {content: before.content, display: before.display, left: box.left, right: box.right};
        }""",
        cell.element_handle(),
    )


def test_the_labs_members_sessions_and_workshops_read_as_blocks_on_a_phone(phone_page, live_server):
    page = phone_page
    coordinator = UserFactory(email="ines@example.org", display_name="Inès Roux-Delacroix de Saint-Sernin")
    network = NetworkFactory(name="Réseau des ambassadeurs de la transformation publique", lab__name="La Transfo")
    lab = network.lab
    charter = CharterFactory(network=network)
    NetworkMembershipFactory(network=network, person=coordinator, role=NetworkMembership.Role.COORDINATOR)
    agglo = OrganisationFactory(name="Communauté d'agglomération du Grand Montauban et des Coteaux du Quercy")
    for name in ("Marie-Amélie Fontaine-Castelnau", "Jean-Baptiste Lemoine-Haudebourg"):
        member = NetworkMembershipFactory(network=network, person=UserFactory(display_name=name, organisation=agglo))
        CharterAcceptance.objects.create(charter=charter, person=member.person)
    today = timezone.localdate()
    session = LabSessionFactory(
        lab=lab, number=12, title="Rencontres régionales des laboratoires d'innovation publique",
        place="Hôtel de Région, Toulouse", starts_on=today, ends_on=today + datetime.timedelta(days=2),
    )  # fmt: skip
    SessionRegistration.objects.create(session=session, person=coordinator, registered_at=timezone.now())
    WorkshopFactory(
        lab=lab, session=session, name="Simplification des démarches d'urbanisme", owner=coordinator, venue=""
    )
    sign_in_with_cookie(page, live_server, coordinator)

    for name, url, column, label in (
        ("members", reverse("labs:member_list", args=[network.pk]), 1, "Rôle"),
        ("network", reverse("labs:network_detail", args=[network.pk]), 1, "Organisation"),
        ("sessions", reverse("labs:session_list", args=[lab.pk]), 0, "Session"),  # a row header cell
        ("workshops", reverse("labs:workshop_list", args=[lab.pk]), 2, "Porteur·se"),
    ):
        page.goto(url)
        screenshot(page, f"labs-{name}-390")
        assert _overflow(page) <= 0, f"{name}: {_overflow(page)} px of sideways scrolling"
        table = page.locator("main table")
        assert table.locator("thead th").nth(column).text_content().strip() == label, name
        cell = table.locator("tbody tr").first.locator("td, th").nth(column)
        assert cell.is_visible(), name
        shown = _label(page, cell)
        assert shown["content"] == f'"{label} : "', f"{name}: the cell shows {shown['content']} before its content"
        assert shown["display"] != "none", name
        assert shown["left"] >= 0 and shown["right"] <= page.viewport_size["width"], f"{name}: {shown}"
        assert_no_axe_violations(page)
