"""The layout holds on a laptop and a phone: the staff menu on one line at 1280 px, no sideways scrolling at
390 px, and the menu button's name says what its badge shows (axe: label-content-name-mismatch)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from challenges.models import AuditEntry, TeamMembership
from grids.models import Assessment
from grids.services.grids import default_grid_ensure
from tests.challenges.factories import ChallengeFactory, SiteFactory, TeamMembershipFactory, ThemeFactory
from tests.factories import NotificationFactory, UserFactory
from tests.grids.assessment_factories import AssessmentFactory
from tests.helpers.browser import assert_no_axe_violations, axe_violations, screenshot, sign_in_with_cookie

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _nav_height(page) -> float:
    return page.evaluate("document.querySelector('.site-header .navbar').getBoundingClientRect().height")


def _link_height(page) -> float:
    return page.evaluate("document.querySelector('#main-nav .nav-link').getBoundingClientRect().height")


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_the_staff_navigation_stays_on_one_line_at_1280_px(page, live_server):
    staff = UserFactory(email="claire@example.org", display_name="Claire Morvan-Le Goff", is_staff=True)
    NotificationFactory.create_batch(3, recipient=staff)
    sign_in_with_cookie(page, live_server, staff)

    page.goto(reverse("home"))
    screenshot(page, "layout-staff-1280")

    for name in ("Accueil", "Défis", "Mes évaluations", "Réseaux", "Grilles", "Administration", "Mon compte"):
        assert page.locator("#main-nav").get_by_role("link", name=name).first.is_visible(), name
    # One row of links: the bar is no taller than a link plus the bar's own padding.
    assert _nav_height(page) < 2 * _link_height(page), f"navigation {_nav_height(page)} px high"
    assert _overflow(page) == 0
    assert_no_axe_violations(page)


def test_my_assessments_fits_a_phone_and_the_menu_button_names_its_badge(phone_page, live_server):
    page = phone_page
    default_grid_ensure()
    owner = UserFactory(email="sophie@example.org", display_name="Sophie Tanguy")
    site = SiteFactory(place="Saint-Jacques-de-la-Lande")
    for number in (1, 2):
        challenge = ChallengeFactory(
            site=site,
            number=number,
            question="Comment rendre les démarches de la médiathèque intercommunale compréhensibles par tous ?",
        )
        TeamMembershipFactory(challenge=challenge, person=owner, role=TeamMembership.Role.OWNER)
        AssessmentFactory(challenge=challenge, assessor=owner, kind=Assessment.Kind.SELF)
    NotificationFactory.create_batch(2, recipient=owner)
    sign_in_with_cookie(page, live_server, owner)

    page.goto(reverse("grids:my_assessments"))
    screenshot(page, "layout-my-assessments-390")

    assert _overflow(page) == 0, f"{_overflow(page)} px of sideways scrolling"
    toggler = page.locator(".navbar-toggler")
    assert "2" in toggler.inner_text()
    name = page.evaluate("el => el.textContent.replace(/\\s+/g, ' ').trim()", toggler.element_handle())
    assert "2" in name and "menu" in name
    assert not [v for v in axe_violations(page) if v["id"] == "label-content-name-mismatch"]
    assert_no_axe_violations(page)

    toggler.click()
    page.locator("#main-nav").get_by_role("link", name="Mon compte").wait_for()
    assert _overflow(page) == 0
    assert_no_axe_violations(page)
    screenshot(page, "layout-menu-open-390")


def test_a_challenge_with_a_long_theme_and_its_history_fit_a_phone(phone_page, live_server):
    page = phone_page
    facilitator = UserFactory(email="yann@example.org", display_name="Yann Le Gall")
    site = SiteFactory(facilitators=[facilitator])
    theme = ThemeFactory(
        edition=site.edition, title="Développer des dynamiques territoriales par de nouvelles formes de coopération"
    )
    challenge = ChallengeFactory(site=site, number=1, theme=theme)
    AuditEntry.objects.create(challenge=challenge, actor=facilitator, action="updated", changes={
        "stakes": ["Les usagers attendent.", "Les usagers attendent trop longtemps au guichet de la piscine."],
        "nature": ["", "non_digital"],
    })  # fmt: skip
    sign_in_with_cookie(page, live_server, facilitator)

    for name, url in (
        ("challenge", reverse("challenges:challenge_detail", args=[challenge.pk])),
        ("history", reverse("challenges:challenge_history", args=[challenge.pk])),
    ):
        page.goto(url)
        screenshot(page, f"layout-{name}-390")
        assert _overflow(page) == 0, f"{name}: {_overflow(page)} px of sideways scrolling"
        assert_no_axe_violations(page)
