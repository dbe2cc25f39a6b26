"""The reading pages: editions, an edition, a site (filters, search, pagination), a challenge, its history."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from challenges.models import Challenge, PhaseContent
from challenges.services import challenges as services
from challenges.services import teams
from innovation.markdown import markdown_store
from tests.challenges.factories import (
    ChallengeFactory,
    QuestionReformulationFactory,
    SiteFactory,
    TeamMembershipFactory,
    ThemeFactory,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_editions_list_counts_sites_and_the_challenges_one_may_see(client, world):
    response = client.get(reverse("challenges:edition_list"))

    html = response.content.decode()
    assert escape(world["edition"].title) in html
    assert "2 sites" in html
    assert "1 défi" in html  # anonymous people do not count the drafts


def test_the_navigation_links_to_the_challenges_area(client, db):
    response = client.get(reverse("home"))

    assert reverse("challenges:edition_list") in response.content.decode()


def test_edition_page_lists_sites_and_themes_with_counts(client, world, facilitator):
    theme = ThemeFactory(edition=world["edition"], title="Leviers de l’innovation")
    ChallengeFactory(site=world["site"], number=9, theme=theme)
    client.force_login(facilitator)

    response = client.get(reverse("challenges:edition_detail", args=[world["edition"].pk]))

    site_rows = {site.place: site.challenge_count for site in response.context["edition"].site_list}
    assert site_rows == {"Cluny": 0, "Rennes": 3}  # the facilitator sees the drafts of Rennes, not of Cluny
    assert [(t.title, t.challenge_count) for t in response.context["edition"].theme_list] == [
        ("Leviers de l’innovation", 1)
    ]
    assert "Leviers de l’innovation" in response.content.decode()


@pytest.fixture
def site_with_challenges(db):
    site = SiteFactory(place="Rennes")
    theme = ThemeFactory(edition=site.edition, title="Démocratie")
    dinan = OrganisationFactory(name="Dinan Agglomération")
    ChallengeFactory(site=site, number=1, question="Comment inscrire à l’école ?", territory="Brocéliande")
    ChallengeFactory(site=site, number=2, question="Comment consulter ?", theme=theme, organisation=dinan)
    ChallengeFactory(site=site, number=3, question="Comment tester ?", subject="Cantine", phase="prototype")
    ChallengeFactory(site=site, number=4, question="Brouillon caché ?", status=Challenge.Status.DRAFT)
    return {"site": site, "theme": theme, "dinan": dinan}


@pytest.mark.parametrize(
    ("params", "numbers"),
    [
        ({}, [1, 2, 3]),
        ({"theme": "theme"}, [2]),
        ({"phase": "prototype"}, [3]),
        ({"organisation": "dinan"}, [2]),
        ({"q": "cantine"}, [3]),
        ({"q": "brocéliande"}, [1]),
        ({"q": "inscrire école"}, [1]),
        ({"q": "brouillon"}, []),
    ],
)
def test_site_page_filters_and_searches_visible_challenges(client, site_with_challenges, params, numbers):
    query = {
        key: (site_with_challenges[value].pk if value in site_with_challenges else value)
        for key, value in params.items()
    }

    response = client.get(reverse("challenges:site_detail", args=[site_with_challenges["site"].pk]), query)

    assert response.status_code == 200
    assert [row["number"] for row in response.context["page"].object_list] == numbers


def test_site_page_keeps_the_filters_in_the_form(client, site_with_challenges):
    theme = site_with_challenges["theme"]

    response = client.get(
        reverse("challenges:site_detail", args=[site_with_challenges["site"].pk]),
        {"q": "consulter", "theme": theme.pk, "phase": "ideation"},
    )

    html = response.content.decode()
    assert 'value="consulter"' in html
    assert f'<option value="{theme.pk}" selected>' in html
    assert '<option value="ideation" selected>' in html


def test_site_page_ignores_a_bad_filter_instead_of_failing(client, site_with_challenges):
    response = client.get(
        reverse("challenges:site_detail", args=[site_with_challenges["site"].pk]), {"theme": "abc", "page": "x"}
    )

    assert response.status_code == 200
    assert [row["number"] for row in response.context["page"].object_list] == [1, 2, 3]


def test_site_page_paginates(client, db):
    site = SiteFactory()
    Challenge.objects.bulk_create(
        [
            ChallengeFactory.build(site=site, number=n, organisation=OrganisationFactory(name="CD 35"))
            for n in range(1, 46)
        ]
    )

    response = client.get(reverse("challenges:site_detail", args=[site.pk]), {"page": 3, "q": "démarche"})

    assert [row["number"] for row in response.context["page"].object_list] == [41, 42, 43, 44, 45]
    assert "q=d%C3%A9marche&amp;page=2" in response.content.decode()


def test_challenge_page_shows_every_field_team_timeline_and_question_history(
    client, world, facilitator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    challenge = world["challenge"]
    challenge.subject = "Inscriptions scolaires"
    challenge.territory = "Pays de Rennes"
    challenge.territory_communes = 43
    challenge.territory_inhabitants = 450000
    challenge.territory_figures = [{"label": "Écoles publiques", "value": "85"}]
    challenge.stakes = "**Gagner du temps** <script>alert(1)</script>"
    challenge.stakeholders, challenge.users = "Les écoles", "Les familles"
    challenge.obstacles, challenge.levers = "Trois logiciels", "Un portail unique"
    challenge.phase = Challenge.Phase.TEST
    markdown_store(challenge, *services.CHALLENGE_MARKDOWN)  # what the services do in the same write
    challenge.save()
    challenge.links.create(title="Article de blog", url="https://example.org/blog")
    content = PhaseContent(challenge=challenge, phase="test", text="Au guichet", learnings="Trop de pièces")
    markdown_store(content, *services.PHASE_MARKDOWN)
    content.save()
    QuestionReformulationFactory(
        challenge=challenge,
        previous_question="Comment faire ?",
        new_question="Comment mieux faire ?",
        reason="Trop vague",
    )
    services.attachment_add(
        challenge=challenge, actor=facilitator, title="Photo du prototype", file=_pdf(), phase="prototype"
    )

    response = client.get(reverse("challenges:challenge_detail", args=[challenge.pk]))

    html = response.content.decode()
    for text in [
        "Inscriptions scolaires", "Pays de Rennes", "43", "450\u00a0000", "Écoles publiques", "85",
        "<strong>Gagner du temps</strong>", "Les écoles", "Les familles", "Trois logiciels", "Un portail unique",
        "Article de blog", "Au guichet", "Trop de pièces", "Photo du prototype",
        "<del>Comment faire ?</del>", "<ins>Comment mieux faire ?</ins>", "Trop vague",
        "Sophie (owner)", "Porteur·se du défi", "Karim (contributor)", "Contributeur",
    ]:  # fmt: skip
        assert text in html, text
    assert "<script>alert(1)</script>" not in html
    states = [(step.phase, step.state) for step in response.context["content"].timeline]
    assert states == [
        ("ideation", "done"), ("selected_idea", "done"), ("prototype", "done"), ("test", "current"),
        ("debrief", "upcoming"),
    ]  # fmt: skip
    assert "Modifier la description" not in html  # anonymous people only read


def _pdf():
    from tests.challenges.helpers import pdf_upload

    return pdf_upload()


def test_the_facilitator_sees_the_actions(client, world, facilitator):
    client.force_login(facilitator)

    html = client.get(reverse("challenges:challenge_detail", args=[world["draft"].pk])).content.decode()

    for action in ["Modifier la description", "Gérer l’équipe", "Reformuler la question", "Publier", "Historique"]:
        assert action in html, action


def test_a_contributor_sees_no_facilitator_action(client, world, contributor):
    client.force_login(contributor)

    html = client.get(reverse("challenges:challenge_detail", args=[world["challenge"].pk])).content.decode()

    assert "Gérer l’équipe" not in html and "Reformuler la question" not in html
    assert "Historique des modifications" in html


def test_history_page_shows_who_changed_what_and_when(client, world, facilitator):
    challenge = world["challenge"]
    services.challenge_move_phase(challenge=challenge, actor=facilitator, phase="prototype")
    teams.team_member_invite(challenge=challenge, invited_by=facilitator, email="lea@example.org", role="contributor")
    client.force_login(world["challenge"].team.get(role="owner").person)

    response = client.get(reverse("challenges:challenge_history", args=[challenge.pk]))

    html = response.content.decode()
    assert "Phase modifiée" in html and "<del>Idéation</del>" in html and "<ins>Prototype</ins>" in html
    assert "Membre ajouté à l’équipe" in html and "Invité·e (en attente)" in html
    assert "lea@example.org" not in html  # an address is for staff and the person only (issue 10)
    assert html.count("Yann (facilitator)") >= 2


def test_publishing_from_the_page_makes_the_draft_public(client, world, facilitator):
    client.force_login(facilitator)

    client.post(reverse("challenges:challenge_status", args=[world["draft"].pk]), {"status": "published"})

    client.logout()
    assert client.get(reverse("challenges:challenge_detail", args=[world["draft"].pk])).status_code == 200


def test_removing_a_member_from_the_team_page(client, world, facilitator):
    member = TeamMembershipFactory(challenge=world["challenge"])
    client.force_login(facilitator)

    response = client.post(reverse("challenges:team_member_remove", args=[world["challenge"].pk, member.pk]))

    assert response.status_code == 302
    assert not world["challenge"].team.filter(pk=member.pk).exists()


def test_removing_a_member_of_another_challenge_is_404(client, world, facilitator):
    member = TeamMembershipFactory(challenge=world["draft"])
    client.force_login(facilitator)

    response = client.post(reverse("challenges:team_member_remove", args=[world["challenge"].pk, member.pk]))

    assert response.status_code == 404
    assert world["draft"].team.filter(pk=member.pk).exists()


def test_site_page_past_the_last_page_shows_the_last_page_with_the_count(client, db):
    site = SiteFactory()
    Challenge.objects.bulk_create(
        [ChallengeFactory.build(site=site, number=n, organisation=OrganisationFactory()) for n in range(1, 46)]
    )

    response = client.get(reverse("challenges:site_detail", args=[site.pk]), {"page": 99})

    page = response.context["page"]
    assert [row["number"] for row in page.object_list] == [41, 42, 43, 44, 45]
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (3, 45, 3)
    assert "45 défis" in response.content.decode()


def test_site_page_rows_link_to_their_challenge_and_mark_the_drafts(client, world, facilitator):
    client.force_login(facilitator)

    response = client.get(reverse("challenges:site_detail", args=[world["site"].pk]))

    html = response.content.decode()
    rows = {row["number"]: row for row in response.context["page"].object_list}
    assert rows[2]["url"] == reverse("challenges:challenge_detail", args=[world["draft"].pk])
    assert f'<a href="{rows[2]["url"]}">Défi 2\u00a0: {escape(world["draft"].question)}</a>' in html
    assert (rows[1]["draft"], rows[2]["draft"]) == (False, True)
    assert html.count("Brouillon</span>") == 1
    assert escape(world["challenge"].organisation.name) in html


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "owner", "facilitator", "staff", "elsewhere"])
def test_site_page_lists_what_the_visibility_rule_allows_each_person(client, world, persona, request):
    """The site page's own query (told whether the person facilitates the site) agrees with challenges_visible_to."""
    from challenges.selectors.challenges import challenges_visible_to
    from tests.factories import UserFactory

    ChallengeFactory(site=world["site"], number=3, status=Challenge.Status.DRAFT)  # nobody's team's
    if persona == "elsewhere":  # facilitates another site only
        person = UserFactory()
        world["other_site"].facilitators.add(person)
    elif persona != "anonymous":
        person = request.getfixturevalue(persona)
    if persona == "anonymous":
        from django.contrib.auth.models import AnonymousUser

        person = AnonymousUser()
    else:
        client.force_login(person)

    response = client.get(reverse("challenges:site_detail", args=[world["site"].pk]))

    listed = [row["pk"] for row in response.context["page"].object_list]
    expected = challenges_visible_to(user=person).filter(site=world["site"]).order_by("number")
    assert listed == list(expected.values_list("pk", flat=True))


