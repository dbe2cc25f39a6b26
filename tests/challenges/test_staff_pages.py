"""Staff set up editions, sites and themes, and appoint facilitators (inviting the unknown)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from challenges.models import Edition, Site, Theme
from innovation.models import Invitation, Notification, User
from innovation.services import invitations
from tests.challenges.factories import EditionFactory, SiteFactory, ThemeFactory
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_create_an_edition_then_a_site_and_a_theme(staff_client):
    cnfpt = OrganisationFactory(name="CNFPT")

    response = staff_client.post(
        reverse("challenges:staff_edition_create"),
        {
            "title": "4e université d’été",
            "organiser": cnfpt.pk,
            "starts_on": "2019-07-08",
            "ends_on": "2019-07-10",
            "description": "",
        },
    )
    edition = Edition.objects.get(title="4e université d’été")
    site_response = staff_client.post(
        reverse("challenges:staff_site_create", args=[edition.pk]), {"place": "Cluny", "description": ""}
    )
    theme_response = staff_client.post(
        reverse("challenges:staff_theme_create", args=[edition.pk]), {"title": "Leviers de l’innovation"}
    )

    assert response.status_code == 302
    assert edition.organiser == cnfpt
    site = Site.objects.get(edition=edition, place="Cluny")
    assert site_response["Location"] == reverse("challenges:staff_site_facilitators", args=[site.pk])
    assert (site.starts_on, site.ends_on) == (datetime.date(2019, 7, 8), datetime.date(2019, 7, 10))
    assert theme_response.status_code == 302
    assert Theme.objects.get(edition=edition).position == 1
    page = staff_client.get(reverse("challenges:staff_edition_manage", args=[edition.pk])).content.decode()
    assert "Cluny" in page and "Leviers de l’innovation" in page


def test_staff_edit_an_edition_site_and_theme(staff_client):
    site = SiteFactory(place="Rennes")
    theme = ThemeFactory(edition=site.edition, title="Ancien titre", position=4)
    edition = site.edition

    staff_client.post(
        reverse("challenges:staff_edition_update", args=[edition.pk]),
        {"title": "Titre corrigé", "starts_on": "2018-07-09", "ends_on": "2018-07-11", "description": "Texte"},
    )
    staff_client.post(
        reverse("challenges:staff_site_update", args=[site.pk]),
        {"place": "Rennes (Bretagne)", "starts_on": "2018-07-09", "ends_on": "2018-07-10"},
    )
    staff_client.post(reverse("challenges:staff_theme_update", args=[theme.pk]), {"title": "Nouveau titre"})

    edition.refresh_from_db()
    site.refresh_from_db()
    theme.refresh_from_db()
    assert (edition.title, edition.description, edition.organiser) == ("Titre corrigé", "Texte", None)
    assert (site.place, site.ends_on) == ("Rennes (Bretagne)", datetime.date(2018, 7, 10))
    assert (theme.title, theme.position) == ("Nouveau titre", 4)


def test_bad_input_is_explained_in_french_and_kept(staff_client):
    edition = EditionFactory()
    SiteFactory(edition=edition, place="Cluny")
    ThemeFactory(edition=edition, title="Former")

    dates = staff_client.post(
        reverse("challenges:staff_edition_create"),
        {"title": "Édition à l’envers", "starts_on": "2019-07-10", "ends_on": "2019-07-08"},
    )
    place = staff_client.post(reverse("challenges:staff_site_create", args=[edition.pk]), {"place": "cluny"})
    theme = staff_client.post(reverse("challenges:staff_theme_create", args=[edition.pk]), {"title": "FORMER"})

    assert dates.status_code == 400
    assert "Le dernier jour ne peut pas précéder le premier jour." in dates.content.decode()
    assert "Édition à l’envers" in dates.content.decode()
    assert "Cette édition a déjà un site de ce nom." in place.content.decode()
    assert "Cette édition a déjà un thème de ce titre." in theme.content.decode()
    assert Site.objects.filter(edition=edition).count() == 1


def test_appointing_a_known_person_makes_them_facilitator_without_invitation(staff_client):
    site = SiteFactory()
    person = UserFactory(email="yann@example.org")

    response = staff_client.post(
        reverse("challenges:staff_site_facilitators", args=[site.pk]), {"email": "YANN@example.org"}
    )

    assert response.status_code == 302
    assert list(site.facilitators.all()) == [person]
    assert not Invitation.objects.exists()
    assert person.has_perm("challenges.import_challenges", Site.objects.get(pk=site.pk))


def test_appointing_an_unknown_email_invites_them_to_the_site_page(staff_client, staff):
    site = SiteFactory(place="Cluny")

    staff_client.post(
        reverse("challenges:staff_site_facilitators", args=[site.pk]),
        {"email": "nouvelle@example.org", "display_name": "Nadia Nouvelle"},
    )

    person = User.objects.get(email="nouvelle@example.org")
    invitation = Invitation.objects.get(person=person)
    assert person.display_name == "Nadia Nouvelle"
    assert not person.has_usable_password()
    assert site.facilitators.filter(pk=person.pk).exists()
    assert invitation.invited_by == staff
    assert invitation.next_url == reverse("challenges:site_detail", args=[site.pk])
    assert invitations.invitation_purpose(purpose=invitation.purpose, params=invitation.purpose_params) == (
        f"Vous êtes nommé·e facilitateur·rice du site Cluny ({site.edition.title})."
    )
    assert Notification.objects.filter(recipient=person, kind="invitation").count() == 1


def test_appointing_twice_is_refused_next_to_the_field(staff_client, facilitator):
    site = SiteFactory(facilitators=[facilitator])

    response = staff_client.post(
        reverse("challenges:staff_site_facilitators", args=[site.pk]), {"email": facilitator.email}
    )

    assert response.status_code == 400
    assert "Cette personne est déjà facilitateur·rice de ce site." in response.content.decode()


def test_removing_a_facilitator(staff_client, facilitator):
    site = SiteFactory(facilitators=[facilitator])

    response = staff_client.post(reverse("challenges:staff_site_facilitator_remove", args=[site.pk, facilitator.pk]))

    assert response.status_code == 302
    assert not site.facilitators.exists()


def test_the_staff_menu_shows_the_editions_link_to_staff_only(client, staff, facilitator):
    client.force_login(facilitator)
    assert "Gérer les éditions" not in client.get("/").content.decode()

    client.force_login(staff)
    assert "Gérer les éditions" in client.get("/").content.decode()
