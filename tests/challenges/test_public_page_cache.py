"""Anonymous visitors get the site and challenge pages from a cache that every write path renews at once.

Given anonymous pages already cached, when a service (or an admin edit) changes what they show,
then the next anonymous request shows the change; drafts never reach an anonymous visitor.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse

from challenges.models import Challenge, TeamMembership
from challenges.services import challenges as services
from challenges.services import editions, imports, teams
from challenges.services.cache import site_cached
from innovation.models import Organisation
from tests.challenges.factories import ChallengeFactory, SiteFactory, ThemeFactory
from tests.challenges.import_files import challenge_row, csv_bytes
from tests.factories import UserFactory
from tests.helpers.queries import count_queries, get_ok

pytestmark = pytest.mark.django_db

# A cache hit costs no query on the site page, and one on the challenge page: the challenge's visibility
# (published or not) and site, checked on every request.
SITE_PAGE_HIT_QUERIES = 0
CHALLENGE_PAGE_HIT_QUERIES = 1


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the services' after-commit callbacks, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def data(facilitator):
    site = SiteFactory(place="Rennes", facilitators=[facilitator])
    published = ChallengeFactory(site=site, number=1, question="Comment accueillir les usagers ?")
    draft = ChallengeFactory(site=site, number=2, question="Comment garder un secret ?", status=Challenge.Status.DRAFT)
    return {"site": site, "published": published, "draft": draft, "facilitator": facilitator}


def _site_url(site, query: str = "") -> str:
    return reverse("challenges:site_detail", args=[site.pk]) + query


def _challenge_url(challenge) -> str:
    return reverse("challenges:challenge_detail", args=[challenge.pk])


def _text(client: Client, url: str) -> str:
    return get_ok(client, url)().content.decode()


def _main(html: str) -> str:
    """The page's ``<main>``: what the cache holds (the layout around it is rendered per request)."""
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def _warm(client: Client, *urls: str) -> None:
    for url in urls:
        _text(client, url)


def test_a_cache_hit_makes_no_query_on_the_site_page_and_one_on_the_challenge_page(data):
    client = Client()
    site_url, challenge_url = _site_url(data["site"]), _challenge_url(data["published"])
    _warm(client, site_url, challenge_url)

    site_hit = count_queries(get_ok(client, site_url))
    challenge_hit = count_queries(get_ok(client, challenge_url))

    assert site_hit.count == SITE_PAGE_HIT_QUERIES, site_hit.explain()
    assert challenge_hit.count == CHALLENGE_PAGE_HIT_QUERIES, challenge_hit.explain()


def test_a_miss_renders_the_page_and_the_hit_gives_the_same_html(data):
    client = Client()
    url = _site_url(data["site"])

    first, second = _text(client, url), _text(client, url)

    assert "Comment accueillir les usagers ?" in first
    assert _main(first) == _main(second)


def test_drafts_never_reach_an_anonymous_visitor_through_the_cache(data):
    anonymous, facilitator = Client(), Client()
    facilitator.force_login(data["facilitator"])
    # The facilitator's pages (with the draft) are rendered first: they are not shared.
    assert "Comment garder un secret ?" in _text(facilitator, _site_url(data["site"]))
    _text(facilitator, _challenge_url(data["draft"]))

    assert "Comment garder un secret ?" not in _text(anonymous, _site_url(data["site"]))
    assert anonymous.get(_challenge_url(data["draft"])).status_code == 404
    # And the anonymous cached page is not served to the facilitator.
    assert "Comment garder un secret ?" in _text(facilitator, _site_url(data["site"]))


def test_a_challenge_back_to_draft_answers_404_even_if_its_page_is_still_cached(data):
    client = Client()
    _warm(client, _challenge_url(data["published"]))
    # A write that bypasses the services (no cache renewal): visibility is still checked on every request.
    Challenge.objects.filter(pk=data["published"].pk).update(status=Challenge.Status.DRAFT)

    assert client.get(_challenge_url(data["published"])).status_code == 404


