"""Demo data of labs (seed 004, 003 and 002), loaded by ``manage.py load_demo_data``. Idempotent: every row
is found by its natural key and updated, never duplicated.

La Transfo Occitanie, run by the demo coordinator (``coordinatrice@demo.defis.fr``): its network of
ambassadors with its five values (autonomy and horizontality at risk), two versions of its charter,
fictional ambassadors with their skills (one mid-onboarding, one whose authorisation expires soon),
session #11 in Toulouse on 26–27 March 2018 with its sequences, « Atelier 2 – Emergence » with its
question and synthesis, the glossary of the field; and le Lab' PACA with its coordination function and
its network of referents, run by another (fictional) coordinator. Every person here is fictional.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from innovation.models import Organisation, User
from labs.models import (
    AgendaItem,
    Authorisation,
    Charter,
    CharterAcceptance,
    CoordinationDuty,
    Lab,
    LabSession,
    MethodPhase,
    Network,
    NetworkMembership,
    NetworkValue,
    NextStep,
    NoteSection,
    OnboardingJourney,
    OnboardingStep,
    Resource,
    SessionRegistration,
    SkillInterview,
    SkillRating,
    StepCompletion,
    Workshop,
    WorkshopLead,
    WorkshopParticipant,
)

Role = NetworkMembership.Role
COORDINATOR_EMAIL = "coordinatrice@demo.defis.fr"

PHASES = ("Reformulation de la commande", "Enquête terrain", "Idéation", "Prototypage", "Test")

VALUES = (
    ("Autonomie", "Chacun prend des initiatives et s’organise avec les autres, sans attendre qu’on le lui demande.",
     "Dans une administration, chaque initiative attend une validation : l’autonomie des ambassadeurs s’use vite "
     "si personne ne la protège."),
    ("Horizontalité", "Pas de hiérarchie dans le réseau : on coopère entre pairs, quel que soit son grade.",
     "Les circuits hiérarchiques reprennent vite le dessus ; il faut défendre les marges de liberté accordées à "
     "la Transfo."),
    ("Frugalité", "Faire avec les moyens du bord, tester petit avant de grandir.", ""),
    ("Curiosité", "Aller voir ailleurs, sur le terrain, chez les usagers et dans les autres labos.", ""),
    ("Congruence", "Agir en accord avec ce que l’on dit, y compris dans les zones de turbulence d’un projet.", ""),
)  # fmt: skip

CHARTER_V1 = """Les ambassadeurs et ambassadrices de l’innovation publique s’engagent à :

- mettre les usagers au cœur de chaque projet ;
- partager leurs méthodes, leurs réussites et leurs échecs avec le réseau ;
- donner de leur temps aux commandes du labo, à hauteur de ce que leur service permet ;
- respecter la confidentialité des entretiens avec les commanditaires.
"""

CHARTER_V2 = """Les ambassadeurs et ambassadrices de l’innovation publique s’engagent à :

