"""Demo test session: the prototype exhibition of the 2018 Rennes site (fictional testers), idempotent.

Runs after the challenges' loader. Keyed on the site (edition title and place) and on challenge numbers,
never on titles: the session, a stand for each challenge that reached the prototype, feedback from fictional
testers (anonymous browsers and participants of other teams) and challenge 2's debrief.
Everything goes through the services, as a facilitator's and testers' actions would. The session is left
open so that the demo tester (testeur@demo.defis.fr) can answer on a stand.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from challenges.demo import EDITION_TITLE
from challenges.models import Challenge, Site
from innovation.models import User
from testsessions.models import Debrief, Feedback, Stand, TestSession
from testsessions.services import debriefs, feedback, sessions

FACILITATOR = "animateur@demo.defis.fr"
TITLE = "Exposition des prototypes"
PLACE = "Maison des associations, grande salle"

# challenge number -> (location in the room, the team's own question): the challenges that reached the prototype.
STANDS: dict[int, tuple[str, str]] = {
    2: ("Table 2", "Quel atelier réserveriez-vous en premier pour vos élèves ?"),
    3: ("Table 3, près de l'entrée", "Le tirage au sort vous paraît-il plus juste que la file d'attente ?"),
    4: ("Table 4", ""),
    6: ("Table 6", ""),
    8: ("Table 8, côté fenêtres", "Qu'attendez-vous d'abord d'un accueil commun ?"),
    10: ("Table 10", ""),
    11: ("Table 11, fond de salle", ""),
    13: ("Table 13", ""),
}

# (tester: e-mail of a demo participant or an anonymous browser key, stand number, profile, answers, team answer)
FEEDBACK: tuple[tuple[str, int, str, dict[str, Any], str], ...] = (
    (
        "demo-navigateur-0001",
        3,
        "user",
        {"clarity": 5, "relevance": "validated", "useful": "Inscrire mes deux enfants le même soir, sans file."},
        "Oui, tant qu'on connaît la règle à l'avance.",
    ),
    (
        "demo-navigateur-0002",
        3,
        "agent",
        {"clarity": 4, "relevance": "partly", "change": "Prévoir le cas des fratries au tirage au sort."},
        "Pas sûr : les familles du quartier venaient tôt exprès.",
    ),
    ("demo-navigateur-0003", 3, "elected", {"clarity": 4, "relevance": "validated"}, ""),
    (
        "demo-navigateur-0004",
        2,
        "agent",
        {"clarity": 3, "relevance": "partly", "change": "Dire combien de temps dure chaque atelier."},
        "L'atelier de programmation de robots.",
    ),
    (
        "demo-navigateur-0005",
        8,
        "user",
        {"clarity": 2, "relevance": "partly", "change": "Le plan de l'accueil est difficile à lire."},
        "Savoir tout de suite à quel guichet aller.",
    ),
    ("demo-navigateur-0006", 10, "other", {"clarity": 4, "relevance": "validated", "useful": "Pour notre club."}, ""),
    (
        "gaelle.lefloch@demo.defis.fr",
        3,
        "",
        {"clarity": 5, "relevance": "validated", "useful": "La même logique pour les inscriptions à la médiathèque."},
        "Oui.",
    ),
    ("gaelle.lefloch@demo.defis.fr", 4, "", {"clarity": 4, "relevance": "validated"}, ""),
    (
        "laurence.petit@demo.defis.fr",
        3,
        "",
        {
            "clarity": 4,
            "relevance": "validated",
            "change": "Afficher aussi les créneaux libres à l'entrée des piscines.",
        },
        "Oui, si la règle est affichée.",
    ),
    ("laurence.petit@demo.defis.fr", 8, "", {"clarity": 3, "relevance": "partly"}, "Un seul numéro à appeler."),
    ("cecile.bouvier@demo.defis.fr", 2, "", {"clarity": 5, "relevance": "validated"}, "Les ateliers sur les écrans."),
    (
        "cecile.bouvier@demo.defis.fr",
        3,
        "",
        {"clarity": 4, "relevance": "validated", "useful": "Pour nos inscriptions au centre de loisirs."},
        "",
    ),
    (
        "erwan.lemoal@demo.defis.fr",
        3,
        "",
        {"clarity": 3, "relevance": "partly", "change": "Le paiement en deux fois."},
        "",
    ),
    ("erwan.lemoal@demo.defis.fr", 6, "", {"clarity": 4, "relevance": "validated"}, ""),
    ("stephane.moreau@demo.defis.fr", 10, "", {"clarity": 4, "relevance": "validated"}, ""),
    (
        "mathieu.rolland@demo.defis.fr",
        13,
        "",
        {"clarity": 5, "relevance": "validated", "useful": "Pour nos collèges."},
        "",
    ),
)

# Challenge 2's; challenge 3's is left for the demo owner to write (and see it go into the test phase).
DEBRIEF_CHALLENGE = 2
DEBRIEF_OUTCOME = Debrief.Outcome.TO_REWORK
DEBRIEF_CONCLUSIONS = (
    "Le catalogue se comprend sans explication : les testeurs ont réservé un atelier seuls, en deux minutes.",
    "Les critères de priorité entre collèges doivent être publiés avant l'ouverture des réservations, sinon "
    "le premier arrivé l'emporte.",
    "Associer les professeurs documentalistes au prochain test : ce sont eux qui réserveront.",
)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load(*, people: dict[str, User]) -> TestSession | None:
    # The demo is French, like its data: the debrief's block in the test phase too.
    with translation.override("fr"), transaction.atomic():
        return _load(people)


def _load(people: dict[str, User]) -> TestSession | None:
    site = Site.objects.filter(edition__title=EDITION_TITLE, place="Rennes").select_related("edition").first()
    facilitator = people.get(FACILITATOR)
    if site is None or facilitator is None:
        return None
    session = TestSession.objects.filter(site=site, title=TITLE).first()
    day = site.ends_on or site.edition.ends_on
    if session is None:
        session = sessions.session_create(
            site=site, author=facilitator, title=TITLE, place=PLACE, starts_at=_at(day, 10), ends_at=_at(day, 12, 30)
        )
    challenges = {c.number: c for c in Challenge.objects.filter(site=site, number__in=list(STANDS))}
    for number, (location, questions) in STANDS.items():
        challenge = challenges.get(number)
        if challenge is None or challenge.status != Challenge.Status.PUBLISHED:
            continue
        stand = Stand.objects.filter(session=session, challenge=challenge).first()
        if stand is None:
            stand = sessions.stand_create(session=session, actor=facilitator, challenge=challenge)
        if (stand.location, stand.questions) != (location, questions):
            sessions.stand_update(
                stand=stand, actor=facilitator, location=location, prototype=stand.prototype, questions=questions
            )
    if session.state == TestSession.State.DRAFT and session.stands.exists():
        session = sessions.session_open(session=session, actor=facilitator)
    if not session.is_open:
        return session
    stands = {stand.challenge.number: stand for stand in session.stands.select_related("challenge", "session")}
    everyone = {person.email: person for person in User.objects.filter(email__endswith="@demo.defis.fr")}
    # A feedback already given stays as it is (the demo tester may have changed it since).
    given = {
        (stand_id, tester_id or key)
        for stand_id, tester_id, key in Feedback.objects.filter(stand__session=session).values_list(
            "stand_id", "tester_id", "browser_key"
        )
    }
    for tester, number, profile, answers, team_answer in FEEDBACK:
        stand = stands.get(number)
        person = everyone.get(tester)
        if stand is None or ("@" in tester and person is None):
            continue
        if (stand.pk, person.pk if person else tester) in given:
            continue
        if person is not None and stand.challenge.team.filter(person=person).exists():
            continue  # the replaced demo challenges may have put this person on the stand's team
        feedback.feedback_submit(
            stand=stand,
            tester=person,
            browser_key="" if person else tester,
            profile=profile,
            answers=answers,
            team_answers=[team_answer] if stand.team_questions else [],
        )
    stand = stands.get(DEBRIEF_CHALLENGE)
    if stand is not None and not Debrief.objects.filter(session=session, challenge=stand.challenge).exists():
        owner = stand.challenge.team.filter(role="owner").select_related("person").first()
        debriefs.debrief_save(
            stand=stand,
            author=owner.person if owner else facilitator,
            outcome=DEBRIEF_OUTCOME,
            conclusions=list(DEBRIEF_CONCLUSIONS),
            feed_learnings=False,  # the challenges' demo writes the test phase, and would again at each load
        )
    return session