def test_publish_and_unpublish_show_at_once(data, on_commit):
    client = Client()
    _warm(client, _site_url(data["site"]), _challenge_url(data["published"]))

    with on_commit():
        services.challenge_set_status(
            challenge=data["draft"], actor=data["facilitator"], status=Challenge.Status.PUBLISHED
        )
        services.challenge_set_status(
            challenge=data["published"], actor=data["facilitator"], status=Challenge.Status.DRAFT
        )

    page = _text(client, _site_url(data["site"]))
    assert "Comment garder un secret ?" in page
    assert "Comment accueillir les usagers ?" not in page
    assert client.get(_challenge_url(data["published"])).status_code == 404
    assert client.get(_challenge_url(data["draft"])).status_code == 200


def test_create_edit_links_and_attachments_show_at_once(data, on_commit):
    client = Client()
    challenge = data["published"]
    _warm(client, _site_url(data["site"]), _challenge_url(challenge))

    with on_commit():
        services.challenge_create(
            site=data["site"],
            author=data["facilitator"],
            organisation="Ville de Brest",
            fields={"number": 3, "question": "Comment réparer les routes ?"},
            status=Challenge.Status.PUBLISHED,
        )
        services.challenge_update(
            challenge=challenge,
            actor=data["facilitator"],
            organisation="Métropole de Lyon",
            fields={"territory": "Vallée de la Drôme"},
            links=[services.LinkInput(title="Le dossier de presse", url="https://example.org/presse")],
            attachments=[
                services.AttachmentInput(
                    title="Compte rendu", file=SimpleUploadedFile("cr.pdf", b"%PDF-1.4\n", "application/pdf")
                )
            ],
        )

    site_page = _text(client, _site_url(data["site"]))
    assert "Comment réparer les routes ?" in site_page
    assert "Vallée de la Drôme" in site_page and "Métropole de Lyon" in site_page
    challenge_page = _text(client, _challenge_url(challenge))
    assert "Vallée de la Drôme" in challenge_page
    assert "Le dossier de presse" in challenge_page
    assert "Compte rendu" in challenge_page


def test_move_phase_phase_content_and_reformulation_show_at_once(data, on_commit):
    client = Client()
    challenge = data["published"]
    _warm(client, _site_url(data["site"]), _challenge_url(challenge))

    with on_commit():
        services.challenge_move_phase(challenge=challenge, actor=data["facilitator"], phase=Challenge.Phase.TEST)
        services.phase_content_update(
            challenge=challenge, actor=data["facilitator"], phase=Challenge.Phase.TEST, text="Un prototype testé"
        )
        services.challenge_reformulate_question(
            challenge=challenge,
            author=data["facilitator"],
            question="Comment mieux accueillir les usagers ?",
            reason="Plus précis",
        )

    site_page = _text(client, _site_url(data["site"]))
    assert "Comment mieux accueillir les usagers ?" in site_page
    challenge_page = _text(client, _challenge_url(challenge))
    assert "Comment mieux accueillir les usagers ?" in challenge_page
    assert 'id="phase-test" class="timeline-step timeline-current' in challenge_page
    assert "Un prototype testé" in challenge_page
    assert "Plus précis" in challenge_page


def test_team_changes_show_at_once_on_the_challenge_page(data, on_commit):
    client = Client()
    challenge = data["published"]
    _warm(client, _challenge_url(challenge))

    with on_commit():
        membership = teams.team_member_invite(
            challenge=challenge,
            invited_by=data["facilitator"],
            email="camille@example.org",
            role=TeamMembership.Role.CONTRIBUTOR,
            display_name="Camille Nouvelle",
        )
    assert "Camille Nouvelle" in _text(client, _challenge_url(challenge))

    with on_commit():
        teams.team_member_remove(membership=membership, actor=data["facilitator"])
    assert "Camille Nouvelle" not in _text(client, _challenge_url(challenge))


def test_an_import_shows_at_once(data, on_commit):
    client = Client()
    _warm(client, _site_url(data["site"]))
    rows = imports.import_file_parse(filename="d.csv", content=csv_bytes([challenge_row(7), challenge_row(8)]))

    with on_commit():
        imports.challenges_import(site=data["site"], rows=rows, publish=True)

    page = _text(client, _site_url(data["site"]))
    assert "Comment simplifier la démarche 7 ?" in page
    assert "Comment simplifier la démarche 8 ?" in page


