"""A signed-in page reads the person with what the layout shows about them, in one query (issue 9's floor).

The navigation's unread badge and its "Criteria grids" / "Reports" links (offered to facilitators) used to
cost a query each on every signed-in page, beside the one that loads the person.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.urls import reverse
from django.utils import timezone

from innovation import backends
from tests.challenges.factories import SiteFactory
from tests.factories import NotificationFactory, UserFactory
from tests.helpers.queries import count_queries, get_ok

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_with_no_content_of_its_own_makes_one_query(client):
    person = UserFactory()
    client.force_login(person)
    page = get_ok(client, reverse("accessibility"))
    page()  # the template cache is warm
    log = count_queries(page)
    assert log.count == 1, log.explain()
    assert "innovation_notification" in log.statements[0] and "challenges_site_facilitators" in log.statements[0]


def test_the_person_and_the_facts_are_compiled_once_per_process_not_per_request(client):
    # Compiling the facts' subqueries cost twice as much CPU as running the query, on every signed-in request.
    person = UserFactory()
    client.force_login(person)
    page = get_ok(client, reverse("accessibility"))
    page()
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        log = count_queries(page)

    assert log.count == 1, log.explain()
    assert compiled.call_count == 0


def test_the_badge_counts_unread_notifications_read_with_the_person(client):
    person = UserFactory()
    NotificationFactory.create_batch(2, recipient=person, kind="invitation", context={"invited_by": "Yann"})
    NotificationFactory(recipient=person, kind="invitation", context={}, read_at=timezone.now())
    NotificationFactory(recipient=person, kind="digest", context={})  # e-mail only: never counted on the site
    NotificationFactory(recipient=UserFactory(), kind="invitation", context={})  # someone else's
    client.force_login(person)
    html = client.get(reverse("accessibility")).content.decode()
    assert 'id="nav-notifications"' in html
    assert '<span class="badge rounded-pill text-bg-warning">2</span>' in html


def test_the_navigation_offers_grids_and_reports_to_a_facilitator_only(client):
    facilitator, participant = UserFactory(), UserFactory()
    SiteFactory(facilitators=[facilitator])
    client.force_login(facilitator)
    html = client.get(reverse("accessibility")).content.decode()
    assert reverse("grids:grid_list") in html and reverse("reports:export_list") in html
    client.force_login(participant)
    html = client.get(reverse("accessibility")).content.decode()
    assert reverse("grids:grid_list") not in html and reverse("reports:export_list") not in html


def test_a_person_loaded_otherwise_still_gets_the_facts_by_query(client):
    """Code that builds a person itself (a task, a test) gets the same answers, at a query each."""
    from grids.rules import is_any_site_facilitator

    facilitator = UserFactory()
    SiteFactory(facilitators=[facilitator])
    person = type(facilitator).objects.get(pk=facilitator.pk)
    assert backends.signed_in_fact(person, "facilitates_a_site") is None
    assert is_any_site_facilitator(person) is True
    assert backends.signed_in_fact(person, "facilitates_a_site") is True  # asked once per object


def test_two_apps_cannot_read_the_same_fact_differently():
    with pytest.raises(ValueError):
        backends.signed_in_fact_register(name="unread_notifications", expression=lambda: None)