- mettre les usagers au cœur de chaque projet, du premier entretien au test ;
- partager leurs méthodes, leurs réussites et leurs échecs avec le réseau ;
- donner de leur temps aux commandes du labo, dans le cadre d’une autorisation de participation signée ;
- respecter la confidentialité des entretiens avec les commanditaires ;
- faire vivre les cinq valeurs du réseau, surtout quand un projet traverse une zone de turbulence.
"""

CHARTER_V2_SUMMARY = (
    "Le temps donné au labo s’appuie désormais sur une autorisation signée par son responsable, "
    "et la charte rappelle les valeurs du réseau."
)


@dataclass(frozen=True)
class DemoMember:
    email: str
    display_name: str
    job_title: str
    organisation: str
    role: str
    skills: tuple[tuple[int, int], ...]  # (competence, appetence) per phase, in the order of PHASES


OCCITANIE = "Région Occitanie"
PACA = "Région Provence-Alpes-Côte d'Azur"

MEMBERS: tuple[DemoMember, ...] = (
    DemoMember("margaux.delmas@demo.defis.fr", "Margaux Delmas", "Chargée de mission lycées", OCCITANIE,
               Role.AMBASSADOR, ((1, 2), (2, 3), (1, 2), (0, 3), (1, 2))),
    DemoMember("thomas.vidal@demo.defis.fr", "Thomas Vidal", "Chef de projet numérique", OCCITANIE,
               Role.AMBASSADOR, ((3, 2), (1, 1), (2, 2), (3, 3), (2, 1))),
    DemoMember("nadia.cherif@demo.defis.fr", "Nadia Cherif", "Designer de politiques publiques", "La Transfo",
               Role.RESIDENT, ((2, 3), (3, 3), (3, 2), (2, 2), (2, 3))),
    DemoMember("julien.fabre@demo.defis.fr", "Julien Fabre", "Ethnologue indépendant", "La Transfo",
               Role.ACCOMPLICE, ((1, 1), (3, 3), (1, 2), (0, 1), (2, 2))),
)  # fmt: skip
LOGIN_SKILLS = {
    "testeur@demo.defis.fr": ((1, 1), (2, 2), (2, 3), (3, 3), (3, 3)),
    "contributeur@demo.defis.fr": ((2, 3), (2, 2), (1, 2), (1, 1), (0, 2)),
    COORDINATOR_EMAIL: ((3, 3), (2, 2), (3, 2), (2, 1), (2, 2)),
}

JOURNEY_STEPS = (
    ("values", OnboardingStep.Kind.VALUES_CHARTER, "Lire les valeurs et accepter la charte", False),
    ("tutorial", OnboardingStep.Kind.TUTORIAL, "Suivre le tutoriel de la plateforme", False),
    ("mooc", OnboardingStep.Kind.MOOC, "Suivre le MOOC « Innovation publique »", True),
    ("integration", OnboardingStep.Kind.INTEGRATION_DAY, "Participer à une journée d’intégration", True),
    ("action", OnboardingStep.Kind.ACTION_TRAINING, "Rejoindre une formation-action sur une commande réelle", True),
    ("catch-up", OnboardingStep.Kind.CATCH_UP, "Rattraper les sessions passées", False),
)

SESSION_11_AGENDA = (
    (0, "09:30", "10:00", AgendaItem.Kind.ICE_BREAKER, "Accueil : la Transfo a un an", ""),
    (0, "10:00", "12:30", AgendaItem.Kind.WORKSHOP, "Quelles valeurs pour le Lab’ ?", "Inès Roux"),
    (0, "14:00", "15:30", AgendaItem.Kind.TALK, "Les conseils du Lab’ PACA", "Camille Arnaud (Lab’ PACA)"),
    (0, "15:45", "16:45", AgendaItem.Kind.SEQUENCE, "Moi et le lab’ : sur quelle phase m’investir ?", "Nadia Cherif"),
    (0, "16:45", "17:30", AgendaItem.Kind.WORKSHOP, "Le parcours « nouvel ambassadeur »", "Julien Fabre"),
    (1, "09:00", "09:30", AgendaItem.Kind.ICE_BREAKER, "Brise-glace", ""),
    (1, "09:30", "10:30", AgendaItem.Kind.SEQUENCE, "Construire la grille du démarreur bienveillant", "Nadia Cherif"),
    (1, "10:30", "12:30", AgendaItem.Kind.SEQUENCE, "Entretiens avec trois commanditaires", ""),
    (1, "14:00", "16:00", AgendaItem.Kind.DEBRIEF, "Débriefer, interroger la commande, réinventer les formes", ""),
    (1, "16:00", "16:30", AgendaItem.Kind.SEQUENCE, "Calendrier d’accompagnement des trois projets", "Inès Roux"),
)

SESSION_11_SYNTHESIS = """Une première journée pour le réseau : les cinq valeurs sont posées, et l’autonomie comme
l’horizontalité sont repérées comme les plus fragiles dans l’administration. Chacun a situé ses envies
par phase de la méthode, et le parcours des nouveaux ambassadeurs a été esquissé (tutos, MOOC,
journée d’intégration, formation-action).

