"""Demo test session: the prototype exhibition of the 2018 Rennes site (fictional testers), idempotent.

Runs after the challenges' loader. Keyed on the site (edition title and place) and on challenge numbers,
never on titles: the session, a stand for challenges 1 to 3 (the ones that reached the prototype), feedback
from fictional testers (anonymous browsers and participants of other teams) and challenge 1's debrief.
Everything goes through the services, as a facilitator's and testers' actions would. The session is left
open so that the demo tester (testeur@demo.defis.fr) can answer on a stand.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from challenges.demo import EDITION_TITLE
from challenges.models import Challenge, PhaseContent, Site
from innovation.models import User
from testsessions.models import Debrief, Feedback, Stand, TestSession
from testsessions.services import debriefs, feedback, sessions

FACILITATOR = "animateur@demo.defis.fr"
TITLE = "Exposition des prototypes"
PLACE = "Maison des associations, grande salle"

# challenge number -> (location in the room, the team's own questions)
STANDS: dict[int, tuple[str, str]] = {
    1: ("Table 1, près de l'entrée", "Qui, autour de vous, pourrait remettre cette fiche ?"),
    2: ("Table 2, côté fenêtres", "Où proposeriez-vous ce service en premier ?"),
    3: ("Table 3, fond de salle", "Le dossier unique vous paraît-il plus simple que les formulaires actuels ?"),
}

# (tester: e-mail of a demo participant or an anonymous browser key, stand number, profile, answers, team answer)
FEEDBACK: tuple[tuple[str, int, str, dict[str, Any], str], ...] = (
    (
        "demo-navigateur-0001",
        1,
        "agent",
        {
            "clarity": 5,
            "relevance": "validated",
            "useful": "Pour les visites à domicile du CCAS.",
            "change": "Agrandir les caractères de la fiche.",
        },
        "Le facteur, sans hésiter.",
    ),
    (
        "demo-navigateur-0002",
        1,
        "user",
        {"clarity": 4, "relevance": "validated", "change": "Ajouter une photo de la personne à appeler."},
        "",
    ),
    (
        "demo-navigateur-0003",
        1,
        "elected",
        {"clarity": 3, "relevance": "partly", "useful": "Pour le conseil des aînés de la commune."},
        "La secrétaire de mairie.",
    ),
    (
        "demo-navigateur-0004",
        2,
        "agent",
        {"clarity": 4, "relevance": "partly", "change": "Dire où se garer près du car numérique."},
        "Sur le marché du mardi.",
    ),
    (
        "demo-navigateur-0005",
        2,
        "other",
        {"clarity": 2, "relevance": "no", "change": "Le calendrier de passage est introuvable."},
        "",
    ),
    (
        "demo-navigateur-0006",
        3,
        "user",
        {
            "clarity": 5,
            "relevance": "validated",
            "useful": "Inscrire mes deux enfants en une fois.",
            "change": "Une version en anglais et en arabe.",
        },
        "Oui, de loin.",
    ),
    (
        "demo-navigateur-0007",
        3,
        "agent",
        {"clarity": 4, "relevance": "validated", "useful": "Moins de dossiers incomplets au guichet."},
        "Oui, s'il reste un guichet.",
    ),
    (
        "demo-navigateur-0008",
        3,
        "",
        {"clarity": 3, "relevance": "partly", "change": "Prévoir le cas des gardes alternées."},
        "",
    ),
    (
        "marie.lebihan@demo.defis.fr",
        2,
        "",
        {"clarity": 4, "relevance": "validated", "useful": "Pour les permanences des CDAS."},
        "Dans les mairies annexes.",
    ),
    (
        "marie.lebihan@demo.defis.fr",
        3,
        "",
        {"clarity": 5, "relevance": "validated", "change": "Relier le dossier à la demande de bourse."},
        "Oui.",
    ),
    (
        "thomas.guillou@demo.defis.fr",
        1,
        "",
        {"clarity": 4, "relevance": "validated", "useful": "Nous pourrions l'adapter aux transports à la demande."},
        "Les chauffeurs du transport solidaire.",
    ),
    (
        "thomas.guillou@demo.defis.fr",
        3,
        "",
        {"clarity": 4, "relevance": "partly", "change": "Montrer où en est le dossier après l'envoi."},
        "",
    ),
    ("nathalie.briand@demo.defis.fr", 1, "", {"clarity": 5, "relevance": "validated"}, "Les infirmières à domicile."),
    (
        "gwenaelle.leroux@demo.defis.fr",
        3,
        "",
        {"clarity": 4, "relevance": "validated", "useful": "Une idée à reprendre pour les lycées."},
        "",
    ),
)

DEBRIEF_CHALLENGE = 1
DEBRIEF_OUTCOME = Debrief.Outcome.VALIDATED
DEBRIEF_CONCLUSIONS = (
    "La fiche repère est comprise sans explication par les aides à domicile et les secrétaires de mairie : "
    "on la garde telle quelle, en plus gros caractères.",
    "Les personnes âgées elles-mêmes doivent participer au prochain test : sans la dimension « usagers », "
    "le projet ne peut pas devenir une action publique.",
    "Le numéro direct doit répondre le samedi matin, quand les familles appellent pour leurs parents.",
)


def _debrief_in_place(session: TestSession, stand: Stand) -> bool:
    """The debrief exists and its block is still in the test phase (the challenges' loader rewrites it)."""
    debrief = Debrief.objects.filter(session=session, challenge=stand.challenge).first()
    learnings = (
        PhaseContent.objects.filter(challenge=stand.challenge, phase=Challenge.Phase.TEST)
        .values_list("learnings", flat=True)
        .first()
    )
    return debrief is not None and bool(learnings) and debrief.learnings_block in learnings


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
    if stand is not None and not _debrief_in_place(session, stand):
        owner = stand.challenge.team.filter(role="owner").select_related("person").first()
        debriefs.debrief_save(
            stand=stand,
            author=owner.person if owner else facilitator,
            outcome=DEBRIEF_OUTCOME,
            conclusions=list(DEBRIEF_CONCLUSIONS),
        )
    return session