def test_site_page_asks_nothing_about_the_facilitators_of_who_facilitates_no_site(client, world, owner):
    from tests.helpers.queries import count_queries, get_ok

    client.force_login(owner)
    url = reverse("challenges:site_detail", args=[world["site"].pk])

    log = count_queries(get_ok(client, url))

    assert not any("challenges_site_facilitators" in sql for sql in log.statements[1:])  # after the person's
    assert [row["number"] for row in client.get(url).context["page"].object_list] == [1, 2]  # their draft too


def test_site_page_escapes_what_its_lines_and_filters_show(client, db):
    site = SiteFactory()
    theme = ThemeFactory(edition=site.edition, title="<i>Thème</i>")
    organisation = OrganisationFactory(name='Ville "A" & <b>B</b>')
    ChallengeFactory(
        site=site,
        number=1,
        question="Comment <script>x</script> ?",
        theme=theme,
        organisation=organisation,
        territory="A & B",
    )

    html = client.get(reverse("challenges:site_detail", args=[site.pk]), {"theme": theme.pk}).content.decode()

    assert "<script>x" not in html and "<b>B" not in html and "<i>Thème" not in html
    assert "Comment &lt;script&gt;x&lt;/script&gt; ?" in html
    assert f"{escape(organisation.name)} · A &amp; B · &lt;i&gt;Thème&lt;/i&gt; · " in html
    assert f'<option value="{theme.pk}" selected>&lt;i&gt;Thème&lt;/i&gt;</option>' in html
    assert f'<option value="{organisation.pk}">{escape(organisation.name)}</option>' in html