def test_site_edition_and_theme_changes_show_at_once(data, on_commit):
    client = Client()
    site = data["site"]
    _warm(client, _site_url(site), _challenge_url(data["published"]))

    with on_commit():
        editions.site_update(site=site, place="Rennes Métropole")
        editions.edition_update(edition=site.edition, title="Université d’été renommée")
        editions.theme_create(edition=site.edition, title="Thème tout neuf")

    page = _text(client, _site_url(site))
    assert "Rennes Métropole" in page
    assert "Université d’été renommée" in page
    assert "Thème tout neuf" in page
    assert "Rennes Métropole" in _text(client, _challenge_url(data["published"]))


def test_an_admin_edit_of_an_organisation_or_a_person_shows_at_once(data, staff, on_commit):
    client = Client()
    challenge = data["published"]
    member = UserFactory(display_name="Dominique Avant")
    TeamMembership.objects.create(challenge=challenge, person=member, role=TeamMembership.Role.OWNER)
    _warm(client, _site_url(data["site"]), _challenge_url(challenge))
    request = RequestFactory().post("/")
    request.user = staff
    organisation = challenge.organisation
    organisation.name = "Commune renommée"
    member.display_name = "Dominique Après"

    with on_commit():
        admin.site._registry[Organisation].save_model(request, organisation, None, True)
        admin.site._registry[type(member)].save_model(request, member, None, True)

    assert "Commune renommée" in _text(client, _site_url(data["site"]))
    page = _text(client, _challenge_url(challenge))
    assert "Commune renommée" in page and "Dominique Après" in page


def test_an_admin_edit_of_a_challenge_shows_at_once(data, staff, on_commit):
    client = Client()
    _warm(client, _site_url(data["site"]))
    request = RequestFactory().post("/")
    request.user = staff
    draft = data["draft"]
    draft.status = Challenge.Status.PUBLISHED

    with on_commit():
        admin.site._registry[Challenge].save_model(request, draft, None, True)

    assert "Comment garder un secret ?" in _text(client, _site_url(data["site"]))


