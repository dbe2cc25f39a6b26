"""The demo's Île-de-France university, where the criteria grid was born and tried (seed 000).

Seed 000 tells of « Défi 2 », whose team wrote the five-step criteria grid, tried it on 8 of the 15
challenges of its university, found the criteria relevant for every kind of challenge and reformulated its
question. The demo keeps that story: the site has 15 challenges, and the grid's trial lives there
(``grids/demo.py``). Only Défi 2 is described (its subject, its two questions, its owner organisation);
the seed gives neither the other fourteen challenges nor the dates, so the demo says so on the site and
the challenges, and its people are fictional.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from challenges.demo_2018 import FACILITATOR, STAFF
from challenges.models import Challenge, Edition, Site
from challenges.services import challenges as challenge_services
from challenges.services import editions as edition_services
from challenges.services import teams as team_services
from innovation.demo import demo_person_ensure
from innovation.models import Organisation, User

IDF_EDITION_TITLE = "Université de l’innovation publique territoriale en Île-de-France"
IDF_PLACE = "Île-de-France"
# The seed gives no dates: these are the demo's, and the description says so.
IDF_STARTS_ON = datetime.date(2018, 6, 27)
IDF_ENDS_ON = datetime.date(2018, 6, 29)
IDF_DESCRIPTION = (
    "Une université francilienne où 15 équipes ont pris chacune un défi. La démonstration en reprend le "
    "**défi 2**, dont l’équipe a écrit la grille de critères en cinq étapes et l’a essayée sur 8 des 15 défis. "
    "Le récit d’origine ne donne ni les dates ni les autres défis : les dates sont celles de la démonstration, "
    "et les quatorze autres défis n’y portent que leur numéro."
)
IDF_CHALLENGE_COUNT = 15
IDF_ORGANISER = "CNFPT"
UNKNOWN_ORGANISATION = "Collectivité francilienne (non précisée)"
UNKNOWN_QUESTION = "Question non reprise dans la démonstration : le récit du défi 2 ne la donne pas."

DEFI_2 = 2
DEFI_2_SUBJECT = "La formation action pour incuber les défis territoriaux en mode start-up"
DEFI_2_QUESTION = (
    "Comment faire pour porter un challenge collectif à fort impact avec les habitants acteurs des "
    "transformations sur le territoire ?"
)
DEFI_2_REFORMULATED = (
    "Comment faire pour porter un challenge collectif à fort impact avec les parties-prenantes (opérateurs, "
    "décideurs/financeurs, bénéficiaires) des transformations sur le territoire ?"
)
DEFI_2_REASON = (
    "Les tests montrent que les critères valent pour tous les défis, numériques ou non, et qu’un projet "
    "n’est accompagné au titre de l’action publique que s’il associe ses usagers : la question nomme "
    "désormais toutes les parties prenantes."
)
# Défi 2's team (fictional people): they visited the challenges and voted on the criteria.
DEFI_2_TEAM: tuple[tuple[str, str, str, str], ...] = (
    ("elise.marchand@demo.defis.fr", "Élise Marchand", "Cheffe de projet formation", "owner"),
    ("thomas.nguyen@demo.defis.fr", "Thomas Nguyen", "Chargé d’évaluation", "contributor"),
    ("ines.barbier@demo.defis.fr", "Inès Barbier", "Responsable de projets d’innovation sociale", "contributor"),
)
# The eight challenges the team visited, and which of them were about a digital service: the seed says
# only that the criteria held « pas seulement aux défis numériques »; these numbers are the demo's.
IDF_TRIED = (1, 2, 3, 5, 7, 9, 12, 14)
IDF_DIGITAL = frozenset({3, 9})


def demo_idf_site() -> Site | None:
    return (
        Site.objects.select_related("edition__organiser")
        .filter(edition__title=IDF_EDITION_TITLE, place=IDF_PLACE)
        .first()
    )


def _site(*, organiser: Organisation) -> Site:
    edition = Edition.objects.filter(title=IDF_EDITION_TITLE).first()
    if edition is None:
        edition = edition_services.edition_create(
            title=IDF_EDITION_TITLE,
            starts_on=IDF_STARTS_ON,
            ends_on=IDF_ENDS_ON,
            organiser=organiser,
            description=IDF_DESCRIPTION,
        )
    return edition_services.site_create(edition=edition, place=IDF_PLACE, description=IDF_DESCRIPTION)


@transaction.atomic
def load(*, people: dict[str, User]) -> Site:
    """Create the site, its 15 challenges and Défi 2's team once; a second run writes nothing."""
    facilitator, staff = people[FACILITATOR], people[STAFF]
    site = demo_idf_site()
    organiser = Organisation.objects.get(name=IDF_ORGANISER) if site is None else site.edition.organiser
    if site is None:
        site = _site(organiser=organiser)
    if not site.facilitators.filter(pk=facilitator.pk).exists():
        edition_services.site_facilitator_appoint(site=site, email=facilitator.email, appointed_by=staff)
    existing = set(Challenge.objects.filter(site=site).values_list("number", flat=True))
    for number in range(1, IDF_CHALLENGE_COUNT + 1):
        if number in existing:
            continue
        known = number == DEFI_2
        nature = "digital" if number in IDF_DIGITAL else "non_digital" if number in IDF_TRIED else ""
        challenge = challenge_services.challenge_create(
            site=site,
            author=facilitator,
            organisation=organiser if known else UNKNOWN_ORGANISATION,
            fields={
                "number": number,
                "question": DEFI_2_QUESTION if known else UNKNOWN_QUESTION,
                "subject": DEFI_2_SUBJECT if known else "",
                "nature": nature,
            },
            status=Challenge.Status.PUBLISHED,
        )
        if known:
            for email, name, job_title, role in DEFI_2_TEAM:
                demo_person_ensure(email=email, display_name=name, job_title=job_title, organisation=organiser)
                team_services.team_member_invite(challenge=challenge, invited_by=facilitator, email=email, role=role)
            challenge_services.challenge_reformulate_question(
                challenge=challenge, author=facilitator, question=DEFI_2_REFORMULATED, reason=DEFI_2_REASON
            )
    return site
