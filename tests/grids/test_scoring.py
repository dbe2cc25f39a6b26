"""Scoring: weights, "not applicable", normalisation, verdict rules and mandatory criteria."""

from __future__ import annotations

import pytest

from grids.models import Answer, Assessment
from grids.services.scoring import (
    AnswerValue,
    CriterionSpec,
    GridSpec,
    StepSpec,
    assessment_result,
    assessment_results,
    result_compute,
)
from tests.grids.assessment_factories import AssessmentFactory, criteria_of, grid_build

NA = Answer.Special.NOT_APPLICABLE.value
UNKNOWN = Answer.Special.UNKNOWN.value


def spec(*steps: list[tuple[int, bool]], max_level: int = 3, pass_level: int = 2, threshold: int = 50) -> GridSpec:
    """Steps as lists of (weight, mandatory); criterion ids are 10*step + index."""
    return GridSpec(
        id=None,
        max_level=max_level,
        pass_level=pass_level,
        step_threshold=threshold,
        level_labels=tuple(f"niveau {n}" for n in range(max_level + 1)),
        steps=tuple(
            StepSpec(
                id=s,
                position=s,
                title=f"Étape {s}",
                guidance=f"Conseil {s}",
                criteria=tuple(
                    CriterionSpec(id=10 * s + i, text=f"C{s}.{i}", help=f"Aide {s}.{i}", weight=w, mandatory=m)
                    for i, (w, m) in enumerate(criteria)
                ),
            )
            for s, criteria in enumerate(steps, start=1)
        ),
    )


def test_weights_apply_within_a_step():
    # Given a step with a criterion of weight 3 at the top level and one of weight 1 at 0
    grid = spec([(3, False), (1, False)])

    result = result_compute(grid=grid, answers={10: AnswerValue(level=3), 11: AnswerValue(level=0)})

    # Then the step scores 3/4 of 100
    assert result.steps[0].score == 75.0


def test_levels_are_normalised_by_the_top_of_the_scale():
    grid = spec([(1, False)], max_level=4, pass_level=2)

    result = result_compute(grid=grid, answers={10: AnswerValue(level=1)})

    assert result.steps[0].score == 25.0


def test_not_applicable_is_left_out_of_the_step_and_the_overall_score():
    # Given step 1 with one n/a and one full answer; step 2 entirely n/a
    grid = spec([(5, False), (1, False)], [(1, False)])

    result = result_compute(
        grid=grid,
        answers={10: AnswerValue(special=NA), 11: AnswerValue(level=3), 20: AnswerValue(special=NA)},
    )

    assert result.steps[0].score == 100.0
    assert result.steps[1].score is None
    assert result.overall == 100.0
    assert result.verdict == Assessment.Verdict.PUBLIC_ACTION


def test_unknown_and_unanswered_count_as_the_lowest_level():
    grid = spec([(1, False), (1, False), (2, False)])

    result = result_compute(grid=grid, answers={10: AnswerValue(special=UNKNOWN), 12: AnswerValue(level=3)})

    assert result.steps[0].score == 50.0


def test_overall_is_the_mean_of_the_step_scores():
    grid = spec([(1, False)], [(1, False)], [(1, False)])

    result = result_compute(
        grid=grid, answers={10: AnswerValue(level=3), 20: AnswerValue(level=0), 30: AnswerValue(level=3)}
    )

    assert result.overall == pytest.approx(66.7)


def test_verdict_public_action_when_every_rule_holds():
    grid = spec([(1, True), (1, False)], [(1, False)])

    result = result_compute(
        grid=grid, answers={10: AnswerValue(level=2), 11: AnswerValue(level=1), 20: AnswerValue(level=2)}
    )

    assert result.verdict == Assessment.Verdict.PUBLIC_ACTION
    assert result.is_public_action
    assert result.weak_steps == ()
    assert len(result.reasons) == 1


def test_a_mandatory_criterion_below_the_required_level_means_rework_even_with_high_scores():
    # Given a mandatory criterion at level 1 (required: 2) among many top answers
    grid = spec([(1, True), (10, False)], [(1, False)])

    result = result_compute(
        grid=grid, answers={10: AnswerValue(level=1), 11: AnswerValue(level=3), 20: AnswerValue(level=3)}
    )

    assert result.steps[0].score > 90
    assert result.verdict == Assessment.Verdict.REWORK
    assert [s.position for s in result.weak_steps] == [1]
    assert any("C1.0" in reason for reason in result.reasons)
    assert [f.criterion_id for f in result.weak_steps[0].shortfalls] == [10, 11][:1]


def test_a_mandatory_criterion_cannot_be_not_applicable():
    grid = spec([(1, True), (1, False)])

    result = result_compute(grid=grid, answers={10: AnswerValue(special=NA), 11: AnswerValue(level=3)})

    assert result.verdict == Assessment.Verdict.REWORK
    assert result.steps[0].weak


def test_a_step_below_the_threshold_is_weak_and_lists_what_fell_short_with_its_help():
    grid = spec([(1, False)], [(1, False), (1, False)], threshold=60)

    result = result_compute(
        grid=grid, answers={10: AnswerValue(level=3), 20: AnswerValue(level=3), 21: AnswerValue(level=0)}
    )

    assert result.verdict == Assessment.Verdict.REWORK
    (weak,) = result.weak_steps
    assert weak.position == 2 and weak.score == 50.0
    assert weak.guidance == "Conseil 2"
    assert [(f.text, f.help) for f in weak.shortfalls] == [("C2.1", "Aide 2.1")]
    assert any("Étape 2" in reason for reason in result.reasons)


def test_a_step_exactly_at_the_threshold_passes():
    grid = spec([(1, False), (1, False)], threshold=50)

    result = result_compute(grid=grid, answers={10: AnswerValue(level=3), 11: AnswerValue(level=0)})

    assert result.steps[0].score == 50.0
    assert result.verdict == Assessment.Verdict.PUBLIC_ACTION


@pytest.mark.django_db
def test_results_from_the_database_match_for_one_and_many(django_assert_num_queries):
    # Given two assessments on two different grids
    first = AssessmentFactory(grid=grid_build((1, 1)))
    second = AssessmentFactory(grid=grid_build((2,)))
    for criterion in criteria_of(first.grid):
        Answer.objects.create(assessment=first, criterion=criterion, level=3)
    Answer.objects.create(assessment=second, criterion=criteria_of(second.grid)[0], level=0)

    assessments = list(Assessment.objects.select_related("grid"))

    with django_assert_num_queries(2):
        results = assessment_results(assessments=assessments)

    assert results[first.pk] == assessment_result(assessment=first)
    assert results[first.pk].overall == 100.0
    assert results[second.pk].steps[0].score == 0.0
    assert results[second.pk].verdict == Assessment.Verdict.REWORK
