"""The staffing suggestion as a pure function: unit cases, then properties over random networks."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from labs.services.staffing import COMPETENT, Candidate, staffing_suggest

PHASES = [1, 2, 3, 4, 5]


def member(key, *, department="", authorised=True, allowance="2", load="0", ratings=None):
    return Candidate(
        key=key,
        name=f"Membre {key}",
        department=department,
        authorised=authorised,
        allowance=None if allowance is None else Decimal(allowance),
        load=Decimal(load),
        ratings=ratings or {},
    )


def keys(result):
    return [s.candidate.key for s in result.team]


def test_never_someone_without_a_granted_authorisation():
    result = staffing_suggest(
        candidates=[member(1, authorised=False, ratings={1: (3, 3)}), member(2, ratings={1: (1, 1)})],
        phases=[1],
        cost=Decimal(1),
    )
    assert keys(result) == [2]
    assert result.excluded == {1: "unauthorised"}
    assert result.uncovered == (1,)  # member 2 is not competent (1 < 2)


def test_never_beyond_the_time_allowance():
    result = staffing_suggest(
        candidates=[
            member(1, allowance="2", load="1.5", ratings={1: (3, 3)}),
            member(2, allowance=None, ratings={1: (3, 3)}),
            member(3, allowance="2", load="1", ratings={1: (2, 0)}),
        ],
        phases=[1],
        cost=Decimal(1),
    )
    assert keys(result) == [3]
    assert result.excluded == {1: "overloaded", 2: "no_allowance"}
    assert result.team[0].load_after == Decimal(2)


def test_covers_every_phase_before_filling_by_score():
    # 1 loves everything but is competent nowhere; 2 covers phase 1, 3 covers phase 2.
    everything = dict.fromkeys(PHASES, (1, 3))
    result = staffing_suggest(
        candidates=[
            member(1, ratings=everything),
            member(2, ratings={1: (2, 0)}),
            member(3, ratings={2: (3, 0)}),
        ],
        phases=[1, 2],
        cost=Decimal(1),
        size=2,
    )
    assert sorted(keys(result)) == [2, 3]
    assert result.uncovered == ()
    assert {s.candidate.key: s.chosen_for for s in result.team} == {2: (1,), 3: (2,)}


def test_prefers_another_department_at_equal_use():
    result = staffing_suggest(
        candidates=[
            member(1, department="DRH", ratings={1: (3, 3)}),
            member(2, department="DRH", ratings={1: (3, 2)}),
            member(3, department="Jeunesse", ratings={1: (2, 1)}),
        ],
        phases=[1],
        cost=Decimal(1),
        size=2,
    )
    assert keys(result) == [1, 3]


def test_ranks_on_appetence_and_competence():
    result = staffing_suggest(
        candidates=[member(1, ratings={1: (1, 1)}), member(2, ratings={1: (1, 3)}), member(3, ratings={1: (0, 2)})],
        phases=[1],
        cost=Decimal(1),
    )
    assert keys(result) == [2, 3, 1]
    assert [s.score for s in result.team] == [7, 4, 3]


levels = st.integers(min_value=0, max_value=3)
candidates_strategy = st.lists(
    st.builds(
        lambda key, department, authorised, allowance, load, ratings: member(
            key, department=department, authorised=authorised, allowance=allowance, load=load, ratings=ratings
        ),
        key=st.integers(),
        department=st.sampled_from(["", "DRH", "Jeunesse", "Numérique", "Finances"]),
        authorised=st.booleans(),
        allowance=st.one_of(st.none(), st.sampled_from(["0", "0.5", "1", "2", "4"])),
        load=st.sampled_from(["0", "0.5", "1", "2", "3"]),
        ratings=st.dictionaries(st.sampled_from(PHASES), st.tuples(levels, levels)),
    ),
    max_size=30,
    unique_by=lambda c: c.key,
)


@settings(max_examples=300, deadline=None)
@given(
    candidates=candidates_strategy,
    phases=st.lists(st.sampled_from(PHASES), max_size=5, unique=True),
    cost=st.sampled_from([Decimal("0.5"), Decimal(1), Decimal(2)]),
    size=st.integers(min_value=1, max_value=6),
)
def test_properties(candidates, phases, cost, size):
    result = staffing_suggest(candidates=candidates, phases=phases, cost=cost, size=size)
    chosen = [s.candidate for s in result.team]
    # Never somebody without a granted authorisation, never beyond a time allowance, nobody twice.
    assert all(c.authorised for c in chosen)
    assert all(c.allowance is not None and c.load + cost <= c.allowance for c in chosen)
    assert len({c.key for c in chosen}) == len(chosen) <= size
    eligible = [c for c in candidates if c.authorised and c.allowance is not None and c.load + cost <= c.allowance]
    # As many as the eligible allow.
    assert len(chosen) == min(size, len(eligible))
    # Every phase covered whenever the eligible members allow it and there are places enough.
    coverable = all(any(c.ratings.get(p, (0, 0))[0] >= COMPETENT for c in eligible) for p in phases)
    if coverable and len(phases) <= size:
        assert result.uncovered == ()
    # What is reported uncovered is really not covered by the team.
    for phase in result.uncovered:
        assert all(c.ratings.get(phase, (0, 0))[0] < COMPETENT for c in chosen)
    # The reasons: each suggestion's phases are the needed phases it is competent on.
    for suggestion in result.team:
        assert set(suggestion.chosen_for) <= set(suggestion.covers) <= set(phases)
