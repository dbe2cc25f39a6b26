"""The edition, site and challenge pages make as many queries with few rows as with many."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from challenges.models import Challenge, QuestionReformulation, TeamMembership
from tests.challenges.factories import ChallengeFactory, SiteFactory, ThemeFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers.queries import assert_constant_queries, count_queries, get_ok

pytestmark = pytest.mark.django_db


def _site_with(count: int, facilitator):
    site = SiteFactory(facilitators=[facilitator])
    themes = [ThemeFactory(edition=site.edition) for _ in range(3)]
    organisations = [OrganisationFactory(name=f"Commune {count}-{n}") for n in range(5)]
    Challenge.objects.bulk_create(
        [
            ChallengeFactory.build(
                site=site,
                number=n,
                theme=themes[n % 3],
                organisation=organisations[n % 5],
                status=Challenge.Status.DRAFT if n % 4 == 0 else Challenge.Status.PUBLISHED,
            )
            for n in range(1, count + 1)
        ]
    )
    return site


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("persona", ["anonymous", "facilitator"])
@pytest.mark.parametrize("page", ["edition", "site", "challenge"])
def test_pages_with_10_and_200_challenges(facilitator, persona, page):
    user = facilitator if persona == "facilitator" else None
    logs = []
    for count in (10, 200):
        site = _site_with(count, facilitator)
        url = {
            "edition": reverse("challenges:edition_detail", args=[site.edition.pk]),
            "site": reverse("challenges:site_detail", args=[site.pk]) + "?q=démarche",
            "challenge": reverse("challenges:challenge_detail", args=[site.challenges.get(number=5).pk]),
        }[page]
        client = _client(user)
        get_ok(client, url)()  # warm the session and caches
        logs.append(count_queries(get_ok(client, url)))

    assert_constant_queries(*logs, what=f"{page} page as {persona}")


def _challenge_with(size: int):
    challenge = ChallengeFactory()
    roles = list(TeamMembership.Role.values)
    TeamMembership.objects.bulk_create(
        [
            TeamMembership(challenge=challenge, person=UserFactory(), role=roles[n % 3], job_title="Agent")
            for n in range(size)
        ]
    )
    QuestionReformulation.objects.bulk_create(
        [
            QuestionReformulation(
                challenge=challenge, previous_question=f"Q{n} ?", new_question=f"Q{n + 1} ?", reason="Parce que"
            )
            for n in range(size)
        ]
    )
    for n in range(size):
        challenge.links.create(title=f"Lien {n}", url=f"https://example.org/{n}")
    return challenge


@pytest.mark.parametrize("persona", ["anonymous", "facilitator"])
def test_challenge_page_with_2_and_20_members_and_reformulations(facilitator, persona):
    logs = []
    for size in (2, 20):
        challenge = _challenge_with(size)
        challenge.site.facilitators.add(facilitator)
        client = _client(facilitator if persona == "facilitator" else None)
        url = reverse("challenges:challenge_detail", args=[challenge.pk])
        get_ok(client, url)()
        logs.append(count_queries(get_ok(client, url)))

    assert_constant_queries(*logs, what=f"challenge page as {persona}")


def test_history_and_team_pages_with_few_and_many_rows(facilitator):
    logs = {"history": [], "team": []}
    for size in (2, 20):
        challenge = _challenge_with(size)
        challenge.site.facilitators.add(facilitator)
        from challenges.services import challenges as services

        for n in range(size):
            services.challenge_move_phase(challenge=challenge, actor=facilitator, phase=["prototype", "test"][n % 2])
        client = _client(facilitator)
        for name, url_name in (("history", "challenges:challenge_history"), ("team", "challenges:team_manage")):
            url = reverse(url_name, args=[challenge.pk])
            get_ok(client, url)()
            logs[name].append(count_queries(get_ok(client, url)))

    for name, pair in logs.items():
        assert_constant_queries(*pair, what=f"{name} page")


def test_editions_list_with_few_and_many_editions(facilitator):
    logs = []
    for count in (2, 20):
        for _ in range(count // 2):
            _site_with(3, facilitator)
        client = _client(facilitator)
        url = reverse("challenges:edition_list")
        get_ok(client, url)()
        logs.append(count_queries(get_ok(client, url)))

    assert_constant_queries(*logs, what="editions list")


def test_the_challenge_page_reads_the_viewer_role_from_the_prefetched_team(client, world, owner):
    client.force_login(owner)
    url = reverse("challenges:challenge_detail", args=[world["draft"].pk])
    get_ok(client, url)()

    log = count_queries(get_ok(client, url))

    role_lookups = [sql for sql in log.statements if sql.startswith('SELECT "challenges_teammembership"."role"')]
    assert not role_lookups, log.explain()  # the role comes from the prefetched team
    assert "Modifier la description" in client.get(url).content.decode()  # the owner's permission still holds


def test_facilitator_forms_with_few_and_many_rows(facilitator, settings, tmp_path):
    """Create, edit, phase and question pages: as many queries with 2 as with 20 themes, links, files, members."""
    from challenges.services import challenges as services
    from tests.challenges.helpers import pdf_upload

    settings.MEDIA_ROOT = tmp_path
    pages = ("create", "edit", "phase", "question")
    logs = {page: [] for page in pages}
    for size in (2, 20):
        challenge = _challenge_with(size)
        challenge.site.facilitators.add(facilitator)
        for n in range(size):
            ThemeFactory(edition=challenge.site.edition)
            OrganisationFactory(name=f"Organisation {size}-{n}")
            services.attachment_add(
                challenge=challenge, actor=facilitator, title=f"F{n}", file=pdf_upload(), phase="prototype"
            )
        client = _client(facilitator)
        urls = {
            "create": reverse("challenges:challenge_create", args=[challenge.site.pk]),
            "edit": reverse("challenges:challenge_edit", args=[challenge.pk]),
            "phase": reverse("challenges:phase_content_edit", args=[challenge.pk, "prototype"]),
            "question": reverse("challenges:challenge_reformulate", args=[challenge.pk]),
        }
        for page, url in urls.items():
            get_ok(client, url)()
            logs[page].append(count_queries(get_ok(client, url)))

    for page, pair in logs.items():
        assert_constant_queries(*pair, what=f"{page} page")
