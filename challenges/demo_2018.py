"""What the demo tells: the CNFPT's 2018 summer university and the fourteen challenges of its Rennes site.

The facts come from the account of the Rennes site published after the event: the edition, its
six sites and four themes, and for each challenge its number, its working question (as the
challenge itself worded it), its organisation, its territory and figures, and, where the account
gives them, its stakes, stakeholders, users, obstacles and levers, written here in our own words.
The account names no theme per challenge: each is filed under the theme that fits it best.

Everything else is the demo's story, and fictional: the people, the teams, what each phase
produced and the reformulation of challenge 3's question.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from challenges.models import Challenge, TeamMembership

EDITION_TITLE = "3e université d'été de l'innovation publique territoriale"
EDITION_ORGANISER = "CNFPT"
EDITION_DESCRIPTION = (
    "Trois jours organisés par le CNFPT, du 9 au 11 juillet 2018, sur six sites à la fois. "
    "Sur chaque site, des équipes d’agents territoriaux prennent un **défi réel** apporté par une "
    "collectivité : elles explorent des pistes, en retiennent une qui répond à l’attente du porteur, "
    "la prototypent, puis la mettent à l’épreuve dans une exposition que parcourent tous les "
    "participants. Environ un millier de personnes y ont pris part."
)
STARTS_ON = datetime.date(2018, 7, 9)
ENDS_ON = datetime.date(2018, 7, 11)

RENNES = "Rennes"
RENNES_DESCRIPTION = (
    "Environ 200 participants, venus des collectivités territoriales de Bretagne, des Pays de la Loire, "
    "du Centre-Val de Loire et d’ailleurs, réunis à la Maison des associations : 14 équipes pour "
    "14 défis, deux conférences d’ouverture, des mini-conférences et un retour collectif sur la démarche."
)
SITES: tuple[tuple[str, str], ...] = (
    (RENNES, RENNES_DESCRIPTION),
    ("Aix-en-Provence", ""),
    ("Cluny", ""),
    ("La Réunion", ""),
    ("Martinique", ""),
    ("Strasbourg", ""),
)

# The four themes, titled as the CNFPT named them; the descriptions are ours.
SERVICES, LEVERS, TRAINING, TERRITORIES = 1, 2, 3, 4
THEMES: tuple[tuple[str, str], ...] = (
    (
        "Co-développer des services publics innovants",
        "Imaginer un service avec celles et ceux qui l’utilisent et les agents qui le rendent.",
    ),
    (
        "Mobiliser les leviers de l’innovation (managériale, technologique, de politiques publiques et sociale)",
        "Ce qui rend l’innovation possible : le management, la technique, les politiques publiques, le lien social.",
    ),
    (
        "Concevoir des formations pour des acteurs et actrices de l’innovation",
        "Outiller et accompagner les agents qui expérimentent, tout au long de leur parcours.",
    ),
    (
        "Développer des dynamiques territoriales par de nouvelles formes de gouvernance et la force de la e-démocratie",
        "Faire coopérer les acteurs d’un territoire et donner aux habitants une place dans les décisions.",
    ),
)

# The demo logins who play a part in the story (innovation/demo.py).
STAFF = "staff@demo.defis.fr"
FACILITATOR = "animateur@demo.defis.fr"
OWNER = "porteur@demo.defis.fr"
CONTRIBUTOR = "contributeur@demo.defis.fr"


@dataclass(frozen=True)
class DemoPerson:
    """A fictional team member (not a documented login)."""

    email: str
    display_name: str
    job_title: str
    organisation: str


TEAM_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        "gaelle.lefloch@demo.defis.fr", "Gaëlle Le Floch", "Chargée du patrimoine et du cadre de vie", "Commune d’Etel"
    ),
    DemoPerson(
        "mathieu.rolland@demo.defis.fr",
        "Mathieu Rolland",
        "Chef de projet numérique éducatif",
        "Conseil départemental d’Ille-et-Vilaine (CD 35)",
    ),
    DemoPerson(
        "nolwenn.carre@demo.defis.fr",
        "Nolwenn Carré",
        "Médiatrice numérique",
        "Conseil départemental d’Ille-et-Vilaine (CD 35)",
    ),
    DemoPerson("patrick.herve@demo.defis.fr", "Patrick Hervé", "Responsable du service natation", "Ville de Rennes"),
    DemoPerson(
        "erwan.lemoal@demo.defis.fr", "Erwan Le Moal", "Chargé de mission relation aux usagers", "Dinan Agglomération"
    ),
    DemoPerson("laurence.petit@demo.defis.fr", "Laurence Petit", "Cheffe de projet du sanatorium", "Ville de Dreux"),
    DemoPerson(
        "cecile.bouvier@demo.defis.fr", "Cécile Bouvier", "Directrice des ressources humaines", "Commune de Savenay"
    ),
    DemoPerson(
        "franck.guerin@demo.defis.fr", "Franck Guérin", "Responsable des services techniques", "Commune de Savenay"
    ),
    DemoPerson(
        "stephane.moreau@demo.defis.fr",
        "Stéphane Moreau",
        "Responsable d’une maison des solidarités",
        "Conseil départemental de la Vienne (CD 86)",
    ),
    DemoPerson("isabelle.lefevre@demo.defis.fr", "Isabelle Lefèvre", "Responsable de l’accueil", "Ville du Havre"),
    DemoPerson(
        "vincent.chauvin@demo.defis.fr",
        "Vincent Chauvin",
        "Conseiller carrières et mobilité",
        "Conseil départemental de la Mayenne (CD 53)",
    ),
    DemoPerson(
        "aurelie.gaudin@demo.defis.fr",
        "Aurélie Gaudin",
        "Responsable du service des sports",
        "Commune de Chemillé-en-Anjou",
    ),
    DemoPerson(
        "jerome.bernard@demo.defis.fr",
        "Jérôme Bernard",
        "Chargé de la démocratie participative",
        "Ville de Saint-Nazaire",
    ),
    DemoPerson(
        "helene.riviere@demo.defis.fr",
        "Hélène Rivière",
        "Conseillère parcours professionnels",
        "Région Pays de la Loire",
    ),
    DemoPerson(
        "yannick.josse@demo.defis.fr",
        "Yannick Josse",
        "Responsable de la maison de services au public",
        "De l’Oust à Brocéliande Communauté",
    ),
    DemoPerson("mihaela.dobre@demo.defis.fr", "Mihaela Dobre", "Chargée de la mobilité urbaine", "Ville de Iasi"),
)

Phase = Challenge.Phase
Role = TeamMembership.Role


@dataclass(frozen=True)
class DemoChallenge:
    number: int
    # The working question, as the challenge worded it in 2018. Plain spaces, as the services store
    # a question: challenge_reformulate_question() folds every run of whitespace into one space.
    question: str
    organisation: str
    subject: str
    theme: int  # position in THEMES
    territory: str
    communes: int | None = None
    inhabitants: int | None = None
    figures: tuple[tuple[str, str], ...] = ()  # (label, value)
    stakes: str = ""
    stakeholders: str = ""
    users: str = ""
    obstacles: str = ""
    levers: str = ""
    # The demo's story (fictional): the team, the phase reached, what each phase produced.
    team: tuple[tuple[str, str], ...] = ()  # (e-mail, role)
    phase: str = Phase.IDEATION
    phase_texts: dict[str, str] = field(default_factory=dict)
    learnings: str = ""  # what the test taught
    # (new question, reason), in order, once the phases are written.
    reformulations: tuple[tuple[str, str], ...] = ()

    @property
    def final_question(self) -> str:
        return self.reformulations[-1][0] if self.reformulations else self.question


RENNES_2018: tuple[DemoChallenge, ...] = (
    DemoChallenge(
        number=1,
        question="Comment définir les critères de durabilité d’un projet complexe, en prenant pour étude de cas "
        "la reconversion de la glacière municipale ?",
        organisation="Commune d’Etel",
        subject="Rénovation du patrimoine bâti : la reconversion de la Glacière",
        theme=TERRITORIES,
        territory="Etel (Morbihan)",
        stakes="Se donner des critères pour juger, dans la durée, si la nouvelle vie de la Glacière tient "
        "ses promesses.",
        stakeholders="- L’association Autrefois Etel\n"
        "- La commune et l’intercommunalité\n"
        "- L’État, l’Union européenne et la Région\n"
        "- Les syndicats mixtes de Gâvres-Quiberon et de la ria d’Etel\n"
        "- L’observatoire du plancton",
        obstacles="Les partenaires institutionnels montrent peu d’intérêt pour le projet, voire aucun.",
        levers="Le cap fixé par la municipalité : garder intacts le milieu naturel et le caractère du lieu, "
        "tout en y faisant place à l’innovation.",
        team=(("gaelle.lefloch@demo.defis.fr", Role.OWNER),),
        phase=Phase.SELECTED_IDEA,
        phase_texts={
            Phase.IDEATION: "- Une grille de critères écrite avec l’association et les syndicats mixtes\n"
            "- Trois familles de critères : milieu naturel, caractère du lieu, innovation\n"
            "- Un comité de suivi ouvert aux partenaires institutionnels",
            Phase.SELECTED_IDEA: "Une grille d’une dizaine de critères, en trois familles, écrite avec les "
            "partenaires : la co-écrire est aussi le moyen de les intéresser au projet.",
        },
    ),
    DemoChallenge(
        number=2,
        question="Comment s’organiser pour proposer aux collèges un lab itinérant simple à mobiliser, lisible "
        "et valorisant pour tous les acteurs ?",
        organisation="Conseil départemental d’Ille-et-Vilaine (CD 35)",
        subject="Un laboratoire numérique itinérant pour les collèges",
        theme=SERVICES,
        territory="Département d’Ille-et-Vilaine",
        figures=(("Collèges", "104"), ("Part de collèges publics", "57 %"), ("Collégiens", "54 500")),
        stakes="Faire vivre le plan numérique éducatif que le Département a construit avec ses partenaires "
        "en 2016, et ses deux objectifs :\n"
        "- aider les équipes des collèges à se saisir du numérique, en réduisant les inégalités ;\n"
        "- former des collégiens qui font du numérique un usage citoyen et réfléchi.",
        users="Les équipes éducatives des collèges et leurs élèves.",
        obstacles="- Des moyens comptés\n"
        "- Des critères de priorité encore à fixer\n"
        "- Trouver sa place dans les programmes et les emplois du temps des collèges\n"
        "- Des collèges très différents, par leur pratique du numérique comme par leur habitude "
        "d’accueillir des intervenants extérieurs",
        levers="- Des élus et une équipe très engagés\n"
        "- Un Département qui veut conduire un projet avec les collèges plutôt que leur vendre une "
        "prestation\n"
        "- Une première phase déjà lancée (années 2016-2017 et 2017-2018)\n"
        "- Un écosystème à mobiliser : associations, fablabs, médiathèques…\n"
        "- Des interventions gratuites pour les collèges\n"
        "- L’émulation entre collèges et l’envie d’éduquer au numérique",
        team=(
            ("mathieu.rolland@demo.defis.fr", Role.OWNER),
            ("nolwenn.carre@demo.defis.fr", Role.CONTRIBUTOR),
        ),
        phase=Phase.PROTOTYPE,
        phase_texts={
            Phase.IDEATION: "- Un catalogue d’ateliers que chaque collège réserve lui-même\n"
            "- Des intervenants venus des fablabs et des médiathèques du territoire\n"
            "- Un référent numérique dans chaque collège",
            Phase.SELECTED_IDEA: "Un catalogue d’ateliers construit avec l’écosystème local, que chaque "
            "collège réserve selon des critères de priorité publiés à l’avance.",
            Phase.PROTOTYPE: "Maquette papier du catalogue et du formulaire de réservation, avec trois ateliers types.",
        },
    ),
    DemoChallenge(
        number=3,
        question="Comment améliorer et simplifier les inscriptions des enfants aux écoles municipales de "
        "natation pour les citoyens et les agents ?",
        organisation="Ville de Rennes",
        subject="Les inscriptions aux cours de l’école municipale de natation",
        theme=SERVICES,
        territory="Rennes",
        figures=(("Piscines du service natation", "4"),),
        stakes="- Rendre l’inscription à l’école de natation (hors cours d’éveil) plus simple pour les familles.\n"
        "- Rendre les journées d’inscription moins éprouvantes pour les équipes qui les tiennent.",
        stakeholders="L’équipe du service natation, répartie entre les 4 piscines de la ville.",
        users="Les parents qui veulent inscrire leurs enfants à l’école municipale de natation, et ces enfants.",
        obstacles="- La règle du « premier arrivé, premier servi »\n"
        "- Les mêmes informations saisies plusieurs fois\n"
        "- Peu de visibilité sur les places\n"
        "- Pas de paiement en ligne\n"
        "- Des demandes souvent complexes\n"
        "- Une lourde charge de travail pour la personne en caisse",
        levers="- Tous les créneaux ne sont pas pleins\n- Le portail « familles » existe déjà",
        team=(
            (OWNER, Role.OWNER),
            ("patrick.herve@demo.defis.fr", Role.OWNER),
            (CONTRIBUTOR, Role.CONTRIBUTOR),
            (FACILITATOR, Role.FACILITATOR),
        ),
        phase=Phase.DEBRIEF,
        phase_texts={
            Phase.IDEATION: "- Une pré-inscription en ligne sur le portail « familles »\n"
            "- Les places attribuées par tirage au sort plutôt qu’à l’ordre d’arrivée\n"
            "- Le paiement en ligne\n"
            "- Les créneaux encore libres affichés dans chaque piscine",
            Phase.SELECTED_IDEA: "Une pré-inscription sur le portail « familles » : la famille choisit parmi "
            "les créneaux encore libres et paie en ligne ; l’accueil sur place reste ouvert à celles qui en "
            "ont besoin.",
            Phase.PROTOTYPE: "Le parcours d’inscription dessiné écran par écran sur papier, et une affiche des "
            "créneaux libres de chaque piscine.",
            Phase.TEST: "Le parcours joué pendant l’exposition : des participants dans le rôle des parents, "
            "d’autres dans celui de l’équipe de caisse.",
            Phase.DEBRIEF: "1. La pré-inscription en ligne est validée.\n"
            "2. Le tirage au sort est à retravailler avec les élus.\n"
            "3. L’équipe propose de l’essayer dans une piscine à la rentrée suivante.",
        },
        learnings="Les familles veulent savoir tout de suite s’il reste une place ; l’équipe de caisse veut ne "
        "plus saisir deux fois la même information.",
        reformulations=(
            (
                "Comment permettre aux familles d’inscrire leurs enfants à l’école municipale de natation "
                "depuis le portail « familles », sans file d’attente, tout en allégeant les journées "
                "d’inscription des agents ?",
                "Le test a montré que l’attente sur place pèse autant sur les familles que sur l’équipe de "
                "caisse, et l’équipe a retenu le portail « familles » : la question le dit désormais.",
            ),
        ),
    ),
    DemoChallenge(
        number=4,
        question="Comment faciliter et mutualiser l’accès aux services publics de l’agglomération de Dinan ?",
        organisation="Dinan Agglomération",
        subject="« Dans ma poche » : les services de l’agglomération à portée de main",
        theme=SERVICES,
        territory="Agglomération de Dinan (Côtes-d’Armor)",
        communes=64,
        inhabitants=98_000,
        stakes="- Replacer l’usager au centre du service public\n"
        "- Rendre l’accès aux services plus simple\n"
        "- Partager des services entre communes\n"
        "- Offrir partout sur le territoire le même accès aux services de l’agglomération",
        obstacles="- Des compétences qui ne seront votées que le 16 juillet 2018\n"
        "- Un mandat de transition\n"
        "- Aucun diagnostic des besoins des usagers\n"
        "- Peu de travail commun entre services, voire aucun",
        levers="- Un budget\n"
        "- Un président qui connaît bien les technologies\n"
        "- Un diagnostic culturel et économique mené régulièrement\n"
        "- Des agents spécialisés\n"
        "- Un partenariat avec le Département\n"
        "- Une ambition locale et une démarche politique interne",
        team=(("erwan.lemoal@demo.defis.fr", Role.OWNER), (FACILITATOR, Role.FACILITATOR)),
        phase=Phase.TEST,
        phase_texts={
            Phase.IDEATION: "- Une application qui rassemble les services de l’agglomération\n"
            "- Des points d’accueil partagés entre communes\n"
            "- Une enquête sur les besoins des usagers avant de choisir",
            Phase.SELECTED_IDEA: "« Dans ma poche » : une seule porte d’entrée vers les services de "
            "l’agglomération, sur le téléphone et au guichet de chaque mairie.",
            Phase.PROTOTYPE: "Les écrans d’accueil de l’application dessinés sur papier, et la fiche du point "
            "d’accueil en mairie.",
            Phase.TEST: "Présenté à une quinzaine de visiteurs de l’exposition.",
        },
        learnings="Les visiteurs cherchent d’abord les horaires et les démarches ; ils veulent aussi pouvoir "
        "joindre une personne.",
    ),
    DemoChallenge(
        number=5,
        question="Comment accompagner méthodiquement et en co-construction avec les usagers, le sanatorium 2.0 "
        "de la ville de Dreux ?",
        organisation="Ville de Dreux",
        subject="Le sanatorium 2.0",
        theme=TERRITORIES,
        territory="Dreux (Eure-et-Loir)",
        team=(("laurence.petit@demo.defis.fr", Role.OWNER),),
        phase_texts={
            Phase.IDEATION: "- Des ateliers avec les futurs usagers du lieu\n"
            "- Une maison du projet ouverte pendant les travaux\n"
            "- Un carnet de bord public du projet",
        },
    ),
    DemoChallenge(
        number=6,
        question="Comment pérennisser une dynamique d’investissement souple et autonome des agents au profit du "
        "collectif de travail ?",
        organisation="Commune de Savenay",
        subject="Les agents au cœur d’un collectif de travail",
        theme=LEVERS,
        territory="Savenay et la région nantaise (Loire-Atlantique)",
        figures=(("Habitants", "plus de 8 000"),),
        stakes="- Faire reculer l’absentéisme\n"
        "- Rendre chaque agent acteur de son propre bien-être\n"
        "- Souder le collectif de travail",
        users="Les agents, selon leur posture face à la démarche : engagés et moteurs, volontaires, en retrait, "
        "réticents ; et l’équipe d’encadrement.",
        obstacles="- Le départ de la personne qui pilotait la démarche\n"
        "- L’organisation du temps de travail, qui doit garantir la continuité du service (celle des ATSEM, "
        "par exemple)",
        levers="- Une équipe de direction soudée autour du projet\n- Une collectivité à taille humaine",
        team=(("cecile.bouvier@demo.defis.fr", Role.OWNER), ("franck.guerin@demo.defis.fr", Role.CONTRIBUTOR)),
        phase=Phase.DEBRIEF,
        phase_texts={
            Phase.IDEATION: "- Un temps d’échange mensuel entre agents\n"
            "- Des binômes pour prendre le relais de la personne qui pilotait\n"
            "- Des actions choisies par les agents eux-mêmes",
            Phase.SELECTED_IDEA: "Un collectif d’agents volontaires, animé en binômes, qui propose et porte des "
            "actions pour le bien-être au travail.",
            Phase.PROTOTYPE: "La charte du collectif et le calendrier de ses rencontres sur une année.",
            Phase.TEST: "La charte relue par des participants qui jouent chacune des postures d’agents.",
            Phase.DEBRIEF: "1. Le collectif est validé par l’équipe de direction.\n"
            "2. Ses rencontres auront lieu sur le temps de travail, par roulement, pour ne pas interrompre "
            "le service.\n"
            "3. Un binôme reprend le pilotage avant le départ de l’actuel pilote.",
        },
        learnings="Les agents en retrait ne viendront qu’à des rencontres courtes, prises sur le temps de travail.",
    ),
    DemoChallenge(
        number=7,
        question="Comment associe-t-on les agents à l’évolution de l’accueil ?",
        organisation="Conseil départemental de la Vienne (CD 86)",
        subject="L’accueil de la Maison des solidarités",
        theme=LEVERS,
        territory="Département de la Vienne",
        team=(("stephane.moreau@demo.defis.fr", Role.OWNER), (CONTRIBUTOR, Role.CONTRIBUTOR)),
        phase=Phase.SELECTED_IDEA,
        phase_texts={
            Phase.IDEATION: "- Des ateliers d’agents sur l’accueil de demain\n"
            "- Des visites d’autres accueils\n"
            "- Une boîte à idées qui répond à chaque idée",
            Phase.SELECTED_IDEA: "Des ateliers réguliers où les agents d’accueil dessinent eux-mêmes les "
            "évolutions de la Maison des solidarités.",
        },
    ),
    DemoChallenge(
        number=8,
        question="Comment créer un accueil commun et performant pour tous en fédérant tous les acteurs ?",
        organisation="Ville du Havre",
        subject="L’accueil à la mairie",
        theme=SERVICES,
        territory="Le Havre (Seine-Maritime)",
        team=(("isabelle.lefevre@demo.defis.fr", Role.OWNER),),
        phase=Phase.PROTOTYPE,
        phase_texts={
            Phase.IDEATION: "- Un accueil unique pour tous les services\n"
            "- Un agent d’orientation dès l’entrée\n"
            "- Une signalétique commune",
            Phase.SELECTED_IDEA: "Un point d’accueil commun à l’entrée de la mairie, tenu à tour de rôle par les "
            "services.",
            Phase.PROTOTYPE: "Le plan de l’accueil et la fiche de rôle de l’agent d’orientation, joués en jeu de rôle.",
        },
    ),
    DemoChallenge(
        number=9,
        question="Comment mieux communiquer sur le dispositif de Mentorat destiné au manager ?",
        organisation="Conseil départemental de la Mayenne (CD 53)",
        subject="Le mentorat des managers",
        theme=TRAINING,
        territory="Département de la Mayenne",
        team=(("vincent.chauvin@demo.defis.fr", Role.OWNER),),
        phase_texts={
            Phase.IDEATION: "- Des témoignages de binômes mentor et mentoré\n"
            "- Une présentation dans les réunions d’encadrement\n"
            "- Une page dédiée sur l’intranet",
        },
    ),
    DemoChallenge(
        number=10,
        question="Comment co-construire avec les différentes parties prenantes une méthode pour co-concevoir "
        "cette nouvelle politique sportive ?",
        organisation="Commune de Chemillé-en-Anjou",
        subject="Une nouvelle politique sportive",
        theme=TERRITORIES,
        territory="Chemillé-en-Anjou (Maine-et-Loire)",
        team=(("aurelie.gaudin@demo.defis.fr", Role.OWNER),),
        phase=Phase.TEST,
        phase_texts={
            Phase.IDEATION: "- Un diagnostic partagé avec les clubs\n"
            "- Des ateliers ouverts aux habitants\n"
            "- Un comité de pilotage où siègent élus, clubs et habitants",
            Phase.SELECTED_IDEA: "Une méthode en trois temps : un diagnostic partagé avec les clubs, des ateliers "
            "ouverts aux habitants, puis un comité mixte qui arbitre.",
            Phase.PROTOTYPE: "La frise de la démarche et la composition du comité mixte.",
            Phase.TEST: "La frise commentée par les visiteurs de l’exposition.",
        },
        learnings="Les visiteurs demandent d’associer aussi les écoles et les associations qui ne sont pas sportives.",
    ),
    DemoChallenge(
        number=11,
        question="Comment les sujets des citoyens remontent jusqu’au coeur du conseil municipal ?",
        organisation="Ville de Saint-Nazaire",
        subject="Des sujets d’habitants jusqu’au conseil municipal",
        theme=TERRITORIES,
        territory="Saint-Nazaire (Loire-Atlantique)",
        stakes="- Mener à son terme la démarche démocratique engagée en 2014 et préparer le mandat suivant\n"
        "- Donner aux citoyens les moyens de porter leurs sujets jusqu’au conseil municipal\n"
        "- Poser des règles de fonctionnement claires",
        users="Les habitants et les usagers, les élus de la municipalité et les agents de la Ville.",
        obstacles="- Ne pas nourrir une opposition de principe ni servir des intérêts particuliers\n"
        "- Que ni les agents ni les habitants ne délaissent le dispositif\n"
        "- Le cap : ne plus avoir besoin d’aucune pétition",
        levers="- Une volonté municipale inscrite dans un programme\n"
        "- L’engagement de créer un dispositif de démocratie participative",
        team=(("jerome.bernard@demo.defis.fr", Role.OWNER),),
        phase=Phase.PROTOTYPE,
        phase_texts={
            Phase.IDEATION: "- Un droit d’interpellation du conseil municipal à partir d’un seuil de soutiens\n"
            "- Un site pour déposer un sujet et le soutenir\n"
            "- Une réponse publique à chaque sujet",
            Phase.SELECTED_IDEA: "Un droit d’interpellation : un sujet soutenu par assez d’habitants est inscrit "
            "à l’ordre du jour du conseil municipal.",
            Phase.PROTOTYPE: "Le parcours d’un sujet, du dépôt en ligne à la réponse du conseil, sur une affiche.",
        },
    ),
    DemoChallenge(
        number=12,
        question="Comment veiller au bon accompagnement des parcours professionnels des agents ?",
        organisation="Région Pays de la Loire",
        subject="Les parcours professionnels des agents",
        theme=TRAINING,
        territory="Pays de la Loire",
        team=(("helene.riviere@demo.defis.fr", Role.OWNER),),
        phase_texts={
            Phase.IDEATION: "- Un entretien de carrière proposé à chaque agent\n"
            "- Une carte des métiers de la Région\n"
            "- Des immersions dans d’autres services",
        },
    ),
    DemoChallenge(
        number=13,
        question="Comment déployer efficacement une aide aux démarches administratives proche de l’usager, sur "
        "un large territoire rural, nouvellement recomposé ?",
        organisation="De l’Oust à Brocéliande Communauté",
        subject="Une aide de proximité aux démarches administratives",
        theme=SERVICES,
        territory="De l’Oust à Brocéliande (Morbihan)",
        communes=26,
        stakes="Apporter une aide aux démarches au plus près des usagers, sur un vaste territoire rural dont "
        "les contours viennent d’être redessinés.",
        stakeholders="- Les personnes qui aident aux démarches administratives\n"
        "- La communauté de communes et ses communes\n"
        "- Leurs partenaires",
        obstacles="- Une volonté politique, mais aucun diagnostic des besoins\n"
        "- Un territoire étendu, regroupé depuis peu, dont les parties se connaissent encore mal",
        levers="- La volonté politique\n- Un service qui existe déjà sur une partie du territoire",
        team=(("yannick.josse@demo.defis.fr", Role.OWNER),),
        phase=Phase.TEST,
        phase_texts={
            Phase.IDEATION: "- Une carte des lieux d’aide qui existent déjà\n"
            "- Un accueil itinérant\n"
            "- Un référent formé dans chaque commune",
            Phase.SELECTED_IDEA: "Un référent formé dans chaque mairie, relayé par un accueil itinérant de la "
            "communauté de communes.",
            Phase.PROTOTYPE: "La fiche de mission du référent et une tournée type de l’accueil itinérant.",
            Phase.TEST: "Présentés aux participants de l’exposition, dont des élus et des agents de communes rurales.",
        },
        learnings="Les communes veulent d’abord connaître les besoins : la démarche commencera par un diagnostic.",
    ),
    DemoChallenge(
        number=14,
        question="Comment convaincre les habitants de renoncer à leur voiture et préférer d’autres modes de "
        "transport pour emmener leurs enfants à l’école ?",
        organisation="Ville de Iasi",
        subject="Aller à l’école sans voiture",
        theme=LEVERS,
        territory="Iasi (Roumanie)",
        team=(("mihaela.dobre@demo.defis.fr", Role.OWNER),),
        phase_texts={
            Phase.IDEATION: "- Des trajets à pied accompagnés par des parents\n"
            "- Des rues fermées aux voitures à l’heure de l’entrée en classe\n"
            "- Un défi entre écoles",
        },
    ),
)


# --- The method's own loop (issue 15) -------------------------------------------------------------------
# From the account: about 200 participants in Rennes; two opening talks, a collective feedback on the
# process, mini-talks, and an exhibition of the prototypes that every participant walked through.
RENNES_PARTICIPANTS = 200
RENNES_PROGRAMME: tuple[tuple[str, str], ...] = (
    ("talk", "Première conférence d’ouverture : l’innovation publique dans les territoires"),
    ("talk", "Seconde conférence d’ouverture : coopérer pour répondre à un défi"),
    ("mini_talk", "Mini-conférences entre deux temps de travail des équipes"),
    ("feedback", "Retour collectif sur la démarche suivie pendant les trois jours"),
    ("exhibition", "Exposition des prototypes, parcourue et testée par tous les participants"),
)
# Which Rennes challenges are about a digital service (the rest are not): a grid trial shows it covered both.
DIGITAL_CHALLENGES = frozenset({2, 3, 4})
# Challenge 2's key ideas, as its ideation phase lists them; the team retained the first two (the demo's story).
CHALLENGE_2_IDEAS: tuple[tuple[str, str], ...] = (
    ("Un catalogue d’ateliers que chaque collège réserve lui-même", "Les collèges choisissent et réservent en ligne."),
    ("Des intervenants venus des fablabs et des médiathèques", "L’écosystème local anime les ateliers."),
    ("Un référent numérique dans chaque collège", "Une personne relais, connue des intervenants."),
)
CHALLENGE_2_RETAINED = 2
