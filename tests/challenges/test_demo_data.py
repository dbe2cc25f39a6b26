"""The challenges demo data: the 2018 summer university and the fourteen real challenges of its Rennes site.

The facts (numbers, working questions, organisations, territories and figures, the edition's
themes) are those of the published account of the Rennes site; the people are fictional, and
every write went through the services, so the history and the audit trail are real.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from challenges import demo
from challenges.models import (
    AuditEntry,
    Challenge,
    Edition,
    PhaseContent,
    QuestionReformulation,
    Site,
    TeamMembership,
    Theme,
)
from challenges.models.challenges import PHASE_ORDER
from challenges.services import challenges as challenge_services
from challenges.services import teams as team_services
from innovation.demo import DEMO_PASSWORD, load_people
from innovation.models import Delivery, Invitation, Notification, Organisation, User

pytestmark = pytest.mark.django_db

MODELS = (
    Edition,
    Site,
    Theme,
    Challenge,
    TeamMembership,
    PhaseContent,
    QuestionReformulation,
    AuditEntry,
    User,
    Organisation,
    Notification,
    Invitation,
)

# number: (organisation, kind, working question as the challenge worded it in 2018)
RENNES_2018 = {
    1: (
        "Commune d’Etel",
        "commune",
        "Comment définir les critères de durabilité d’un projet complexe, en prenant pour étude de cas la "
        "reconversion de la glacière municipale ?",
    ),
    2: (
        "Conseil départemental d’Ille-et-Vilaine (CD 35)",
        "departement",
        "Comment s’organiser pour proposer aux collèges un lab itinérant simple à mobiliser, lisible et "
        "valorisant pour tous les acteurs ?",
    ),
    3: (
        "Ville de Rennes",
        "commune",
        "Comment améliorer et simplifier les inscriptions des enfants aux écoles municipales de natation pour "
        "les citoyens et les agents ?",
    ),
    4: (
        "Dinan Agglomération",
        "epci",
        "Comment faciliter et mutualiser l’accès aux services publics de l’agglomération de Dinan ?",
    ),
    5: (
        "Ville de Dreux",
        "commune",
        "Comment accompagner méthodiquement et en co-construction avec les usagers, le sanatorium 2.0 de la "
        "ville de Dreux ?",
    ),
    6: (
        "Commune de Savenay",
        "commune",
        "Comment pérennisser une dynamique d’investissement souple et autonome des agents au profit du "
        "collectif de travail ?",
    ),
    7: (
        "Conseil départemental de la Vienne (CD 86)",
        "departement",
        "Comment associe-t-on les agents à l’évolution de l’accueil ?",
    ),
    8: (
        "Ville du Havre",
        "commune",
        "Comment créer un accueil commun et performant pour tous en fédérant tous les acteurs ?",
    ),
    9: (
        "Conseil départemental de la Mayenne (CD 53)",
        "departement",
        "Comment mieux communiquer sur le dispositif de Mentorat destiné au manager ?",
    ),
    10: (
        "Commune de Chemillé-en-Anjou",
        "commune",
        "Comment co-construire avec les différentes parties prenantes une méthode pour co-concevoir cette "
        "nouvelle politique sportive ?",
    ),
    11: (
        "Ville de Saint-Nazaire",
        "commune",
        "Comment les sujets des citoyens remontent jusqu’au coeur du conseil municipal ?",
    ),
    12: (
        "Région Pays de la Loire",
        "region",
        "Comment veiller au bon accompagnement des parcours professionnels des agents ?",
    ),
    13: (
        "De l’Oust à Brocéliande Communauté",
        "epci",
        "Comment déployer efficacement une aide aux démarches administratives proche de l’usager, sur un large "
        "territoire rural, nouvellement recomposé ?",
    ),
    14: (
        "Ville de Iasi",
        "commune",
        "Comment convaincre les habitants de renoncer à leur voiture et préférer d’autres modes de transport "
        "pour emmener leurs enfants à l’école ?",
    ),
}
THEMES = [
    "Co-développer des services publics innovants",
    "Mobiliser les leviers de l’innovation (managériale, technologique, de politiques publiques et sociale)",
    "Concevoir des formations pour des acteurs et actrices de l’innovation",
    "Développer des dynamiques territoriales par de nouvelles formes de gouvernance et la force de la e-démocratie",
]
# The challenges whose stakes, obstacles and levers the account gives; it names only the others.
DESCRIBED = {1, 2, 3, 4, 6, 11, 13}


def _load() -> None:
    with open("/dev/null", "w") as devnull:
        call_command("load_demo_data", stdout=devnull)


def _rennes() -> dict[int, Challenge]:
    return {
        challenge.number: challenge
        for challenge in Challenge.objects.filter(site__edition__title=demo.EDITION_TITLE, site__place="Rennes")
        .select_related("organisation", "theme")
        .prefetch_related("team__person")
    }


def _state() -> dict[str, object]:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    return {
        **counts,
        "last audit entry": AuditEntry.objects.order_by("-id").values_list("id", flat=True).first(),
        "challenges updated": sorted(Challenge.objects.values_list("number", "updated_at")),
    }


def test_loading_the_demo_twice_changes_nothing_the_second_time():
    _load()
    first = _state()

    _load()

    assert _state() == first
    # Rennes's 14 challenges, and the 15 of the Île-de-France university where the grid was tried (seed 000)
    assert first["Challenge"] == 14 + 15 and first["AuditEntry"] > 14 * 4


def test_a_second_load_of_the_challenges_compares_in_a_few_queries_and_writes_none(django_assert_max_num_queries):
    people = load_people()
    demo.load(people=people)

    # One query per fictional person, then the edition, sites, themes and challenges read in bulk.
    with django_assert_max_num_queries(60) as captured:
        demo.load(people=people)

    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_the_2018_summer_university_has_its_six_sites_and_its_four_themes():
    _load()

    edition = Edition.objects.get(title=demo.EDITION_TITLE)
    assert edition.title == "3e université d'été de l'innovation publique territoriale"
    assert (edition.starts_on.isoformat(), edition.ends_on.isoformat()) == ("2018-07-09", "2018-07-11")
    assert edition.organiser.name == "CNFPT"
    assert sorted(edition.sites.values_list("place", flat=True)) == sorted(
        ["Rennes", "Aix-en-Provence", "Cluny", "La Réunion", "Martinique", "Strasbourg"]
    )
    rennes = edition.sites.get(place="Rennes")
    assert "200" in rennes.description and "Maison des associations" in rennes.description
    assert list(edition.themes.order_by("position").values_list("title", flat=True)) == THEMES


def test_the_rennes_site_holds_the_fourteen_challenges_with_their_numbers_questions_and_organisations():
    _load()

    challenges = _rennes()
    assert sorted(challenges) == list(range(1, 15))
    for number, (organisation, kind, question) in RENNES_2018.items():
        challenge = challenges[number]
        assert (challenge.organisation.name, challenge.organisation.kind) == (organisation, kind), number
        first_question = challenge.reformulations.first().previous_question if number == 3 else challenge.question
        assert first_question == question, number
        assert challenge.status == Challenge.Status.PUBLISHED
        assert challenge.subject and challenge.territory, number
    assert Organisation.objects.get(name="Ville de Iasi").territory == "Roumanie"


def test_each_challenge_has_a_theme_of_the_edition_and_every_theme_is_used():
    _load()

    challenges = _rennes().values()
    edition = Edition.objects.get(title=demo.EDITION_TITLE)
    assert all(challenge.theme.edition_id == edition.pk for challenge in challenges)
    assert {challenge.theme.title for challenge in challenges} == set(THEMES)


def test_the_territories_carry_the_figures_the_account_gives():
    _load()

    challenges = _rennes()
    figures = {number: {f["label"]: f["value"] for f in c.territory_figures} for number, c in challenges.items()}
    assert figures[2] == {"Collèges": "104", "Part de collèges publics": "57\u00a0%", "Collégiens": "54\u00a0500"}
    assert figures[3] == {"Piscines du service natation": "4"}
    assert (challenges[4].territory_communes, challenges[4].territory_inhabitants) == (64, 98_000)
    assert figures[6] == {"Habitants": "plus de 8\u00a0000"}
    assert "région nantaise" in challenges[6].territory
    assert (challenges[13].territory_communes, challenges[13].territory) == (
        26,
        "De l’Oust à Brocéliande (Morbihan)",
    )
    assert challenges[14].territory == "Iasi (Roumanie)"
    without_figures = set(challenges) - {2, 3, 4, 6, 13}
    for number in without_figures:  # the account gives none: the demo invents none
        challenge = challenges[number]
        assert challenge.territory_figures == [], number
        assert challenge.territory_communes is None and challenge.territory_inhabitants is None, number


def test_stakes_obstacles_and_levers_are_filled_only_where_the_account_gives_them():
    _load()

    for number, challenge in _rennes().items():
        described = (challenge.stakes, challenge.obstacles, challenge.levers)
        if number in DESCRIBED:
            assert all(described), number
            assert bool(challenge.stakeholders or challenge.users) == (number != 4), number  # 4 names no one
        else:
            assert described == ("", "", "") and not (challenge.stakeholders or challenge.users), number
    challenges = _rennes()
    assert "«\u00a0premier arrivé, premier servi\u00a0»" in challenges[3].obstacles  # French typography
    assert "portail «\u00a0familles\u00a0»" in challenges[3].levers
    assert "16 juillet 2018" in challenges[4].obstacles
    assert "ATSEM" in challenges[6].obstacles


def test_the_phases_vary_and_each_challenge_shows_what_its_phases_produced():
    _load()

    challenges = _rennes()
    assert {challenge.phase for challenge in challenges.values()} == set(PHASE_ORDER)
    for number, challenge in challenges.items():
        reached = PHASE_ORDER[: PHASE_ORDER.index(challenge.phase) + 1]
        written = set(challenge.phase_contents.exclude(text="").values_list("phase", flat=True))
        assert written == set(reached), number
    test_contents = PhaseContent.objects.filter(challenge__site__place="Rennes", phase=Challenge.Phase.TEST)
    assert test_contents.exists() and not test_contents.filter(learnings="").exists()


def test_challenge_3_shows_its_reformulated_question_and_its_history_says_who_changed_it_when_and_why(client):
    _load()

    challenge = _rennes()[3]
    facilitator = User.objects.get(email="animateur@demo.defis.fr")
    reformulation = QuestionReformulation.objects.get(challenge=challenge)
    assert reformulation.previous_question == RENNES_2018[3][2]
    assert reformulation.new_question == challenge.question != RENNES_2018[3][2]
    assert "portail « familles »" in challenge.question
    assert reformulation.reason and reformulation.author == facilitator
    entry = AuditEntry.objects.get(challenge=challenge, action=AuditEntry.Action.QUESTION_REFORMULATED)
    assert entry.actor == facilitator and entry.created_at is not None
    assert entry.changes == {
        "question": [RENNES_2018[3][2], challenge.question],
        "reason": [None, reformulation.reason],
    }

    client.login(email="porteur@demo.defis.fr", password=DEMO_PASSWORD)
    page = client.get(reverse("challenges:challenge_history", args=[challenge.pk])).content.decode()

    assert "Aucune modification" not in page
    assert "Question reformulée" in page
    assert f"<del>{RENNES_2018[3][2]}</del>" in page
    assert f"<ins>{reformulation.reason}</ins>" in page.replace("&#x27;", "'")


def test_every_challenge_history_tells_how_it_was_built():
    _load()

    actions = {
        number: set(AuditEntry.objects.filter(challenge=challenge).values_list("action", flat=True))
        for number, challenge in _rennes().items()
    }
    for number, done in actions.items():
        assert {"created", "member_added", "published", "phase_content_updated"} <= done, number
    assert "phase_moved" in actions[3] and "phase_moved" not in actions[14]
    assert not AuditEntry.objects.filter(challenge__site__place="Rennes", actor__isnull=True).exists()


def test_the_demo_logins_have_their_roles_and_the_teams_are_fictional_people_of_each_organisation():
    _load()

    challenges = _rennes()
    rennes = Site.objects.get(edition__title=demo.EDITION_TITLE, place="Rennes")
    porteur = User.objects.get(email="porteur@demo.defis.fr")
    assert rennes.facilitators.filter(email="animateur@demo.defis.fr").exists()
    assert porteur.has_perm("challenges.change_challenge", challenges[3])
    assert challenges[3].team.filter(person=porteur, role="owner").exists()
    assert challenges[3].team.filter(person__email="contributeur@demo.defis.fr", role="contributor").exists()
    assert [m.challenge.number for m in porteur.memberships.filter(role="owner")] == [3]
    for number, challenge in challenges.items():
        owners = [m.person for m in challenge.team.all() if m.role == "owner"]
        assert owners, number
        assert all(owner.organisation_id == challenge.organisation_id for owner in owners), number
        for membership in challenge.team.all():
            person = membership.person
            assert person.email.endswith("@demo.defis.fr") and person.job_title and person.organisation_id
            assert membership.job_title == person.job_title


def test_loading_the_demo_e_mails_only_the_documented_logins():
    _load()

    team_people = User.objects.filter(memberships__challenge__site__place="Rennes").exclude(
        email__in=["porteur@demo.defis.fr", "contributeur@demo.defis.fr", "animateur@demo.defis.fr"]
    )
    assert team_people.count() >= 14
    assert not Invitation.objects.exists()
    assert Notification.objects.filter(recipient__in=team_people).exists()  # shown on the site...
    assert not Notification.objects.filter(recipient__in=team_people).exclude(delivery=Delivery.OFF).exists()


def test_an_older_demo_is_brought_back_to_the_story_through_the_services():
    """Given a Rennes site where an older demo left another question, organisation and team member."""
    people = load_people()
    demo.load(people=people)
    facilitator = people["animateur@demo.defis.fr"]
    challenge = _rennes()[5]
    challenge_services.challenge_reformulate_question(
        challenge=challenge, author=facilitator, question="Comment rénover un sanatorium ?", reason="Ancienne démo."
    )
    challenge_services.challenge_update(
        challenge=challenge, actor=facilitator, organisation="Une autre commune", fields={"stakes": "Inventé."}
    )
    team_services.team_member_invite(
        challenge=challenge, invited_by=facilitator, email="testeur@demo.defis.fr", role="contributor"
    )
    challenge_services.challenge_move_phase(challenge=challenge, actor=facilitator, phase="debrief")

    # When the demo is loaded again
    demo.load(people=people)

    # Then the facts are back, and the history says how
    challenge = _rennes()[5]
    assert challenge.question == RENNES_2018[5][2]
    assert (challenge.organisation.name, challenge.stakes, challenge.phase) == ("Ville de Dreux", "", "ideation")
    assert not challenge.team.filter(person__email="testeur@demo.defis.fr").exists()
    latest = challenge.reformulations.last()
    assert (latest.previous_question, latest.reason) == ("Comment rénover un sanatorium ?", demo.QUESTION_RESTORED)
    actions = list(AuditEntry.objects.filter(challenge=challenge).values_list("action", flat=True)[:4])
    assert sorted(actions) == ["member_removed", "phase_moved", "question_reformulated", "updated"]