def test_filters_page_and_language_are_part_of_the_key(data):
    client = Client()
    ThemeFactory(edition=data["site"].edition, title="Mobilité")
    ChallengeFactory(site=data["site"], number=3, question="Comment bouger ?", phase=Challenge.Phase.TEST)

    everything = _text(client, _site_url(data["site"]))
    filtered = _text(client, _site_url(data["site"], f"?phase={Challenge.Phase.TEST}"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _text(client, _site_url(data["site"]))

    assert "Comment accueillir les usagers ?" in everything and "Comment bouger ?" in everything
    assert "Comment accueillir les usagers ?" not in filtered and "Comment bouger ?" in filtered
    assert "Apply the filters" in english and "Filtrer les défis" in everything


def test_unknown_parameters_never_reach_the_shared_page(data):
    for number in range(3, 3 + 25):  # two pages of results, so the page carries links with the query
        ChallengeFactory(site=data["site"], number=number)
    client = Client()

    polluted = _text(client, _site_url(data["site"], "?q=&phase=&tracker=evil"))
    clean = _text(Client(), _site_url(data["site"], "?q=&phase="))

    assert "tracker" not in _main(polluted) and "tracker" not in _main(clean)
    assert "page=2" in _main(clean)


def test_a_page_is_built_once_per_version(data, on_commit):
    calls = []

    def build() -> str:
        calls.append(1)
        return f"v{len(calls)}"

    first = site_cached(site_id=data["site"].pk, name="probe", parts=["a"], build=build)
    second = site_cached(site_id=data["site"].pk, name="probe", parts=["a"], build=build)
    with on_commit():
        services.challenge_move_phase(
            challenge=data["published"], actor=data["facilitator"], phase=Challenge.Phase.PROTOTYPE
        )
    third = site_cached(site_id=data["site"].pk, name="probe", parts=["a"], build=build)
    other_site = site_cached(site_id=SiteFactory().pk, name="probe", parts=["a"], build=build)

    assert (first, second, third, other_site) == ("v1", "v1", "v2", "v3")


@pytest.mark.parametrize("page", ["site", "challenge"])
def test_an_anonymous_miss_makes_as_many_queries_with_10_and_200_challenges(facilitator, page):
    from django.core.cache import cache

    from tests.challenges.test_queries_challenges import _site_with
    from tests.helpers.queries import assert_constant_queries

    logs = []
    for count in (10, 200):
        site = _site_with(count, facilitator)
        url = {
            "site": _site_url(site, "?q=démarche"),
            "challenge": _challenge_url(site.challenges.get(number=5)),
        }[page]
        client = Client()
        get_ok(client, url)()  # warm the template loaders
        cache.clear()  # then count a miss: the whole page is rendered and queried
        logs.append(count_queries(get_ok(client, url)))

    assert_constant_queries(*logs, what=f"{page} page as anonymous, cache cold")


def test_reloading_the_demo_data_renews_the_public_pages(on_commit):
    from django.core.management import call_command

    def load() -> None:
        with open("/dev/null", "w") as devnull, on_commit():
            call_command("load_demo_data", stdout=devnull)

    load()
    challenge = Challenge.objects.filter(status=Challenge.Status.PUBLISHED).order_by("pk").first()
    demo_question = challenge.question
    # Changed behind the services' back, then cached: the demo reload puts the demo text back.
    Challenge.objects.filter(pk=challenge.pk).update(question="Une question modifiée à la main ?")
    client = Client()
    assert "Une question modifiée à la main ?" in _text(client, _site_url(challenge.site))

    load()

    page = _text(client, _site_url(challenge.site))
    assert "Une question modifiée à la main ?" not in page
    assert demo_question in page or demo_question.replace("'", "&#x27;") in page


def test_the_content_version_changes_again_when_the_transaction_commits(data, django_capture_on_commit_callbacks):
    from challenges.services.cache import site_content_changed

    built = []

    def build() -> str:
        built.append(1)
        return f"v{len(built)}"

    site_id = data["site"].pk
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site_content_changed(site_id=site_id)
        # A reader that caches a page before the commit (it may still see the old rows)...
        during = site_cached(site_id=site_id, name="probe", parts=[], build=build)
    for callback in callbacks:
        callback()
    after = site_cached(site_id=site_id, name="probe", parts=[], build=build)

    assert (during, after) == ("v1", "v2")  # ...is not served after the commit


def test_pages_and_writes_survive_a_cache_that_is_down(client, settings, world):
    # Given a Redis cache that does not answer (changing CACHES rebuilds Django's cache handler)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    from challenges.services.cache import site_content_changed

    # When a write renews the versions and an anonymous visitor opens the pages
    site_content_changed(site_id=world["site"].pk)
    site_page = client.get(reverse("challenges:site_detail", args=[world["site"].pk]))
    challenge_page = client.get(reverse("challenges:challenge_detail", args=[world["challenge"].pk]))

    # Then nothing fails: the pages are rendered without the cache
    assert site_page.status_code == 200 and challenge_page.status_code == 200
    assert world["challenge"].question in challenge_page.content.decode()


def test_a_write_that_commits_while_a_page_is_built_leaves_an_entry_no_reader_accepts(data):
    from challenges.services.cache import site_content_changed

    built = []

    def build() -> str:
        built.append(1)
        if len(built) == 1:  # the page read the old rows, then a write committed before it was stored
            site_content_changed(site_id=data["site"].pk)
        return f"v{len(built)}"

    first = site_cached(site_id=data["site"].pk, name="probe", parts=[], build=build)
    second = site_cached(site_id=data["site"].pk, name="probe", parts=[], build=build)
    third = site_cached(site_id=data["site"].pk, name="probe", parts=[], build=build)

    assert (first, second, third) == ("v1", "v2", "v2")


# --- Signed-in people: shared listings and challenge data, their own actions -----------------------------


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _challenge_queries(log) -> list[str]:
    return [sql for sql in log.statements if 'FROM "challenges_challenge"' in sql]


def test_signed_in_people_share_the_listing_of_those_who_see_the_same_challenges(data, outsider, staff):
    other_facilitator = UserFactory()
    data["site"].facilitators.add(other_facilitator)
    # The site's facilitators and staff see every challenge; someone on no team sees the published ones.
    _warm(_logged_in(data["facilitator"]), _site_url(data["site"]))
    _warm(Client(), _site_url(data["site"]))

    for user, sees_draft in ((other_facilitator, True), (staff, True), (outsider, False)):
        client = _logged_in(user)
        _text(client, "/")  # the session and navigation, outside the count
        log = count_queries(get_ok(client, _site_url(data["site"])))
        page = _text(client, _site_url(data["site"]))

        assert ("Comment garder un secret ?" in page) is sees_draft, user
        assert "Comment accueillir les usagers ?" in page
        assert _challenge_queries(log) == [], log.explain()  # the listing came from the cache


def test_a_member_of_a_drafts_team_gets_a_listing_of_their_own(data, contributor):
    TeamMembership.objects.create(challenge=data["draft"], person=contributor, role=TeamMembership.Role.CONTRIBUTOR)
    _warm(Client(), _site_url(data["site"]))  # the public listing, without the draft
    client = _logged_in(contributor)

    page = _text(client, _site_url(data["site"]))

    assert "Comment garder un secret ?" in page
    assert "Comment garder un secret ?" not in _text(Client(), _site_url(data["site"]))


def test_the_actions_and_forms_of_a_page_are_never_shared(data, outsider):
    url = _challenge_url(data["published"])
    facilitator_page = _text(_logged_in(data["facilitator"]), url)
    outsider_page = _text(_logged_in(outsider), url)
    anonymous_page = _text(Client(), url)
    site_actions = reverse("challenges:challenge_create", args=[data["site"].pk])

    move = reverse("challenges:challenge_move_phase", args=[data["published"].pk])
    assert move in facilitator_page
    assert move not in outsider_page and move not in anonymous_page
    assert site_actions in _text(_logged_in(data["facilitator"]), _site_url(data["site"]))
    assert site_actions not in _text(_logged_in(outsider), _site_url(data["site"]))
    assert "Comment accueillir les usagers ?" in outsider_page


def test_a_signed_in_hit_reads_the_challenge_once_for_its_visibility(data):
    client = _logged_in(data["facilitator"])
    url = _challenge_url(data["published"])
    miss = count_queries(get_ok(client, url))

    hit = count_queries(get_ok(client, url))

    assert len(_challenge_queries(hit)) == 1, hit.explain()  # the visibility check, nothing else
    assert hit.count < miss.count, (miss.explain(), hit.explain())
    assert not [sql for sql in hit.statements if 'challenges_teammembership"."role' in sql]


def test_a_facilitators_edit_shows_at_once_on_their_own_pages(data, on_commit):
    client = _logged_in(data["facilitator"])
    challenge = data["published"]
    _warm(client, _site_url(data["site"]), _challenge_url(challenge), _challenge_url(data["draft"]))

    with on_commit():
        services.challenge_reformulate_question(
            challenge=data["draft"],
            author=data["facilitator"],
            question="Comment garder un secret mieux gardé ?",
            reason="Plus précis",
        )
        services.challenge_move_phase(challenge=challenge, actor=data["facilitator"], phase=Challenge.Phase.TEST)

    assert "Comment garder un secret mieux gardé ?" in _text(client, _site_url(data["site"]))
    assert "Comment garder un secret mieux gardé ?" in _text(client, _challenge_url(data["draft"]))
    assert 'id="phase-test" class="timeline-step timeline-current' in _text(client, _challenge_url(challenge))


def test_a_challenge_back_to_draft_answers_404_to_a_signed_in_outsider_at_once(data, outsider):
    client = _logged_in(outsider)
    _warm(client, _challenge_url(data["published"]))
    Challenge.objects.filter(pk=data["published"].pk).update(status=Challenge.Status.DRAFT)  # no cache renewal

    assert client.get(_challenge_url(data["published"])).status_code == 404