Une seconde journée pour trois commandes réelles : Occiline, la première journée du Conseil régional
des jeunes et l’outillage du réseau des assistantes. Après les entretiens, chaque équipe a reformulé
sa commande et réinventé ce qu’elle produira."""

PACA_DUTIES = {
    CoordinationDuty.Kind.ORGANISATION: "Garantir l’organisation des expérimentations et de leurs prestataires.",
    CoordinationDuty.Kind.COMMUNICATION: "Faire connaître les projets du labo dans les directions.",
    CoordinationDuty.Kind.CAPITALISATION: "Garder trace de ce que chaque expérimentation a appris.",
    CoordinationDuty.Kind.MOBILISATION: "Animer le réseau des référents et accueillir les volontaires.",
}

GLOSSARY = (
    ("Défi", "Une question réelle d’une collectivité, travaillée par une équipe pendant un temps court."),
    ("Porteur", "La personne qui apporte le défi et le fera vivre après l’atelier."),
    ("Facilitateur", "La personne qui anime l’équipe, tient le temps et la méthode, sans décider à sa place."),
    ("Idées phares", "Les quelques idées que l’équipe garde après l’idéation, avant d’en retenir une."),
    ("Idée retenue", "L’idée que l’équipe choisit de prototyper et de tester."),
    ("Démarreur bienveillant", "L’entretien informel avec un commanditaire potentiel : cerner la commande, "
     "rencontrer les protagonistes, oser les questions dérangeantes sur l’utilité du projet."),
    ("Commanditaire", "Le service qui apporte une commande au labo et s’engage à la suivre."),
    ("Ambassadeur", "Un agent formé aux méthodes du labo, qui y donne une partie de son temps."),
    ("Résident", "Un membre de l’équipe permanente de la Transfo."),
    ("Complice", "Un allié extérieur qui soutient le labo de son regard et de ses réseaux."),
    ("Transfo +", "Des journées de mini-formation thématique pour prolonger la Transfo et intégrer les "
     "nouveaux ambassadeurs."),
)  # fmt: skip


def _upsert(model, rows: list, *, unique: list[str], update: list[str]) -> list:
    """Insert the rows, or update ``update`` on those that exist: one query per call, whatever the count."""
    return model.objects.bulk_create(rows, update_conflicts=True, unique_fields=unique, update_fields=update)


def _organisation(name: str, kind: str, territory: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "territory": territory})
    return organisation


def _people(items: list[tuple[str, str, str, Organisation]]) -> dict[str, User]:
    """Demo people who do not log in (no usable password), by e-mail."""
    rows = [
        User(email=email, display_name=name, job_title=job, organisation=organisation, password=make_password(None))
        for email, name, job, organisation in items
    ]
    _upsert(User, rows, unique=["email"], update=["display_name", "job_title", "organisation"])
    return {person.email: person for person in User.objects.filter(email__in=[item[0] for item in items])}


def _members(network: Network, roles: dict[User, tuple[str, datetime.datetime]]) -> dict[str, NetworkMembership]:
    rows = [
        NetworkMembership(network=network, person=person, role=role, status=NetworkMembership.Status.ACTIVE,
                          joined_at=joined)
        for person, (role, joined) in roles.items()
    ]  # fmt: skip
    _upsert(NetworkMembership, rows, unique=["network", "person"], update=["role", "status", "joined_at", "left_at"])
    memberships = NetworkMembership.objects.filter(network=network).select_related("person")
    return {membership.person.email: membership for membership in memberships}


def _phases(lab: Lab) -> list[MethodPhase]:
    rows = [MethodPhase(lab=lab, name=name, position=position) for position, name in enumerate(PHASES, start=1)]
    _upsert(MethodPhase, rows, unique=["lab", "name"], update=["position"])
    return list(MethodPhase.objects.filter(lab=lab, name__in=PHASES))


def _duties(lab: Lab, holders: dict[str, tuple[User, str]]) -> None:
    rows = [
        CoordinationDuty(lab=lab, kind=kind, holder=holder, description=description, position=position)
        for position, (kind, (holder, description)) in enumerate(holders.items())
    ]
    _upsert(CoordinationDuty, rows, unique=["lab", "kind"], update=["holder", "description", "position"])


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def load(*, people: dict[str, User]) -> Lab:
    today = timezone.localdate()
    transfo_org = Organisation.objects.get(name="La Transfo")
    occitanie = _organisation(OCCITANIE, Organisation.Kind.REGION, "Occitanie")
    paca = _organisation(PACA, Organisation.Kind.REGION, "Provence-Alpes-Côte d'Azur")
    organisations = {"La Transfo": transfo_org, OCCITANIE: occitanie, PACA: paca}

    lab, _ = Lab.objects.update_or_create(
        name="La Transfo Occitanie",
        defaults={
            "organisation": transfo_org,
            "territory": "Occitanie",
            "description": "Le laboratoire d’innovation publique de la Région : des **sessions** mensuelles, un "
            "réseau d’ambassadeurs formés aux méthodes du labo, et des **commandes réelles** des services.",
        },
    )
    phases = _phases(lab)
    network, _ = Network.objects.update_or_create(
        lab=lab,
        name="Réseau des ambassadeurs de l’innovation",
        defaults={
            "kind": Network.Kind.AMBASSADORS,
            "is_open": True,
            "description": "Des agents de la Région qui donnent une partie de leur temps aux projets du labo.",
        },
    )
    values = [
        NetworkValue(network=network, name=name, description=description, position=position, at_risk=bool(risk),
                     risk_note=risk)
        for position, (name, description, risk) in enumerate(VALUES, start=1)
    ]  # fmt: skip
    _upsert(
        NetworkValue, values, unique=["network", "name"], update=["description", "position", "at_risk", "risk_note"]
    )

    coordinator = people[COORDINATOR_EMAIL]
    start = _at(datetime.date(2017, 3, 20))
    demo_people = _people(
        [(item.email, item.display_name, item.job_title, organisations[item.organisation]) for item in MEMBERS]
    )
    roles = {coordinator: (Role.COORDINATOR, start)}
    roles |= {
        people[email]: (Role.AMBASSADOR, start) for email in ("testeur@demo.defis.fr", "contributeur@demo.defis.fr")
    }
    for item in MEMBERS:  # Margaux joined on the way, forty days ago
        joined = _at(today - datetime.timedelta(days=40)) if item.email.startswith("margaux") else start
        roles[demo_people[item.email]] = (item.role, joined)
    members = _members(network, roles)
    levels = {item.email: item.skills for item in MEMBERS} | LOGIN_SKILLS
    ratings = [
        SkillRating(membership=members[email], phase=phase, competence=competence, appetence=appetence)
        for email, member_levels in levels.items()
        for phase, (competence, appetence) in zip(phases, member_levels, strict=True)
    ]
    _upsert(SkillRating, ratings, unique=["membership", "phase"], update=["competence", "appetence"])
    NetworkMembership.objects.filter(pk=members["thomas.vidal@demo.defis.fr"].pk).update(
        brings_commission=True, commission_idea="La dématérialisation des aides aux lycéens."
    )

    _duties(
        lab,
        {
            CoordinationDuty.Kind.ORGANISATION: (coordinator, "Calendrier des sessions, lieux, logistique."),
            CoordinationDuty.Kind.COMMUNICATION: (demo_people["nadia.cherif@demo.defis.fr"],
                                                  "Le blog de la Transfo et les nouvelles du réseau."),
            CoordinationDuty.Kind.CAPITALISATION: (demo_people["julien.fabre@demo.defis.fr"],
                                                   "Synthèses des sessions et bibliothèque."),
            CoordinationDuty.Kind.MOBILISATION: (coordinator, "Accueil des nouveaux ambassadeurs et autorisations."),
        },
    )  # fmt: skip

    # Two versions of the charter: most ambassadors accepted both, two of them only the first.
    v1, _ = Charter.objects.get_or_create(
        network=network, version=1, defaults={"text": CHARTER_V1, "published_by": coordinator}
    )
    v2, _ = Charter.objects.get_or_create(
        network=network,
        version=2,
        defaults={"text": CHARTER_V2, "summary": CHARTER_V2_SUMMARY, "published_by": coordinator},
    )
    only_v1 = {"contributeur@demo.defis.fr", "thomas.vidal@demo.defis.fr"}
    acceptances = [
        CharterAcceptance(charter=charter, person=membership.person)
        for email, membership in members.items()
        if not email.startswith("margaux")
        for charter in ((v1,) if email in only_v1 else (v1, v2))
    ]
    CharterAcceptance.objects.bulk_create(acceptances, ignore_conflicts=True)

    # Authorisations: Thomas's expires within the month; Margaux's is requested; Karim has none yet.
    authorisations = [
        Authorisation(
            membership=members[email],
            manager_name=f"Responsable de {members[email].person.display_name.split()[0]}",
            status=status,
            requested_on=today - datetime.timedelta(days=30),
            valid_from=today - datetime.timedelta(days=165) if until else None,
            valid_until=until,
            days_per_month=Decimal(days),
        )
        for email, status, until, days in (
            ("testeur@demo.defis.fr", Authorisation.Status.GRANTED, today + datetime.timedelta(days=200), "2"),
            ("thomas.vidal@demo.defis.fr", Authorisation.Status.GRANTED, today + datetime.timedelta(days=18), "1.5"),
            ("nadia.cherif@demo.defis.fr", Authorisation.Status.GRANTED, today + datetime.timedelta(days=300), "4"),
            ("margaux.delmas@demo.defis.fr", Authorisation.Status.REQUESTED, None, "2"),
        )
    ]
    _upsert(
        Authorisation,
        authorisations,
        unique=["membership"],
        update=["manager_name", "status", "requested_on", "valid_from", "valid_until", "days_per_month"],
    )
    SkillInterview.objects.get_or_create(
        membership=members["thomas.vidal@demo.defis.fr"],
        held_on=datetime.date(2018, 2, 12),
        defaults={
            "interviewer": coordinator,
            "notes": "À l’aise sur le prototypage numérique ; envie d’apprendre l’enquête de terrain. "
            "Propose un projet de sa direction pour le prochain cas.",
        },
    )

    _journey(network, coordinator, members, today)
    session = _sessions(lab, members, today)
    _library_and_workshop(lab, session, members, phases, today)
    _commissions(lab, coordinator, members, phases, session)
    _paca(paca)
    return lab


def _journey(network: Network, coordinator: User, members: dict[str, NetworkMembership], today) -> None:
    journey, _ = OnboardingJourney.objects.get_or_create(
        network=network, version=1, defaults={"title": "Parcours nouvel ambassadeur", "published_by": coordinator}
    )
    rows = [
        OnboardingStep(journey=journey, key=key, position=position, kind=kind, title=title, requires_attestation=attest)
        for position, (key, kind, title, attest) in enumerate(JOURNEY_STEPS, start=1)
    ]
    _upsert(
        OnboardingStep, rows, unique=["journey", "key"], update=["position", "kind", "title", "requires_attestation"]
    )
    steps = {step.key: step for step in OnboardingStep.objects.filter(journey=journey)}
    done_long_ago = _at(datetime.date(2017, 6, 1))
    completions = [
        StepCompletion(
            membership=members[email],
            step=step,
            done_at=done_long_ago,
            attested_at=done_long_ago if step.requires_attestation else None,
            attested_by=coordinator if step.requires_attestation else None,
        )
        for email in ("testeur@demo.defis.fr", "nadia.cherif@demo.defis.fr")
        for step in steps.values()
    ]
    # Margaux joined on the way: two steps done, her MOOC waits for the coordinator's attestation.
    completions += [
        StepCompletion(
            membership=members["margaux.delmas@demo.defis.fr"],
            step=steps[key],
            done_at=_at(today - datetime.timedelta(days=3 if key == "mooc" else 20)),
        )
        for key in ("values", "tutorial", "mooc")
    ]
    completions.append(
        StepCompletion(membership=members["contributeur@demo.defis.fr"], step=steps["values"], done_at=done_long_ago)
    )
    StepCompletion.objects.bulk_create(completions, ignore_conflicts=True)


def _sessions(lab: Lab, members: dict[str, NetworkMembership], today) -> LabSession:
    upcoming_day = today + datetime.timedelta(days=14)
    rows = [
        LabSession(
            lab=lab, number=11, title="La Transfo a un an !", place="Toulouse", starts_on=datetime.date(2018, 3, 26),
            ends_on=datetime.date(2018, 3, 27), synthesis=SESSION_11_SYNTHESIS,
            next_meeting_on=datetime.date(2018, 5, 14),
            next_meeting="Sessions des 14-15 mai et 14-15 juin : accompagnement des trois commandes",
        ),
        LabSession(
            lab=lab, number=10, title="Des valeurs pour le réseau", place="Montpellier",
            starts_on=datetime.date(2018, 2, 12), ends_on=datetime.date(2018, 2, 13),
            synthesis="Premiers mots sur les valeurs communes, et les entretiens sur les appétences et "
            "compétences de chacun à l’issue du premier cas.",
        ),
        LabSession(
            lab=lab, number=15, title="Journée Transfo + : prototyper sans budget", place="Montpellier",
            starts_on=upcoming_day, ends_on=upcoming_day,
        ),
    ]  # fmt: skip
    fields = ["title", "place", "starts_on", "ends_on", "synthesis", "next_meeting_on", "next_meeting"]
    _upsert(LabSession, rows, unique=["lab", "number"], update=fields)
    sessions = {session.number: session for session in LabSession.objects.filter(lab=lab, number__in=[10, 11, 15])}
    session, upcoming = sessions[11], sessions[15]
    if not AgendaItem.objects.filter(session__in=[session, upcoming]).exists():
        items = [
            AgendaItem(
                session=session, day=session.starts_on + datetime.timedelta(days=day), kind=kind, title=title,
                starts_at=datetime.time.fromisoformat(start), ends_at=datetime.time.fromisoformat(end),
                speakers=speakers,
            )
            for day, start, end, kind, title, speakers in SESSION_11_AGENDA
        ]  # fmt: skip
        items += [
            AgendaItem(session=upcoming, day=upcoming_day, starts_at=datetime.time(9, 30),
                       ends_at=datetime.time(10, 0), kind=AgendaItem.Kind.ICE_BREAKER, title="Café et brise-glace"),
            AgendaItem(session=upcoming, day=upcoming_day, starts_at=datetime.time(10, 0),
                       ends_at=datetime.time(12, 30), kind=AgendaItem.Kind.WORKSHOP,
                       title="Prototyper avec du papier, du carton et des usagers", speakers="Nadia Cherif"),
        ]  # fmt: skip
        AgendaItem.objects.bulk_create(items)
    else:  # the upcoming session keeps coming: its slots follow its day
        AgendaItem.objects.filter(session=upcoming).update(day=upcoming_day)
    registered = _at(datetime.date(2018, 3, 12))
    registrations = [
        SessionRegistration(session=session, person=membership.person, registered_at=registered, attended=True)
        for email, membership in members.items()
        if not email.startswith("margaux")
    ]
    registrations.append(
        SessionRegistration(session=upcoming, person=members["testeur@demo.defis.fr"].person, registered_at=registered)
    )
    _upsert(SessionRegistration, registrations, unique=["session", "person"], update=["registered_at", "attended"])
    return session


def _library_and_workshop(lab, session, members, phases, today) -> None:
    glossary = [Resource(lab=lab, kind=Resource.Kind.GLOSSARY, title=title, body=body) for title, body in GLOSSARY]
    _upsert(Resource, glossary, unique=["lab", "kind", "title"], update=["body"])
    method, _ = Resource.objects.update_or_create(
        lab=lab,
        kind=Resource.Kind.METHOD,
        title="Grille d’entretien du démarreur bienveillant",
        defaults={
            "body": "Cerner la commande, rencontrer les protagonistes, puis poser les questions qui dérangent : "
            "à qui sert le projet, et que se passe-t-il si on ne le fait pas ?"
        },
    )
    method.phases.set([phases[0]])
    document, _ = Resource.objects.update_or_create(
        lab=lab,
        kind=Resource.Kind.DOCUMENT,
        title="Cahier des charges d’une prestation de design des politiques publiques",
        defaults={"body": "Un cahier des charges exemplaire pour commander une prestation de design à un prestataire."},
    )
    document.phases.set([phases[0], phases[1]])
    Resource.objects.update_or_create(
        lab=lab,
        kind=Resource.Kind.ROLE,
        title="Ambassadeur ou ambassadrice",
        defaults={"body": "Participe à une équipe de 4 à 5 ambassadeurs sur tout ou partie d’une commande, sur les "
                  "phases où il ou elle se sent utile."},
    )  # fmt: skip
    mooc, _ = Resource.objects.update_or_create(
        lab=lab,
        kind=Resource.Kind.BIBLIOGRAPHY,
        title="MOOC sur la théorie U",
        defaults={"body": "Un parcours en ligne de trois mois, à suivre de préférence avec un petit groupe de pairs."},
    )
    mooc.phases.set([phases[2]])

    owner = members[COORDINATOR_EMAIL].person
    workshop = Workshop.objects.filter(lab=lab, series="Atelier 2", name="Emergence").first()
    if workshop is None:
        workshop = Workshop.objects.create(
            lab=lab,
            venue="Rencontres nationales des labos d’innovation publique – session 1",
            series="Atelier 2",
            name="Emergence",
            question="Comment accompagner la transformation des collectivités avec la théorie U, en y associant "
            "les citoyens ?",
            owner_name="Hélène Marchal, Ville de Paris",
            proposal="Expérimenter ce trimestre, en mode labo avec une collectivité, un voyage apprenant de trois "
            "jours fondé sur la théorie U.",
            audience="- des leaders de la transformation publique ;\n- avec des usagers et des citoyens ;\n"
            "- aux profils variés : élus, dirigeants, collectifs citoyens, responsables de labos.",
            stakes="- s’outiller soi-même ;\n- conduire la transformation dans son propre territoire ;\n"
            "- faire de ces parcours un bien commun.",
            success_conditions="Des profils variés et vraiment engagés ; une expérimentation documentée, première "
            "étape d’une communauté de soutien à la fois locale et nationale.",
            synthesis_published_at=_at(datetime.date(2018, 3, 28)),
        )
        for email in ("nadia.cherif@demo.defis.fr", "testeur@demo.defis.fr", COORDINATOR_EMAIL):
            WorkshopParticipant.objects.create(workshop=workshop, person=members[email].person, name="")
        WorkshopParticipant.objects.create(workshop=workshop, name="Paul Granier (Gironde)")
        NoteSection.objects.create(
            workshop=workshop,
            title="Éléments importants de la discussion",
            position=1,
            revision=1,
            updated_by=owner,
            text="- Comment embarquer les dirigeants, et être soi-même accompagné quand on porte un labo ?\n"
            "- Commencer par un petit groupe de 4 ou 5 pairs, pour ne pas rester isolé.\n"
            "- Distinguer la formation de l’accompagnement de projet.",
        )
        NoteSection.objects.create(
            workshop=workshop, title="Pistes à creuser", position=2, text="Former des binômes de directeurs en "
            "formation-action, accompagnés par le labo.",
        )  # fmt: skip
        WorkshopLead.objects.create(
            workshop=workshop, kind=WorkshopLead.Kind.EXPERIENCE, text="L’expérience menée en Gironde"
        )
        WorkshopLead.objects.create(
            workshop=workshop, kind=WorkshopLead.Kind.RESOURCE, text="Le MOOC sur la théorie U", resource=mooc
        )
        WorkshopLead.objects.create(
            workshop=workshop, kind=WorkshopLead.Kind.MEETING, text="Première réunion locale à Bordeaux"
        )
        NextStep.objects.create(
            workshop=workshop,
            action="Rédiger la note de cadrage de l’expérimentation",
            owner=owner,
            due_on=today + datetime.timedelta(days=7),
        )
        NextStep.objects.create(
            workshop=workshop,
            action="Identifier quatre ou cinq lieux pilotes",
            owner=members["testeur@demo.defis.fr"].person,
            due_on=today - datetime.timedelta(days=3),
        )
    session_workshop = Workshop.objects.filter(lab=lab, session=session, series="Atelier 1").first()
    if session_workshop is None:
        Workshop.objects.create(
            lab=lab,
            session=session,
            series="Atelier 1",
            name="Le parcours nouvel ambassadeur",
            question="Comment intégrer un ambassadeur arrivé en cours de route, sans qu’il ait le sentiment "
            "d’avoir manqué le début ?",
            owner=members["margaux.delmas@demo.defis.fr"].person,
        )


def _paca(paca: Organisation) -> None:
    lab, _ = Lab.objects.update_or_create(
        name="Le Lab’ PACA",
        defaults={
            "organisation": paca,
            "territory": "Provence-Alpes-Côte d'Azur",
            "description": "Le labo de la Région, construit à partir d’ateliers puis d’expérimentations "
            "« en milieu réel » avec les services.",
        },
    )
    _phases(lab)
    coordinator = _people([("camille.arnaud@demo.defis.fr", "Camille Arnaud", "Cheffe de projet du Lab'", paca)])[
        "camille.arnaud@demo.defis.fr"
    ]
    _duties(lab, {kind: (coordinator, description) for kind, description in PACA_DUTIES.items()})
    network, _ = Network.objects.update_or_create(
        lab=lab,
        name="Réseau des référents animation et innovation",
        defaults={
            "kind": Network.Kind.REFERENTS,
            "is_open": True,
            "description": "Des agents volontaires qui animent des groupes de coproduction dans leurs directions.",
        },
    )
    _members(network, {coordinator: (Role.COORDINATOR, _at(datetime.date(2014, 2, 6)))})


# --- Commissions: the three real commissions of session 11 (seed 004) ----------------------------------

# (case, title first asked, request, output first expected, department, commissioner (fictional), state,
#  reformulation: field → (after, reason), the grid's own questions)
COMMISSIONS = (
    ("Cas n°3 · sujet 1", "Occiborne",
     "Installer une borne interactive dans les Maisons de la Région pour orienter les visiteurs.",
     "Une borne d’information", "Direction de la relation aux usagers",
     ("helene.vasseur@demo.defis.fr", "Hélène Vasseur", "Responsable de l’accueil des Maisons de la Région"),
     "team_formed",
     {"title": ("Occiline", "L’objet compte moins que l’accueil : on parle d’un dispositif, plus d’une borne."),
      "expected_output": ("Un guichet numérique d’accueil, avec un agent joignable à distance",
                          "Les visiteurs veulent parler à quelqu’un ; l’écran seul ne répond pas à leur besoin.")}),
    ("Cas n°3 · sujet 2", "Première journée du Conseil régional des jeunes",
     "Organiser la première journée du Conseil régional des jeunes, où ils s’expriment sur les politiques de la "
     "Région.",
     "Un programme de journée", "Direction de la jeunesse",
     ("romain.castel@demo.defis.fr", "Romain Castel", "Chargé de mission citoyenneté des jeunes"),
     "validated",
     {"question": ("Comment faire du Conseil régional des jeunes un lieu où l’on teste autant qu’on s’exprime ?",
                   "Les jeunes ont envie d’essayer des services, pas seulement de donner un avis."),
      "expected_output": ("Une journée avec des ateliers de test de services régionaux",
                          "Tester sur place rend la parole des jeunes concrète.")}),
    ("Cas n°3 · sujet 3", "Outiller le réseau des assistantes",
     "Choisir un logiciel collaboratif pour le réseau des assistantes de la Région.",
     "Un logiciel", "Secrétariat général",
     ("sylvie.marty@demo.defis.fr", "Sylvie Marty", "Animatrice du réseau des assistantes"),
     "reformulated",
     {"expected_output": ("Un événement annuel du réseau des assistantes",
                          "Le besoin est de se connaître et de s’entraider ; un outil viendra après, s’il le faut.")}),
)  # fmt: skip
GRID = (
    ("outline", "Quelle situation vous a amené à nous solliciter ?", False),
    ("protagonists", "Qui est concerné, et qui décide ?", False),
    ("ins_and_outs", "Qu’est-ce qui a déjà été essayé ?", False),
    ("stakes", "Que se passe-t-il si rien ne change ?", False),
    ("uncomfortable", "À quoi ce projet sera-t-il vraiment utile, et pour qui ?", True),
    ("uncomfortable", "Seriez-vous prêt à renoncer à la solution que vous imaginez ?", False),
)
ANSWERS = (
    "Des visiteurs perdus à l’accueil, et des agents débordés aux heures de pointe.",
    "Les agents d’accueil, la direction, et les visiteurs eux-mêmes.",
    "Un plan affiché et un dépliant ; personne ne les lit.",
    "Les files d’attente s’allongent et l’image de la Région en souffre.",
    "Aux visiteurs qui ne savent pas à qui s’adresser : ils veulent une réponse humaine.",
    "Oui, si l’on nous montre mieux.",
)


def _commissions(lab: Lab, coordinator: User, members: dict[str, NetworkMembership], phases, session) -> None:
    """The three commissions, each found by its case; the first staffed with the pure suggestion."""
    from labs.models import (
        AuditEntry,
        Commission,
        CommissionSession,
        GridQuestion,
        IntakeGrid,
        Interview,
        InterviewPerson,
        Reformulation,
        ReformulationReview,
        StaffingProposal,
    )
    from labs.selectors.commissions import memberships_by_pk, staffing_candidates
    from labs.services.staffing import staffing_suggest

    order = list(Commission.State.values)
    checker = members["nadia.cherif@demo.defis.fr"].person
    commissioners = _people([(c[5][0], c[5][1], c[5][2], lab.organisation) for c in COMMISSIONS])
    for case, title, request, output, department, (email, name, _job), state, changes in COMMISSIONS:
        if Commission.objects.filter(lab=lab, case=case).exists():
            continue
        commission = Commission.objects.create(
            lab=lab, case=case, title=title, initial_request=request, initial_output=output, question=request,
            expected_output=output, commissioner=commissioners[email], commissioner_name=name,
            commissioner_department=department, mode=Commission.Mode.AMBASSADORS,
            budget_source="Fonds d’expérimentation", proposed_by=coordinator, state=state,
        )  # fmt: skip
        commission.phases.set(phases[:3])
        CommissionSession.objects.create(
            commission=commission, session=session, purpose="Démarreur bienveillant et débriefing en équipe"
        )
        grid = IntakeGrid.objects.create(
            commission=commission, version=1, submitted_to=checker, checked_by=checker,
            checked_at=_at(session.starts_on, 14), check_notes="Vérifiée avec le jeu de cartes des résidents.",
        )  # fmt: skip
        questions = GridQuestion.objects.bulk_create(
            GridQuestion(grid=grid, section=section, text=text, about_usefulness=useful, position=position)
            for position, (section, text, useful) in enumerate(GRID, start=1)
        )
        interview = Interview.objects.create(
            commission=commission, held_at=_at(session.ends_on, 10), place="Hôtel de Région, Toulouse", grid=grid,
            answers={str(q.pk): answer for q, answer in zip(questions, ANSWERS, strict=True)},
            notes="Entretien ouvert ; le commanditaire a dessiné son parcours idéal au tableau.",
            recorded_at=_at(session.ends_on, 12),
        )  # fmt: skip
        InterviewPerson.objects.bulk_create(
            [InterviewPerson(interview=interview, side=InterviewPerson.Side.INTERVIEWER, person=coordinator,
                             role="Animatrice"),
             InterviewPerson(interview=interview, side=InterviewPerson.Side.INTERVIEWEE, name=name,
                             role="Commanditaire")]
        )  # fmt: skip
        commission.reformulation_round = 1
        for field, (after, reason) in changes.items():
            Reformulation.objects.create(
                commission=commission, round=1, field=field, before=getattr(commission, field), after=after,
                reason=reason, author=coordinator,
            )  # fmt: skip
            setattr(commission, field, after)
        commission.save()
        if order.index(state) >= order.index(Commission.State.VALIDATED):
            ReformulationReview.objects.create(
                commission=commission, round=1, decision=ReformulationReview.Decision.VALIDATED,
                reviewer=commissioners[email],
            )  # fmt: skip
        reached = order[: order.index(state) + 1]
        AuditEntry.objects.bulk_create(
            AuditEntry(lab=lab, actor=coordinator, action=AuditEntry.Action.COMMISSION_STATE, subject=commission.title,
                       changes={"state": [before, after], "commission": commission.pk})
            for before, after in zip([None, *reached[:-1]], reached, strict=True)
        )  # fmt: skip
        if state == Commission.State.TEAM_FORMED:
            candidates = staffing_candidates(commission=commission)
            result = staffing_suggest(
                candidates=candidates, phases=[p.pk for p in phases[:3]], cost=commission.days_per_month
            )
            names = {p.pk: p.name for p in phases}
            memberships = memberships_by_pk(pks=[s.candidate.key for s in result.team])
            StaffingProposal.objects.bulk_create(
                StaffingProposal(
                    commission=commission, membership=memberships[s.candidate.key],
                    status=StaffingProposal.Status.ACCEPTED, proposed_by=coordinator, answered_at=timezone.now(),
                    why={"phases": [names[p] for p in s.covers], "load_after": str(s.load_after), "score": s.score},
                )
                for s in result.team
            )  # fmt: skip
