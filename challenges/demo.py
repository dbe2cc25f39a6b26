"""Demo data of the challenges app: the 2018 summer university and its Rennes site (fictional people).

Called by ``manage.py load_demo_data`` after ``innovation.demo.load_people()``. Idempotent:
every row is found by its natural key (edition title, site place, theme title, challenge number,
person e-mail...) and updated, never duplicated. The subjects are plausible local-government
subjects; the people and the figures are fictional or rounded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from challenges.models import Challenge, Edition, PhaseContent, QuestionReformulation, Site, TeamMembership, Theme
from challenges.models.challenges import PHASE_ORDER
from innovation.models import Organisation, User

EDITION_TITLE = "3e université d'été de l'innovation publique territoriale"
EDITION_DESCRIPTION = (
    "Trois jours pour travailler des **défis réels** de collectivités, sur six sites en même temps : "
    "idéation, prototypage et test avec les usagers, puis restitution commune."
)
STARTS_ON = datetime.date(2018, 7, 9)
ENDS_ON = datetime.date(2018, 7, 11)

SITES: tuple[str, ...] = ("Rennes", "Aix-en-Provence", "Cluny", "La Réunion", "Martinique", "Strasbourg")

THEMES: tuple[tuple[str, str], ...] = (
    (
        "Co-construire des services publics innovants",
        "Concevoir les services avec leurs usagers et les agents qui les rendent.",
    ),
    ("Les leviers de l'innovation", "Données, achats, organisation, management : ce qui rend l'innovation possible."),
    ("Former les innovateurs", "Acculturer, outiller et accompagner les agents qui expérimentent."),
    (
        "Dynamiques territoriales et e-démocratie",
        "Coopérations entre collectivités, participation citoyenne et outils numériques du débat public.",
    ),
)

# name, kind, territory
ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    ("Commune de Bruz", Organisation.Kind.COMMUNE, "Ille-et-Vilaine"),
    ("Commune de Combourg", Organisation.Kind.COMMUNE, "Ille-et-Vilaine"),
)

CD35 = "Département d'Ille-et-Vilaine (CD 35)"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    display_name: str
    job_title: str
    organisation: str


EXTRA_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("marie.lebihan@demo.defis.fr", "Marie Le Bihan", "Directrice de l'action sociale territoriale", CD35),
    DemoPerson("thomas.guillou@demo.defis.fr", "Thomas Guillou", "Chargé de mission mobilités", "Dinan Agglomération"),
    DemoPerson(
        "nathalie.briand@demo.defis.fr", "Nathalie Briand", "Responsable du service éducation", "Ville de Rennes"
    ),
    DemoPerson(
        "pierre-yves.hamon@demo.defis.fr", "Pierre-Yves Hamon", "Chef de projet inclusion numérique", "Rennes Métropole"
    ),
    DemoPerson("gwenaelle.leroux@demo.defis.fr", "Gwenaëlle Le Roux", "Chargée de mission jeunesse", "Région Bretagne"),
    DemoPerson("julien.daniel@demo.defis.fr", "Julien Daniel", "Responsable formation et compétences", CD35),
    DemoPerson(
        "elodie.morin@demo.defis.fr",
        "Élodie Morin",
        "Conseillère en économie sociale et familiale (CCAS)",
        "Ville de Rennes",
    ),
    DemoPerson("antoine.lemaitre@demo.defis.fr", "Antoine Lemaître", "Chargé de la donnée", "Rennes Métropole"),
    DemoPerson(
        "fatou.diallo@demo.defis.fr", "Fatou Diallo", "Chargée de la participation citoyenne", "Ville de Rennes"
    ),
    DemoPerson("helene.cadiou@demo.defis.fr", "Hélène Cadiou", "Directrice générale des services", "Commune de Bruz"),
    DemoPerson(
        "romain.lebreton@demo.defis.fr",
        "Romain Lebreton",
        "Directeur de l'ingénierie mutualisée",
        "Dinan Agglomération",
    ),
    DemoPerson(
        "catherine.jaouen@demo.defis.fr", "Catherine Jaouen", "Cheffe du service restauration des collèges", CD35
    ),
    DemoPerson(
        "olivier.tessier@demo.defis.fr",
        "Olivier Tessier",
        "Adjoint au maire, santé et solidarités",
        "Commune de Combourg",
    ),
)

OWNER = TeamMembership.Role.OWNER
CONTRIBUTOR = TeamMembership.Role.CONTRIBUTOR
FACILITATOR = TeamMembership.Role.FACILITATOR


@dataclass(frozen=True)
class DemoChallenge:
    number: int
    question: str
    subject: str
    organisation: str
    theme: int  # index in THEMES
    territory: str
    communes: int | None
    inhabitants: int | None
    stakes: str
    stakeholders: str
    users: str
    obstacles: str
    levers: str
    team: tuple[tuple[str, str], ...]  # (e-mail, role)
    phase: str = Challenge.Phase.IDEATION
    status: str = Challenge.Status.PUBLISHED
    phase_texts: dict[str, str] = field(default_factory=dict)
    reformulations: tuple[tuple[str, str], ...] = ()  # (previous question, reason); the last leads to ``question``


PORTEUR = "porteur@demo.defis.fr"
CONTRIBUTEUR = "contributeur@demo.defis.fr"
ANIMATEUR = "animateur@demo.defis.fr"

RENNES_CHALLENGES: tuple[DemoChallenge, ...] = (
    DemoChallenge(
        number=1,
        question="Comment faciliter l'accès aux droits des personnes âgées isolées en milieu rural ?",
        subject="Accès aux droits des personnes âgées",
        organisation=CD35,
        theme=0,
        territory="Ille-et-Vilaine (pays de Vitré et de Fougères)",
        communes=333,
        inhabitants=1_060_000,
        stakes="- Près d'une personne âgée sur trois ne demande pas une aide à laquelle elle a droit.\n"
        "- Le maintien à domicile dépend d'aides connues trop tard.",
        stakeholders="CDAS, CCAS, caisses de retraite, services d'aide à domicile, mairies, associations de bénévoles.",
        users="Personnes de plus de 75 ans vivant seules, leurs aidants familiaux.",
        obstacles="Démarches dématérialisées, dossiers multiples, isolement géographique, méfiance envers "
        "l'administration.",
        levers="Les facteurs, les aides à domicile et les secrétaires de mairie qui voient ces personnes "
        "chaque semaine.",
        team=(("marie.lebihan@demo.defis.fr", OWNER), ("elodie.morin@demo.defis.fr", CONTRIBUTOR)),
        phase=Challenge.Phase.DEBRIEF,
        phase_texts={
            Challenge.Phase.IDEATION: "- Un « passeur de droits » dans chaque mairie\n- Un dossier unique partagé\n"
            "- Une tournée commune des acteurs du domicile",
            Challenge.Phase.SELECTED_IDEA: "Former les secrétaires de mairie et les aides à domicile à repérer les "
            "droits non demandés et à orienter vers un interlocuteur unique au CDAS.",
            Challenge.Phase.PROTOTYPE: "Une fiche repère d'une page et un numéro direct au CDAS.",
            Challenge.Phase.TEST: "Testé avec trois secrétaires de mairie et deux aides à domicile pendant "
            "l'université.",
            Challenge.Phase.DEBRIEF: "Expérimentation sur deux cantons à la rentrée, avec un suivi du nombre "
            "d'orientations vers le CDAS.",
        },
    ),
    DemoChallenge(
        number=2,
        question="Comment rendre le transport à la demande lisible et utilisé par les habitants des communes rurales ?",
        subject="Mobilité en milieu rural",
        organisation="Dinan Agglomération",
        theme=0,
        territory="Dinan Agglomération",
        communes=65,
        inhabitants=96_000,
        stakes="Sans voiture, des habitants renoncent à un emploi, à un soin ou à une formation.",
        stakeholders="Service mobilités, Région (lignes régulières), transporteurs, missions locales, mairies.",
        users="Jeunes sans permis, personnes âgées, demandeurs d'emploi, habitants des hameaux.",
        obstacles="Réservation la veille par téléphone, horaires méconnus, image d'un service « pour les personnes "
        "âgées ».",
        levers="Réseau des mairies, missions locales, application régionale d'information voyageurs.",
        team=(("thomas.guillou@demo.defis.fr", OWNER), ("romain.lebreton@demo.defis.fr", CONTRIBUTOR)),
        phase=Challenge.Phase.TEST,
        phase_texts={
            Challenge.Phase.IDEATION: "- Réservation par SMS\n- Arrêts nommés comme les habitants les appellent\n"
            "- Un ambassadeur par commune",
            Challenge.Phase.SELECTED_IDEA: "Une carte papier et en ligne des arrêts, avec réservation par SMS jusqu'à "
            "deux heures avant.",
            Challenge.Phase.PROTOTYPE: "Maquette de la carte et scénario de réservation par SMS joué avec l'équipe.",
            Challenge.Phase.TEST: "Test auprès de douze passants au marché de Dinan.",
        },
    ),
    DemoChallenge(
        number=3,
        question="Comment améliorer et simplifier les inscriptions scolaires et périscolaires pour les familles ?",
        subject="Inscriptions scolaires et périscolaires",
        organisation="Ville de Rennes",
        theme=0,
        territory="Rennes",
        communes=1,
        inhabitants=216_000,
        stakes="- Chaque rentrée, près de 3 000 familles inscrivent un enfant à l'école.\n"
        "- Les inscriptions à la cantine, à la garderie et au centre de loisirs se font à part.",
        stakeholders="Direction éducation-enfance, écoles, mairies de quartier, associations de parents, CAF.",
        users="Familles, dont celles qui parlent peu le français ou n'ont pas d'accès à internet.",
        obstacles="Plusieurs formulaires, des justificatifs demandés plusieurs fois, des délais différents selon "
        "les services.",
        levers="Le portail famille existant, les agents d'accueil des mairies de quartier, le « dites-le-nous une "
        "fois ».",
        team=(
            (PORTEUR, OWNER),
            ("nathalie.briand@demo.defis.fr", OWNER),
            (CONTRIBUTEUR, CONTRIBUTOR),
            (ANIMATEUR, FACILITATOR),
        ),
        phase=Challenge.Phase.PROTOTYPE,
        phase_texts={
            Challenge.Phase.IDEATION: "- Un dossier unique de rentrée\n- Des justificatifs fournis une seule fois\n"
            "- Un rendez-vous possible en mairie de quartier",
            Challenge.Phase.SELECTED_IDEA: "Un dossier unique de rentrée, en ligne ou au guichet, qui inscrit "
            "à l'école, à la cantine et au périscolaire.",
            Challenge.Phase.PROTOTYPE: "Parcours papier du dossier unique, testé en jeu de rôle avec des agents "
            "d'accueil.",
        },
        reformulations=(
            (
                "Comment simplifier les inscriptions scolaires ?",
                "Les familles vivent l'école, la cantine et le périscolaire comme une seule démarche.",
            ),
        ),
    ),
    DemoChallenge(
        number=4,
        question="Comment accompagner les habitants éloignés du numérique dans leurs démarches en ligne ?",
        subject="Inclusion numérique",
        organisation="Rennes Métropole",
        theme=0,
        territory="Rennes Métropole",
        communes=43,
        inhabitants=450_000,
        stakes="Environ 13 % des habitants n'utilisent pas internet ; les démarches passent en ligne.",
        stakeholders="Espaces publics numériques, CCAS, bibliothèques, associations, opérateurs de services publics.",
        users="Personnes âgées, personnes en précarité, allophones.",
        obstacles="Offre d'accompagnement dispersée et peu connue, peur de « faire à la place ».",
        levers="Le « pass numérique », le réseau des bibliothèques, les médiateurs numériques.",
        team=(("pierre-yves.hamon@demo.defis.fr", OWNER), ("antoine.lemaitre@demo.defis.fr", CONTRIBUTOR)),
        phase=Challenge.Phase.SELECTED_IDEA,
        phase_texts={
            Challenge.Phase.IDEATION: "- Une carte des lieux d'aide\n- Un diagnostic en cinq questions au guichet",
            Challenge.Phase.SELECTED_IDEA: "Un diagnostic en cinq questions que tout agent d'accueil peut faire, "
            "qui oriente vers le bon lieu d'aide.",
        },
    ),
    DemoChallenge(
        number=5,
        question="Comment associer les jeunes aux décisions de la Région qui les concernent ?",
        subject="Participation des jeunes",
        organisation="Région Bretagne",
        theme=3,
        territory="Bretagne",
        communes=1_208,
        inhabitants=3_300_000,
        stakes="Les 15-25 ans participent peu aux consultations publiques.",
        stakeholders="Conseil régional des jeunes, lycées, missions locales, associations d'éducation populaire.",
        users="Lycéens, apprentis, jeunes actifs.",
        obstacles="Calendrier institutionnel long, vocabulaire administratif.",
        levers="Les réseaux sociaux, les foyers des lycées, le conseil régional des jeunes.",
        team=(("gwenaelle.leroux@demo.defis.fr", OWNER), (CONTRIBUTEUR, CONTRIBUTOR)),
        phase_texts={
            Challenge.Phase.IDEATION: "- Consultations en format court\n- Restitution systématique aux jeunes"
        },
    ),
    DemoChallenge(
        number=6,
        question="Comment faire de l'accueil des agents nouvellement recrutés un levier d'innovation ?",
        subject="Accueil des nouveaux agents",
        organisation=CD35,
        theme=2,
        territory="Ille-et-Vilaine",
        communes=333,
        inhabitants=1_060_000,
        stakes="Un regard neuf se perd en quelques mois faute d'être recueilli.",
        stakeholders="Direction des ressources humaines, encadrants, réseau des innovateurs du Département.",
        users="Agents nouvellement recrutés, leurs encadrants.",
        obstacles="Parcours d'accueil centré sur les procédures.",
        levers="Le « rapport d'étonnement », le réseau des innovateurs internes.",
        team=(("julien.daniel@demo.defis.fr", OWNER),),
        phase_texts={
            Challenge.Phase.IDEATION: "- Un rapport d'étonnement à trois mois\n- Un binôme avec un innovateur"
        },
    ),
    DemoChallenge(
        number=7,
        question="Comment réduire le non-recours aux aides sociales facultatives de la Ville ?",
        subject="Non-recours aux droits",
        organisation="Ville de Rennes",
        theme=0,
        territory="Rennes",
        communes=1,
        inhabitants=216_000,
        stakes="Des aides votées ne sont pas demandées par ceux à qui elles sont destinées.",
        stakeholders="CCAS, maisons de quartier, travailleurs sociaux, associations caritatives.",
        users="Familles modestes, étudiants, travailleurs pauvres.",
        obstacles="Aides méconnues, critères complexes, crainte de la stigmatisation.",
        levers="Un simulateur de droits, les données de la CAF, les relais associatifs.",
        team=(("elodie.morin@demo.defis.fr", OWNER), (PORTEUR, OWNER), (CONTRIBUTEUR, CONTRIBUTOR)),
        phase_texts={Challenge.Phase.IDEATION: "- Un simulateur en trois questions\n- Des permanences hors les murs"},
    ),
    DemoChallenge(
        number=8,
        question="Comment mieux partager les données des services pour piloter les politiques publiques ?",
        subject="Partage des données",
        organisation="Rennes Métropole",
        theme=1,
        territory="Rennes Métropole",
        communes=43,
        inhabitants=450_000,
        stakes="Les données existent mais restent dans les services qui les produisent.",
        stakeholders="Direction du numérique, services métiers, élus, délégué à la protection des données.",
        users="Directions et élus qui pilotent, agents qui produisent les données.",
        obstacles="Formats hétérogènes, crainte de l'évaluation, règles de protection des données mal connues.",
        levers="La plateforme de données ouvertes, le règlement général sur la protection des données bien expliqué.",
        team=(("antoine.lemaitre@demo.defis.fr", OWNER),),
        phase_texts={Challenge.Phase.IDEATION: "- Un catalogue des données internes\n- Des binômes métier et donnée"},
    ),
    DemoChallenge(
        number=9,
        question="Comment encourager la participation au budget participatif dans les quartiers prioritaires ?",
        subject="Budget participatif",
        organisation="Ville de Rennes",
        theme=3,
        territory="Rennes, quartiers prioritaires de la politique de la ville",
        communes=1,
        inhabitants=216_000,
        stakes="Les habitants des quartiers prioritaires déposent et votent moins que les autres.",
        stakeholders="Mission participation, maisons de quartier, conseils citoyens, bailleurs sociaux.",
        users="Habitants des quartiers prioritaires, jeunes, familles.",
        obstacles="Vote en ligne, projets portés par les habitués.",
        levers="Les fêtes de quartier, les urnes mobiles, les associations de proximité.",
        team=(("fatou.diallo@demo.defis.fr", OWNER), (PORTEUR, CONTRIBUTOR)),
        phase_texts={Challenge.Phase.IDEATION: "- Des urnes mobiles\n- Des ateliers d'écriture de projets"},
    ),
    DemoChallenge(
        number=10,
        question="Comment rendre l'attente au guichet de la mairie plus utile et plus agréable ?",
        subject="Accueil en mairie",
        organisation="Commune de Bruz",
        theme=0,
        territory="Bruz",
        communes=1,
        inhabitants=18_000,
        stakes="Les pics d'affluence (titres d'identité, inscriptions) allongent l'attente.",
        stakeholders="Accueil, état civil, direction générale des services.",
        users="Habitants venant pour une démarche, familles avec enfants.",
        obstacles="Locaux anciens, rendez-vous mal connus.",
        levers="La prise de rendez-vous en ligne, l'affichage du temps d'attente.",
        team=(("helene.cadiou@demo.defis.fr", OWNER),),
        phase_texts={Challenge.Phase.IDEATION: "- Affichage du temps d'attente\n- Vérifier son dossier en attendant"},
    ),
    DemoChallenge(
        number=11,
        question="Comment mutualiser l'ingénierie entre les petites communes de l'agglomération ?",
        subject="Ingénierie mutualisée",
        organisation="Dinan Agglomération",
        theme=1,
        territory="Dinan Agglomération",
        communes=65,
        inhabitants=96_000,
        stakes="Les petites communes n'ont pas les compétences pour monter leurs projets.",
        stakeholders="Maires, secrétaires de mairie, services de l'agglomération, Département.",
        users="Maires et secrétaires de mairie des communes de moins de 2 000 habitants.",
        obstacles="Crainte de perdre la maîtrise des projets, coût des prestations.",
        levers="Un service commun, un annuaire des compétences.",
        team=(("romain.lebreton@demo.defis.fr", OWNER), ("thomas.guillou@demo.defis.fr", CONTRIBUTOR)),
        phase_texts={Challenge.Phase.IDEATION: "- Un guichet unique d'ingénierie\n- Un annuaire des compétences"},
    ),
    DemoChallenge(
        number=12,
        question="Comment former les encadrants à conduire des expérimentations dans leurs services ?",
        subject="Management et expérimentation",
        organisation="Région Bretagne",
        theme=2,
        territory="Bretagne",
        communes=1_208,
        inhabitants=3_300_000,
        stakes="Sans l'appui des encadrants, les expérimentations s'arrêtent à la première difficulté.",
        stakeholders="Direction des ressources humaines, laboratoire d'innovation, CNFPT.",
        users="Encadrants de proximité et cadres intermédiaires.",
        obstacles="Peur de l'échec, temps disponible.",
        levers="Le droit à l'expérimentation, des formations-actions courtes.",
        team=(("gwenaelle.leroux@demo.defis.fr", OWNER), ("julien.daniel@demo.defis.fr", CONTRIBUTOR)),
        phase_texts={
            Challenge.Phase.IDEATION: "- Une formation-action sur un vrai projet\n- Un pair à pair entre cadres"
        },
    ),
    DemoChallenge(
        number=13,
        question="Comment réduire le gaspillage alimentaire dans les restaurants scolaires des collèges ?",
        subject="Gaspillage alimentaire",
        organisation=CD35,
        theme=0,
        territory="Ille-et-Vilaine, collèges publics",
        communes=333,
        inhabitants=1_060_000,
        stakes="Environ un tiers des repas servis finit à la poubelle.",
        stakeholders="Service restauration, chefs de cuisine, gestionnaires des collèges, élèves élus.",
        users="Collégiens, équipes de cuisine.",
        obstacles="Grammages réglementaires, habitudes, temps de repas court.",
        levers="Pesées régulières, choix des élèves, produits locaux.",
        team=(("catherine.jaouen@demo.defis.fr", OWNER),),
        status=Challenge.Status.DRAFT,
    ),
    DemoChallenge(
        number=14,
        question="Comment faciliter l'installation de nouveaux médecins dans une commune rurale ?",
        subject="Accès aux soins",
        organisation="Commune de Combourg",
        theme=3,
        territory="Combourg et ses environs",
        communes=1,
        inhabitants=6_000,
        stakes="Deux médecins généralistes partent à la retraite d'ici deux ans.",
        stakeholders="Agence régionale de santé, professionnels de santé, intercommunalité, faculté de médecine.",
        users="Habitants, jeunes médecins, internes.",
        obstacles="Isolement professionnel, emploi du conjoint, logement.",
        levers="Une maison de santé pluriprofessionnelle, l'accueil des internes.",
        team=(("olivier.tessier@demo.defis.fr", OWNER),),
        status=Challenge.Status.DRAFT,
    ),
)


def _person(item: DemoPerson, organisations: dict[str, Organisation]) -> User:
    person, created = User.objects.update_or_create(
        email=item.email,
        defaults={
            "display_name": item.display_name,
            "job_title": item.job_title,
            "organisation": organisations[item.organisation],
        },
    )
    if created:
        person.set_unusable_password()
        person.save(update_fields=["password"])
    return person


@transaction.atomic
def load(*, people: dict[str, User]) -> Edition:
    """Create or refresh the 2018 summer university, its sites and themes, and the Rennes challenges."""
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for name, kind, territory in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "territory": territory}
        )
    everyone = dict(people)
    for item in EXTRA_PEOPLE:
        everyone[item.email] = _person(item, organisations)

    edition, _ = Edition.objects.update_or_create(
        title=EDITION_TITLE,
        defaults={
            "organiser": organisations["CNFPT"],
            "starts_on": STARTS_ON,
            "ends_on": ENDS_ON,
            "description": EDITION_DESCRIPTION,
        },
    )
    sites = {}
    for place in SITES:
        sites[place], _ = Site.objects.update_or_create(
            edition=edition, place=place, defaults={"starts_on": STARTS_ON, "ends_on": ENDS_ON}
        )
    rennes = sites["Rennes"]
    rennes.facilitators.add(everyone[ANIMATEUR])
    themes = []
    for position, (title, description) in enumerate(THEMES, start=1):
        theme, _ = Theme.objects.update_or_create(
            edition=edition, title=title, defaults={"description": description, "position": position}
        )
        themes.append(theme)

    facilitator = everyone[ANIMATEUR]
    for item in RENNES_CHALLENGES:
        challenge, _ = Challenge.objects.update_or_create(
            site=rennes,
            number=item.number,
            defaults={
                "question": item.question,
                "subject": item.subject,
                "organisation": organisations[item.organisation],
                "theme": themes[item.theme],
                "territory": item.territory,
                "territory_communes": item.communes,
                "territory_inhabitants": item.inhabitants,
                "stakes": item.stakes,
                "stakeholders": item.stakeholders,
                "users": item.users,
                "obstacles": item.obstacles,
                "levers": item.levers,
                "status": item.status,
                "phase": item.phase,
            },
        )
        for email, role in item.team:
            person = everyone[email]
            TeamMembership.objects.update_or_create(
                challenge=challenge, person=person, defaults={"role": role, "job_title": person.job_title}
            )
        reached = PHASE_ORDER[: PHASE_ORDER.index(item.phase) + 1]
        for phase in reached:
            text = item.phase_texts.get(phase, "")
            if not text:
                continue
            learnings = (
                "Les usagers comprennent le service quand on le leur montre ; l'écrit seul ne suffit pas."
                if phase == Challenge.Phase.TEST
                else ""
            )
            PhaseContent.objects.update_or_create(
                challenge=challenge,
                phase=phase,
                defaults={"text": text, "learnings": learnings, "updated_by": facilitator},
            )
        questions = [previous for previous, _reason in item.reformulations] + [item.question]
        for index, (previous, reason) in enumerate(item.reformulations):
            QuestionReformulation.objects.get_or_create(
                challenge=challenge,
                previous_question=previous,
                new_question=questions[index + 1],
                defaults={"reason": reason, "author": facilitator},
            )
    return edition
