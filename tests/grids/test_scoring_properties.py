"""Properties of scoring, for any grid and any answers (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from grids.models import Answer
from grids.services.scoring import AnswerValue, CriterionSpec, GridSpec, StepSpec, result_compute


@st.composite
def grids_and_answers(draw):
    max_level = draw(st.integers(min_value=1, max_value=9))
    steps = []
    next_id = 1
    for position in range(1, draw(st.integers(min_value=1, max_value=6)) + 1):
        criteria = []
        for index in range(draw(st.integers(min_value=1, max_value=6))):
            criteria.append(
                CriterionSpec(
                    id=next_id,
                    text=f"c{next_id}",
                    help="",
                    weight=draw(st.integers(min_value=1, max_value=10)),
                    mandatory=draw(st.booleans()),
                    position=index,
                )
            )
            next_id += 1
        steps.append(
            StepSpec(id=position, position=position, title=f"s{position}", guidance="", criteria=tuple(criteria))
        )
    grid = GridSpec(
        id=None,
        max_level=max_level,
        pass_level=draw(st.integers(min_value=0, max_value=max_level)),
        step_threshold=draw(st.integers(min_value=0, max_value=100)),
        steps=tuple(steps),
    )
    answer = st.one_of(
        st.builds(AnswerValue, level=st.integers(min_value=0, max_value=max_level)),
        st.sampled_from(
            [
                AnswerValue(special=Answer.Special.NOT_APPLICABLE.value),
                AnswerValue(special=Answer.Special.UNKNOWN.value),
            ]
        ),
        st.none(),
    )
    answers = {}
    for criterion_id in range(1, next_id):
        value = draw(answer)
        if value is not None:
            answers[criterion_id] = value
    return grid, answers


@given(grids_and_answers())
def test_every_score_stays_within_0_and_100(case):
    grid, answers = case

    result = result_compute(grid=grid, answers=answers)

    for step in result.steps:
        assert step.score is None or 0 <= step.score <= 100
    assert result.overall is None or 0 <= result.overall <= 100


@given(grids_and_answers(), st.data())
def test_raising_one_answer_never_lowers_its_step_score(case, data):
    grid, answers = case
    criterion_id = data.draw(st.sampled_from(sorted(c.id for s in grid.steps for c in s.criteria)))
    current = answers.get(criterion_id, AnswerValue())
    if current.special == Answer.Special.NOT_APPLICABLE.value:
        current = AnswerValue(level=0)
        answers = {**answers, criterion_id: current}
    low = current.level or 0
    higher = data.draw(st.integers(min_value=low, max_value=grid.max_level))
    step_index = next(i for i, s in enumerate(grid.steps) if any(c.id == criterion_id for c in s.criteria))

    before = result_compute(grid=grid, answers=answers).steps[step_index].score
    after = (
        result_compute(grid=grid, answers={**answers, criterion_id: AnswerValue(level=higher)}).steps[step_index].score
    )

    assert after >= before


@given(grids_and_answers())
def test_the_verdict_is_public_action_exactly_when_no_reason_against_exists(case):
    grid, answers = case

    result = result_compute(grid=grid, answers=answers)

    assert result.is_public_action == (not result.weak_steps)
