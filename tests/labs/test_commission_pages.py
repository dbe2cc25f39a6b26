"""The commissions' pages: bad input answered next to the field, the board's filters, the timeline in
words, the autosave's conflict, « Mes commandes », and the commissioner never reading the interview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from labs.models import Commission
from labs.services import commissions as services
from tests.labs.commission_world import commission_at, commission_lab

pytestmark = pytest.mark.django_db
State = Commission.State


@pytest.fixture
def world():
    return commission_lab()


def test_a_commission_without_title_or_request_is_sent_back_with_what_was_typed(client, world):
    client.force_login(world["coordinator"])
    response = client.post(
        reverse("labs:commission_create", args=[world["lab"].pk]),
        {"title": "", "initial_request": "", "budget_source": "Fonds d’expérimentation", "mode": "operator",
         "days_per_month": "1"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in page
    assert "Fonds d’expérimentation" in page
    assert not Commission.objects.exists()
    response = client.post(
        reverse("labs:commission_create", args=[world["lab"].pk]),
        {"title": "CRJ", "initial_request": "Organiser", "mode": "operator", "days_per_month": "1"},
    )
    assert "Nommez l’opérateur" in response.content.decode()


def test_the_board_filters_by_state_and_text(client, world):
    commission_at(world, State.PROPOSED, title="Occiborne")
    commission_at(world, State.INTERVIEWED, title="Conseil régional des jeunes")
    client.force_login(world["members"][2].person)
    url = reverse("labs:commission_board", args=[world["lab"].pk])
    page = client.get(url, {"state": "interviewed"}).content.decode()
    assert "Conseil régional des jeunes" in page and "Occiborne" not in page
    page = client.get(url, {"q": "occi"}).content.decode()
    assert "Occiborne" in page and "Conseil régional des jeunes" not in page


def test_the_page_tells_the_timeline_in_words_and_hides_the_interview_from_the_commissioner(client, world):
    commission = commission_at(world, State.REFORMULATED)
    question = services.grid_current(commission=commission).questions.first()
    services.interview_save(
        interview=commission.interview,
        actor=world["coordinator"],
        answers={str(question.pk): "Réponse confidentielle"},
        notes="Note confidentielle",
        base_revision=0,
    )
    client.force_login(world["commissioner"])
    page = client.get(reverse("labs:commission_detail", args=[commission.pk])).content.decode()
    assert "Démarreur planifié → Entretien mené" in page
    assert "Maison de la Région de Montpellier" in page  # the date and place
    assert "Votre commande, reformulée" in page  # asked to validate
    assert "Réponse confidentielle" not in page and "Note confidentielle" not in page
    assert reverse("labs:interview", args=[commission.pk]) not in page
    assert client.get(reverse("labs:interview", args=[commission.pk])).status_code == 403


def test_the_autosave_refuses_a_stale_revision_without_losing_anything(client, world):
    commission = commission_at(world, State.INTAKE_PLANNED)
    client.force_login(world["coordinator"])
    url = reverse("labs:interview", args=[commission.pk])
    saved = client.post(url, {"revision": "0", "notes": "Première"}, headers={"Accept": "application/json"})
    assert saved.json()["saved"] is True and saved.json()["revision"] == 1
    stale = client.post(url, {"revision": "0", "notes": "Seconde"}, headers={"Accept": "application/json"})
    assert stale.status_code == 409 and stale.json()["saved"] is False
    commission.interview.refresh_from_db()
    assert commission.interview.notes == "Première"


def test_my_commissions_lists_what_is_proposed_assigned_and_commissioned(client, world):
    commission = commission_at(world, State.VALIDATED)
    services.staffing_propose(
        commission=commission, actor=world["coordinator"], memberships=world["members"][:2], why={}
    )
    first, second = commission.proposals.order_by("pk")
    services.proposal_answer(proposal=first, actor=first.membership.person, accept=True)
    client.force_login(second.membership.person)
    page = client.get(reverse("labs:my_commissions")).content.decode()
    assert page.index("Qu’on me propose") < page.index("Occiline") < page.index("Qui me sont confiées")
    client.force_login(world["commissioner"])
    page = client.get(reverse("labs:my_commissions")).content.decode()
    assert page.index("Dont je suis commanditaire") < page.index("Occiline")


def test_the_staffing_page_shows_why_and_who_is_not_suggested(client, world):
    commission = commission_at(world, State.VALIDATED)
    client.force_login(world["coordinator"])
    page = client.get(reverse("labs:staffing", args=[commission.pk])).content.decode()
    for membership in world["members"][:4]:
        assert str(membership.person) in page
    assert "pas d’autorisation de participation accordée" in page
    assert "retenu·e pour couvrir" in page


def test_the_commissioner_s_data_is_downloaded_and_their_name_erased(world):
    from innovation.privacy import personal_data_of
    from labs.privacy import erase

    commission = commission_at(world, State.INTAKE_PLANNED)
    commissioner = world["commissioner"]
    rows = personal_data_of(person=commissioner)["lab_commissions"]
    assert rows[0]["commission"] == "Occiborne" and rows[0]["as"] == "commissioner"
    erase(person=commissioner)
    commission.refresh_from_db()
    assert commission.commissioner_name == ""
