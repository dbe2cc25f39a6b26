"""Grid trials (issue 15): a version on trial, tried on challenges of a site, voted per criterion, concluded."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from challenges.models import TeamMembership
from grids.models import Criterion, GridTrial, TrialVote
from grids.selectors import grid_trial_state, grid_trials, trial_summaries
from grids.services import grids as grid_services
from grids.services import trials as services
from tests.challenges.factories import ChallengeFactory, SiteFactory
from tests.grids.assessment_factories import grid_build


def _site_with(count: int, *, facilitator=None):
    site = SiteFactory(place="Île-de-France", facilitators=[facilitator] if facilitator else [])
    challenges = [
        ChallengeFactory(site=site, number=n, nature="digital" if n % 2 else "non_digital") for n in range(1, count + 1)
    ]
    return site, challenges


@pytest.fixture
def grid(db):
    return grid_build((2, 1))


def test_a_trial_records_the_challenges_of_its_site(grid, facilitator):
    site, challenges = _site_with(15, facilitator=facilitator)

    trial = services.trial_start(grid=grid, site=site, challenges=challenges[:8], by=facilitator)

    summary = trial_summaries(trials=[trial])[0]
    assert (len(summary.challenges), summary.site_challenge_count) == (8, 15)
    assert summary.covers_both_kinds
    assert grid_trial_state(trials=[trial]) == "on_trial"


def test_a_trial_only_on_challenges_of_its_site(grid, facilitator):
    site, challenges = _site_with(2)
    elsewhere = ChallengeFactory()

    with pytest.raises(ValidationError) as error:
        services.trial_start(grid=grid, site=site, challenges=[challenges[0], elsewhere], by=facilitator)

    assert "challenges" in error.value.error_dict
    assert not GridTrial.objects.exists()


def test_votes_per_criterion_and_the_criteria_to_revisit(grid, facilitator, owner, contributor):
    site, challenges = _site_with(3)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    first, second, third = Criterion.objects.filter(step__grid=grid).order_by("step__position", "position")
    for tester in (owner, contributor):
        services.trial_vote(trial=trial, tester=tester, criterion=first, verdict="relevant")
    services.trial_vote(trial=trial, tester=owner, criterion=second, verdict="relevant")
    services.trial_vote(trial=trial, tester=contributor, criterion=second, verdict="revisit", comment="Trop vague")
    # A tester's second vote replaces the first
    services.trial_vote(trial=trial, tester=owner, criterion=third, verdict="revisit", comment="Ajouter les usagers")
    services.trial_vote(trial=trial, tester=owner, criterion=third, verdict="relevant")

    summary = trial_summaries(trials=[trial])[0]
    rows = [(row.criterion.text, row.relevant, row.revisit) for step in summary.steps for row in step.rows]
    assert rows == [("Critère 1.1", 2, 0), ("Critère 1.2", 1, 1), ("Critère 2.1", 1, 0)]
    assert [c.text for c in summary.to_revisit] == ["Critère 1.2"]
    assert summary.testers == 2


def test_to_revisit_needs_a_comment(grid, facilitator, owner):
    site, challenges = _site_with(1)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    criterion = Criterion.objects.filter(step__grid=grid).first()

    with pytest.raises(ValidationError) as error:
        services.trial_vote(trial=trial, tester=owner, criterion=criterion, verdict="revisit", comment=" ")

    assert "comment" in error.value.error_dict
    assert not TrialVote.objects.exists()


def test_a_criterion_of_another_grid_is_refused(grid, facilitator, owner):
    site, challenges = _site_with(1)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    other = Criterion.objects.filter(step__grid=grid_build((1,))).first()

    with pytest.raises(ValidationError):
        services.trial_vote(trial=trial, tester=owner, criterion=other, verdict="relevant")


def test_concluding_validates_the_version_and_closes_the_votes(grid, facilitator, owner):
    site, challenges = _site_with(2)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    criterion = Criterion.objects.filter(step__grid=grid).first()
    with pytest.raises(ValidationError):  # a trial concludes on votes
        services.trial_conclude(trial=trial, by=facilitator, conclusion="Pertinents.", validated=True)
    services.trial_vote(trial=trial, tester=owner, criterion=criterion, verdict="relevant")

    services.trial_conclude(trial=trial, by=facilitator, conclusion="Les critères sont pertinents.", validated=True)

    assert grid_trial_state(trials=grid_trials(grid=grid)) == "validated"
    with pytest.raises(ValidationError):
        services.trial_vote(trial=trial, tester=owner, criterion=criterion, verdict="revisit", comment="trop tard")
    with pytest.raises(ValidationError):  # a validated version is not tried again
        services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)


def test_one_trial_at_a_time_per_version(grid, facilitator):
    site, challenges = _site_with(2)
    services.trial_start(grid=grid, site=site, challenges=challenges[:1], by=facilitator)

    with pytest.raises(ValidationError):
        services.trial_start(grid=grid, site=site, challenges=challenges[1:], by=facilitator)


def test_the_grid_page_says_on_how_many_challenges_it_was_tried(grid, facilitator, owner):
    site, challenges = _site_with(15, facilitator=facilitator)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges[:8], by=facilitator)
    criterion = Criterion.objects.filter(step__grid=grid).first()
    services.trial_vote(trial=trial, tester=owner, criterion=criterion, verdict="revisit", comment="À préciser")
    client = Client()
    client.force_login(facilitator)

    page = client.get(reverse("grids:grid_detail", args=[grid.pk])).content.decode()

    assert "essayée sur 8 des 15 défis" in " ".join(page.split())
    assert "Critère 1.1" in page.split('data-testid="to-revisit"')[1].split("</ul>")[0]


def test_summaries_take_constant_queries(django_assert_num_queries, facilitator, owner):
    def trials_of(count):
        site, challenges = _site_with(count)
        grid = grid_build((2, 2))
        trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
        for criterion in Criterion.objects.filter(step__grid=grid):
            services.trial_vote(trial=trial, tester=owner, criterion=criterion, verdict="relevant")
        return trial

    small, large = trials_of(2), trials_of(30)
    for trial in (small, large):
        fresh = GridTrial.objects.get(pk=trial.pk)
        with django_assert_num_queries(4):
            trial_summaries(trials=[fresh])


def test_a_revisit_vote_without_comment_comes_back_with_the_message(grid, facilitator, owner):
    site, challenges = _site_with(1)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    TeamMembership.objects.create(challenge=challenges[0], person=owner, role=TeamMembership.Role.OWNER)
    criterion = Criterion.objects.filter(step__grid=grid).first()
    client = Client()
    client.force_login(owner)

    response = client.post(
        reverse("grids:trial_vote", args=[trial.pk]), {"criterion": criterion.pk, "verdict": "revisit", "comment": ""}
    )

    assert response.status_code == 400
    assert "Dites ce qu’il faut revoir dans ce critère." in response.content.decode()
    assert not TrialVote.objects.exists()


def test_the_site_page_lists_its_trials_to_the_people_of_the_site_only(grid, facilitator, owner, outsider):
    site, challenges = _site_with(2)
    TeamMembership.objects.create(challenge=challenges[0], person=owner, role=TeamMembership.Role.OWNER)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    url = reverse("challenges:site_detail", args=[site.pk])
    trial_url = reverse("grids:trial_detail", args=[trial.pk])

    seen = {}
    for person in (owner, outsider, None):
        client = Client()
        if person is not None:
            client.force_login(person)
        seen[person] = trial_url in client.get(url).content.decode()

    assert seen == {owner: True, outsider: False, None: False}


def test_criteria_voted_to_revisit_are_marked_in_the_next_version(grid, staff, facilitator, owner, contributor):
    site, challenges = _site_with(3, facilitator=facilitator)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    first, second, third = Criterion.objects.filter(step__grid=grid).order_by("step__position", "position")
    services.trial_vote(trial=trial, tester=owner, criterion=first, verdict="relevant")
    services.trial_vote(trial=trial, tester=owner, criterion=second, verdict="revisit", comment="Nommer les usagers")
    services.trial_vote(trial=trial, tester=contributor, criterion=second, verdict="revisit", comment="Trop vague")
    services.trial_vote(trial=trial, tester=contributor, criterion=third, verdict="relevant")
    services.trial_conclude(trial=trial, by=facilitator, conclusion="À préciser.", validated=False)

    # The tried version is frozen like an assessed one: the first change drafts the next version from it.
    following = grid_services.grid_update(grid=grid, by=staff, title="Grille v2")

    assert (following.pk != grid.pk, following.version) == (True, grid.version + 1)
    notes = {
        c.text: c.revisit_note
        for c in Criterion.objects.filter(step__grid=following).order_by("step__position", "position")
    }
    assert notes == {"Critère 1.1": "", "Critère 1.2": "Nommer les usagers\nTrop vague", "Critère 2.1": ""}
    assert not Criterion.objects.filter(step__grid=grid).exclude(revisit_note="").exists()
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("grids:grid_detail", args=[following.pk])).content.decode()
    note = page.split('class="alert alert-warning py-1 px-2 mt-1 mb-0 small revisit-note"')
    assert len(note) == 2 and "Nommer les usagers<br>Trop vague" in note[1].split("</div>")[0]


def test_an_open_trial_marks_nothing_yet(grid, staff, facilitator, owner):
    site, challenges = _site_with(1)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    criterion = Criterion.objects.filter(step__grid=grid).first()
    services.trial_vote(trial=trial, tester=owner, criterion=criterion, verdict="revisit", comment="Trop vague")

    following = grid_services.grid_update(grid=grid, by=staff, title="Grille v2")

    assert following.pk != grid.pk
    assert not Criterion.objects.filter(step__grid=following).exclude(revisit_note="").exists()


def test_a_next_version_drafted_during_the_trial_is_marked_when_it_concludes(grid, staff, facilitator, owner):
    site, challenges = _site_with(1)
    trial = services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)
    first, second, _third = Criterion.objects.filter(step__grid=grid).order_by("step__position", "position")
    services.trial_vote(trial=trial, tester=owner, criterion=second, verdict="revisit", comment="Trop vague")
    following = grid_services.grid_update(grid=grid, by=staff, title="Grille v2")
    grid_services.criterion_update(criterion=first, by=staff, text="Critère 1.1 réécrit")
    assert not Criterion.objects.filter(step__grid=following).exclude(revisit_note="").exists()

    services.trial_conclude(trial=trial, by=facilitator, conclusion="À préciser.", validated=False)

    marked = Criterion.objects.filter(step__grid=following).exclude(revisit_note="")
    assert [(c.text, c.revisit_note) for c in marked] == [("Critère 1.2", "Trop vague")]


def test_the_site_page_reads_no_trial_for_a_visitor(grid, facilitator):
    from tests.helpers.queries import count_queries, get_ok

    site, challenges = _site_with(2)
    services.trial_start(grid=grid, site=site, challenges=challenges, by=facilitator)

    statements = count_queries(get_ok(Client(), reverse("challenges:site_detail", args=[site.pk]))).statements

    assert [sql for sql in statements if "grids_gridtrial" in sql] == []
