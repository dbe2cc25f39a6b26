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


def _organisation(name: str, kind: str, territory: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "territory": territory})
    return organisation


def _person(email: str, display_name: str, job_title: str, organisation: Organisation) -> User:
    person, created = User.objects.update_or_create(
        email=email, defaults={"display_name": display_name, "job_title": job_title, "organisation": organisation}
    )
    if created:
        person.set_unusable_password()
        person.save(update_fields=["password"])
    return person


def _member(network: Network, person: User, role: str, joined: datetime.datetime) -> NetworkMembership:
    membership, _ = NetworkMembership.objects.update_or_create(
        network=network,
        person=person,
        defaults={"role": role, "status": NetworkMembership.Status.ACTIVE, "joined_at": joined, "left_at": None},
    )
    return membership


def _skills(membership: NetworkMembership, phases: list[MethodPhase], levels) -> None:
    for phase, (competence, appetence) in zip(phases, levels, strict=True):
        SkillRating.objects.update_or_create(
            membership=membership, phase=phase, defaults={"competence": competence, "appetence": appetence}
        )


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
    phases = []
    for position, name in enumerate(PHASES, start=1):
        phase, _ = MethodPhase.objects.update_or_create(lab=lab, name=name, defaults={"position": position})
        phases.append(phase)

    network, _ = Network.objects.update_or_create(
        lab=lab,
        name="Réseau des ambassadeurs de l’innovation",
        defaults={
            "kind": Network.Kind.AMBASSADORS,
            "is_open": True,
            "description": "Des agents de la Région qui donnent une partie de leur temps aux projets du labo.",
        },
    )
    for position, (name, description, risk) in enumerate(VALUES, start=1):
        NetworkValue.objects.update_or_create(
            network=network,
            name=name,
            defaults={"description": description, "position": position, "at_risk": bool(risk), "risk_note": risk},
        )

    coordinator = people[COORDINATOR_EMAIL]
    start = _at(datetime.date(2017, 3, 20))
    members = {COORDINATOR_EMAIL: _member(network, coordinator, Role.COORDINATOR, start)}
    for email in ("testeur@demo.defis.fr", "contributeur@demo.defis.fr"):
        members[email] = _member(network, people[email], Role.AMBASSADOR, start)
    for item in MEMBERS:
        person = _person(item.email, item.display_name, item.job_title, organisations[item.organisation])
        joined = _at(today - datetime.timedelta(days=40)) if item.email.startswith("margaux") else start
        members[item.email] = _member(network, person, item.role, joined)
        _skills(members[item.email], phases, item.skills)
    for email, levels in LOGIN_SKILLS.items():
        _skills(members[email], phases, levels)
    members["thomas.vidal@demo.defis.fr"].brings_commission = True
    members["thomas.vidal@demo.defis.fr"].commission_idea = "La dématérialisation des aides aux lycéens."
    members["thomas.vidal@demo.defis.fr"].save(update_fields=["brings_commission", "commission_idea"])

    CoordinationDuty.objects.filter(lab=lab).exclude(kind__in=CoordinationDuty.Kind.values).delete()
    duty_holders = {
        CoordinationDuty.Kind.ORGANISATION: (coordinator, "Calendrier des sessions, lieux, logistique."),
        CoordinationDuty.Kind.COMMUNICATION: (members["nadia.cherif@demo.defis.fr"].person,
                                              "Le blog de la Transfo et les nouvelles du réseau."),
        CoordinationDuty.Kind.CAPITALISATION: (members["julien.fabre@demo.defis.fr"].person,
                                               "Synthèses des sessions et bibliothèque."),
        CoordinationDuty.Kind.MOBILISATION: (coordinator, "Accueil des nouveaux ambassadeurs et autorisations."),
    }  # fmt: skip
    for position, (kind, (holder, description)) in enumerate(duty_holders.items()):
        CoordinationDuty.objects.update_or_create(
            lab=lab, kind=kind, defaults={"holder": holder, "description": description, "position": position}
        )

    # Two versions of the charter: most ambassadors accepted both, two of them only the first.
    v1, _ = Charter.objects.get_or_create(
        network=network, version=1, defaults={"text": CHARTER_V1, "published_by": coordinator}
    )
    v2, _ = Charter.objects.get_or_create(
        network=network,
        version=2,
        defaults={"text": CHARTER_V2, "summary": CHARTER_V2_SUMMARY, "published_by": coordinator},
    )
    for email, membership in members.items():
        if not email.startswith("margaux"):
            CharterAcceptance.objects.get_or_create(charter=v1, person=membership.person)
        if email not in {"contributeur@demo.defis.fr", "thomas.vidal@demo.defis.fr", "margaux.delmas@demo.defis.fr"}:
            CharterAcceptance.objects.get_or_create(charter=v2, person=membership.person)

    # Authorisations: Thomas's expires within the month; Margaux's is requested; Karim has none yet.
    for email, status, until, days in (
        ("testeur@demo.defis.fr", Authorisation.Status.GRANTED, today + datetime.timedelta(days=200), "2"),
        ("thomas.vidal@demo.defis.fr", Authorisation.Status.GRANTED, today + datetime.timedelta(days=18), "1.5"),
        ("nadia.cherif@demo.defis.fr", Authorisation.Status.GRANTED, today + datetime.timedelta(days=300), "4"),
        ("margaux.delmas@demo.defis.fr", Authorisation.Status.REQUESTED, None, "2"),
    ):
        person = members[email].person
        Authorisation.objects.update_or_create(
            membership=members[email],
            defaults={
                "manager_name": f"Responsable de {person.display_name.split()[0]}",
                "status": status,
                "requested_on": today - datetime.timedelta(days=30),
                "valid_from": today - datetime.timedelta(days=165) if until else None,
                "valid_until": until,
                "days_per_month": Decimal(days),
            },
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
    _paca(paca)
    return lab


def _journey(network: Network, coordinator: User, members: dict[str, NetworkMembership], today) -> None:
    journey, _ = OnboardingJourney.objects.get_or_create(
        network=network, version=1, defaults={"title": "Parcours nouvel ambassadeur", "published_by": coordinator}
    )
    steps = {}
    for position, (key, kind, title, attest) in enumerate(JOURNEY_STEPS, start=1):
        steps[key], _ = OnboardingStep.objects.update_or_create(
            journey=journey,
            key=key,
            defaults={"position": position, "kind": kind, "title": title, "requires_attestation": attest},
        )
    done_long_ago = _at(datetime.date(2017, 6, 1))
    for email in ("testeur@demo.defis.fr", "nadia.cherif@demo.defis.fr"):
        for step in steps.values():
            StepCompletion.objects.get_or_create(
                membership=members[email],
                step=step,
                defaults={
                    "done_at": done_long_ago,
                    "attested_at": done_long_ago if step.requires_attestation else None,
                    "attested_by": coordinator if step.requires_attestation else None,
                },
            )
    # Margaux joined on the way: two steps done, her MOOC waits for the coordinator's attestation.
    for key in ("values", "tutorial", "mooc"):
        StepCompletion.objects.get_or_create(
            membership=members["margaux.delmas@demo.defis.fr"],
            step=steps[key],
            defaults={"done_at": _at(today - datetime.timedelta(days=3 if key == "mooc" else 20))},
        )
    StepCompletion.objects.get_or_create(
        membership=members["contributeur@demo.defis.fr"], step=steps["values"], defaults={"done_at": done_long_ago}
    )


def _sessions(lab: Lab, members: dict[str, NetworkMembership], today) -> LabSession:
    session, _ = LabSession.objects.update_or_create(
        lab=lab,
        number=11,
        defaults={
            "title": "La Transfo a un an !",
            "place": "Toulouse",
            "starts_on": datetime.date(2018, 3, 26),
            "ends_on": datetime.date(2018, 3, 27),
            "synthesis": SESSION_11_SYNTHESIS,
            "next_meeting_on": datetime.date(2018, 5, 14),
            "next_meeting": "Sessions des 14-15 mai et 14-15 juin : accompagnement des trois commandes",
        },
    )
    if not session.agenda.exists():
        for day, start, end, kind, title, speakers in SESSION_11_AGENDA:
            AgendaItem.objects.create(
                session=session,
                day=session.starts_on + datetime.timedelta(days=day),
                starts_at=datetime.time.fromisoformat(start),
                ends_at=datetime.time.fromisoformat(end),
                kind=kind,
                title=title,
                speakers=speakers,
            )
    for email, membership in members.items():
        if not email.startswith("margaux"):
            SessionRegistration.objects.update_or_create(
                session=session,
                person=membership.person,
                defaults={"registered_at": _at(datetime.date(2018, 3, 12)), "attended": True},
            )
    LabSession.objects.update_or_create(
        lab=lab,
        number=10,
        defaults={
            "title": "Des valeurs pour le réseau",
            "place": "Montpellier",
            "starts_on": datetime.date(2018, 2, 12),
            "ends_on": datetime.date(2018, 2, 13),
            "synthesis": "Premiers mots sur les valeurs communes, et les entretiens sur les appétences et "
            "compétences de chacun à l’issue du premier cas.",
        },
    )
    upcoming, _ = LabSession.objects.update_or_create(
        lab=lab,
        number=15,
        defaults={
            "title": "Journée Transfo + : prototyper sans budget",
            "place": "Montpellier",
            "starts_on": today + datetime.timedelta(days=14),
            "ends_on": today + datetime.timedelta(days=14),
        },
    )
    if not upcoming.agenda.exists():
        AgendaItem.objects.create(
            session=upcoming, day=upcoming.starts_on, starts_at=datetime.time(9, 30), ends_at=datetime.time(10, 0),
            kind=AgendaItem.Kind.ICE_BREAKER, title="Café et brise-glace",
        )  # fmt: skip
        AgendaItem.objects.create(
            session=upcoming, day=upcoming.starts_on, starts_at=datetime.time(10, 0), ends_at=datetime.time(12, 30),
            kind=AgendaItem.Kind.WORKSHOP, title="Prototyper avec du papier, du carton et des usagers",
            speakers="Nadia Cherif",
        )  # fmt: skip
    SessionRegistration.objects.update_or_create(
        session=upcoming,
        person=members["testeur@demo.defis.fr"].person,
        defaults={"registered_at": timezone.now()},
    )
    return session


def _library_and_workshop(lab, session, members, phases, today) -> None:
    for title, body in GLOSSARY:
        Resource.objects.update_or_create(lab=lab, kind=Resource.Kind.GLOSSARY, title=title, defaults={"body": body})
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
    for position, name in enumerate(PHASES, start=1):
        MethodPhase.objects.update_or_create(lab=lab, name=name, defaults={"position": position})
    coordinator = _person("camille.arnaud@demo.defis.fr", "Camille Arnaud", "Cheffe de projet du Lab'", paca)
    duties = {
        CoordinationDuty.Kind.ORGANISATION: "Garantir l’organisation des expérimentations et de leurs prestataires.",
        CoordinationDuty.Kind.COMMUNICATION: "Faire connaître les projets du labo dans les directions.",
        CoordinationDuty.Kind.CAPITALISATION: "Garder trace de ce que chaque expérimentation a appris.",
        CoordinationDuty.Kind.MOBILISATION: "Animer le réseau des référents et accueillir les volontaires.",
    }
    for position, (kind, description) in enumerate(duties.items()):
        CoordinationDuty.objects.update_or_create(
            lab=lab, kind=kind, defaults={"holder": coordinator, "description": description, "position": position}
        )
    network, _ = Network.objects.update_or_create(
        lab=lab,
        name="Réseau des référents animation et innovation",
        defaults={
            "kind": Network.Kind.REFERENTS,
            "is_open": True,
            "description": "Des agents volontaires qui animent des groupes de coproduction dans leurs directions.",
        },
    )
    _member(network, coordinator, Role.COORDINATOR, _at(datetime.date(2014, 2, 6)))
