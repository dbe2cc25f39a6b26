"""What the pages show: the light stand page, « Retours du test » on a challenge page, the live board."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.testsessions.factories import FeedbackFactory
from testsessions.models import TestSession

pytestmark = pytest.mark.django_db


def test_the_stand_page_is_light_and_needs_no_account(client, sessions):
    response = client.get(reverse("testsessions:stand", args=[sessions["stand2"].token]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in html  # no script at all: a phone on the exhibition's Wi-Fi
    assert 'name="viewport"' in html
    assert "Un parcours papier testé en jeu de rôle." in html
    assert len(html) < 20_000


def test_the_challenge_page_shows_the_test_feedback_to_its_team_only(client, sessions, owner, outsider):
    url = reverse("challenges:challenge_detail", args=[sessions["stand2"].challenge_id])
    sessions["stand2"].challenge.team.create(person=owner, role="owner")

    client.force_login(owner)
    team_page = client.get(url).content.decode().replace("\xa0", " ")
    client.force_login(outsider)
    outsider_page = client.get(url).content.decode()

    assert "Retours du test" in team_page
    assert "Notre stand a reçu 1 visite" in team_page
    assert "Validé" in team_page and 'role="img"' in team_page and "<table" in team_page
    assert "Retours du test" not in outsider_page


def test_the_team_reads_its_coverage_on_its_challenge_page(client, sessions, owner):
    client.force_login(owner)

    page = client.get(reverse("challenges:challenge_detail", args=[sessions["challenge"].pk])).content.decode()

    assert "Notre équipe a visité 0 des 1 défis." in page.replace("\xa0", " ")
    assert "Rédiger notre débrief" in page or "Modifier notre débrief" in page


def test_the_board_highlights_the_stands_nobody_visited(client, sessions, facilitator):
    client.force_login(facilitator)

    html = client.get(reverse("testsessions:session_board", args=[sessions["session"].pk])).content.decode()

    assert html.count("board-stand-unvisited") == 1
    assert "pas encore visité" in html
    assert 'hx-trigger="every 3s"' in html


def test_the_board_stops_polling_once_the_session_is_closed(client, sessions, facilitator):
    client.force_login(facilitator)
    TestSession.objects.filter(pk=sessions["session"].pk).update(state=TestSession.State.CLOSED)

    response = client.get(
        reverse("testsessions:session_board", args=[sessions["session"].pk]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 286


def test_the_site_page_links_to_its_test_sessions(client, sessions):
    html = client.get(reverse("challenges:site_detail", args=[sessions["site"].pk])).content.decode()

    assert reverse("testsessions:site_sessions", args=[sessions["site"].pk]) in html


def test_a_team_member_on_their_own_stand_gets_no_form(client, sessions, contributor):
    client.force_login(contributor)

    html = client.get(reverse("testsessions:stand", args=[sessions["stand"].token])).content.decode()

    assert "C’est le stand de votre équipe" in html and '<form method="post" novalidate>' not in html
    sessions_url = reverse("testsessions:site_sessions", args=[sessions["site"].pk])
    assert f'href="{sessions_url}#session-{sessions["session"].pk}">Les autres stands de l’exposition' in html


def test_the_challenge_page_reads_no_stand_for_who_may_not_read_the_feedback(client, sessions, outsider):
    from tests.helpers.queries import count_queries, get_ok

    url = reverse("challenges:challenge_detail", args=[sessions["stand2"].challenge_id])
    statements = {}
    for person in (None, outsider):
        if person is not None:
            client.force_login(person)
        statements[person] = [sql for sql in count_queries(get_ok(client, url)).statements if "testsessions_" in sql]

    assert statements == {None: [], outsider: []}


def test_the_site_facilitator_reads_the_test_feedback_on_the_challenge_page(client, sessions, facilitator):
    client.force_login(facilitator)

    page = client.get(reverse("challenges:challenge_detail", args=[sessions["stand2"].challenge_id])).content.decode()

    assert "Retours du test" in page and "Notre stand a reçu 1 visite" in page.replace("\xa0", " ")


def test_the_challenge_page_reads_its_stands_of_every_session_in_one_query_newest_first(client, sessions, owner):
    """Once each stand's report is cached, one query reads the stands and the versions of their reports."""
    from datetime import timedelta

    from tests.helpers.queries import count_queries, get_ok
    from tests.testsessions.factories import SessionFactory, StandFactory

    challenge = sessions["stand"].challenge
    later = SessionFactory(
        site=challenge.site, title="Seconde exposition", starts_at=sessions["session"].starts_at + timedelta(days=7)
    )
    StandFactory(session=later, challenge=challenge)
    client.force_login(owner)
    url = reverse("challenges:challenge_detail", args=[challenge.pk])

    response = get_ok(client, url)()
    statements = count_queries(get_ok(client, url)).statements

    page = response.content.decode()
    assert page.index("Seconde exposition") < page.index(sessions["session"].title)
    assert len([sql for sql in statements if "testsessions_" in sql]) == 1


def _sessions_page(client, site) -> str:
    response = client.get(reverse("testsessions:site_sessions", args=[site.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_participant_walks_through_an_open_exhibition_from_the_sessions_page(client, sessions, owner):
    client.force_login(owner)

    html = _sessions_page(client, sessions["site"])

    exhibition = html.split('data-testid="exhibition"')[1].split("</ul>")[0]
    assert reverse("testsessions:stand", args=[sessions["stand2"].token]) in exhibition
    # Their own team's stand is named, not linked: a team gives no feedback on its own prototype.
    assert reverse("testsessions:stand", args=[sessions["stand"].token]) not in exhibition
    assert "stand de votre équipe" in exhibition
    assert "avis donné" not in exhibition
    assert html.count('data-testid="exhibition"') == 1


def test_the_exhibition_says_where_one_already_gave_feedback(client, sessions, owner):
    FeedbackFactory(stand=sessions["stand2"], tester=owner)
    client.force_login(owner)

    exhibition = _sessions_page(client, sessions["site"]).split('data-testid="exhibition"')[1].split("</ul>")[0]

    assert "avis donné" in exhibition


def test_a_visitor_without_an_account_is_sent_to_the_posters_codes(client, sessions):
    html = _sessions_page(client, sessions["site"])

    assert 'data-testid="exhibition"' not in html
    assert sessions["stand2"].token not in html and sessions["stand"].token not in html
    assert "scannez le code de l’affiche de chaque stand" in html


def test_a_closed_session_shows_no_exhibition(client, sessions, owner):
    TestSession.objects.filter(pk=sessions["session"].pk).update(state=TestSession.State.CLOSED)
    client.force_login(owner)

    assert 'data-testid="exhibition"' not in _sessions_page(client, sessions["site"])


@pytest.mark.parametrize(("language", "separator"), [("fr", "\u00a0: "), ("en", ": ")])
def test_the_stand_page_punctuates_its_title_as_its_language_does(client, sessions, language, separator):
    client.cookies["django_language"] = language
    stand = sessions["stand2"]

    html = client.get(reverse("testsessions:stand", args=[stand.token])).content.decode()

    assert f">{stand.label}{separator}{stand.challenge.question}</h1>" in html


def test_the_session_counts_its_responses_in_english(client, sessions, facilitator):
    client.force_login(facilitator)
    client.cookies["django_language"] = "en"

    html = client.get(reverse("testsessions:session_detail", args=[sessions["session"].pk])).content.decode()

    assert "1 response so far" in html and " feedback so far" not in html
