"""The challenges demo data: the 2018 summer university, its Rennes site and teams; loaded twice, same rows."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from challenges.demo import EDITION_TITLE
from challenges.models import Challenge, Edition, PhaseContent, QuestionReformulation, Site, TeamMembership, Theme
from challenges.models.challenges import PHASE_ORDER
from innovation.models import Organisation, User

pytestmark = pytest.mark.django_db

MODELS = (Edition, Site, Theme, Challenge, TeamMembership, PhaseContent, QuestionReformulation, User, Organisation)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _load() -> None:
    with open("/dev/null", "w") as devnull:
        call_command("load_demo_data", stdout=devnull)


def test_demo_data_is_idempotent(django_assert_max_num_queries):
    _load()
    first = _counts()

    with django_assert_max_num_queries(600):  # fast: a few queries per row, no loop over the whole table
        _load()

    assert _counts() == first


def test_demo_data_has_the_2018_summer_university_and_its_rennes_challenges():
    _load()

    edition = Edition.objects.get(title=EDITION_TITLE)
    rennes = Site.objects.get(edition=edition, place="Rennes")
    challenges = Challenge.objects.filter(site=rennes)
    assert (edition.starts_on.isoformat(), edition.ends_on.isoformat()) == ("2018-07-09", "2018-07-11")
    assert edition.organiser.name == "CNFPT"
    assert sorted(edition.sites.values_list("place", flat=True)) == sorted(
        ["Rennes", "Aix-en-Provence", "Cluny", "La Réunion", "Martinique", "Strasbourg"]
    )
    assert edition.themes.count() == 4
    assert challenges.count() == 14
    assert sorted(challenges.values_list("number", flat=True)) == list(range(1, 15))
    assert all(
        question.startswith("Comment ") and question.endswith(" ?")
        for question in challenges.values_list("question", flat=True)
    )
    assert set(challenges.values_list("phase", flat=True)) == set(PHASE_ORDER)
    assert 1 <= challenges.filter(status=Challenge.Status.DRAFT).count() <= 2
    assert challenges.filter(status=Challenge.Status.PUBLISHED).count() >= 12
    assert QuestionReformulation.objects.filter(challenge__site=rennes).exists()
    for phase in PHASE_ORDER:
        assert PhaseContent.objects.filter(challenge__site=rennes, phase=phase).exclude(text="").exists(), phase


def test_demo_logins_have_their_roles_in_rennes():
    _load()

    rennes = Site.objects.get(edition__title=EDITION_TITLE, place="Rennes")
    challenge_3 = Challenge.objects.get(site=rennes, number=3)
    assert challenge_3.question.startswith("Comment améliorer et simplifier les inscriptions")
    assert rennes.facilitators.filter(email="animateur@demo.defis.fr").exists()
    porteur = User.objects.get(email="porteur@demo.defis.fr")
    contributeur = User.objects.get(email="contributeur@demo.defis.fr")
    assert porteur.has_perm("challenges.change_challenge", challenge_3)
    assert TeamMembership.objects.filter(challenge=challenge_3, person=porteur, role="owner").exists()
    assert TeamMembership.objects.filter(person=contributeur, role="contributor").exists()
    extra = User.objects.filter(email__endswith="@demo.defis.fr", memberships__challenge__site=rennes).distinct()
    assert extra.exclude(email__in=["porteur@demo.defis.fr", "contributeur@demo.defis.fr"]).count() >= 12
    assert not extra.filter(organisation__isnull=True).exists()
    assert not extra.filter(job_title="").exists()
