"""The staffing suggestion: a pure function from candidates to a ranked team of 4–5, with the reasons.

No database here: ``labs.selectors.commissions.staffing_candidates`` reads the candidates, this module
only decides. Rules:

- a candidate without a granted participation authorisation is never suggested;
- a candidate whose current load plus this commission's time would exceed their time allowance is never
  suggested (no stated allowance: nothing can be given);
- every needed phase is covered by at least one competent member (competence ≥ 2) whenever the eligible
  candidates allow it and there are no more phases than places;
- then the best scores (appetence and competence on the needed phases), preferring departments not yet
  in the team.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

COMPETENT = 2


@dataclass(frozen=True)
class Candidate:
    key: int
    name: str
    department: str = ""
    authorised: bool = False
    allowance: Decimal | None = None  # days per month
    load: Decimal = Decimal(0)  # days per month already given to confirmed commissions
    ratings: dict[int, tuple[int, int]] = field(default_factory=dict)  # phase → (competence, appetence)


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: int
    covers: tuple[int, ...]  # needed phases this candidate is competent on
    chosen_for: tuple[int, ...]  # needed phases nobody chosen before covered
    load_after: Decimal


@dataclass(frozen=True)
class StaffingResult:
    team: tuple[Suggestion, ...]
    uncovered: tuple[int, ...]  # needed phases no chosen member is competent on
    excluded: dict[int, str]  # candidate key → "unauthorised" | "no_allowance" | "overloaded"


def candidate_exclusion(candidate: Candidate, *, cost: Decimal) -> str:
    """Why a candidate cannot be suggested, or "" when they can."""
    if not candidate.authorised:
        return "unauthorised"
    if candidate.allowance is None:
        return "no_allowance"
    if candidate.load + cost > candidate.allowance:
        return "overloaded"
    return ""


def _score(candidate: Candidate, phases: Sequence[int]) -> int:
    total = 0
    for phase in phases:
        competence, appetence = candidate.ratings.get(phase, (0, 0))
        total += 2 * appetence + competence
    return total


def staffing_suggest(
    *, candidates: Iterable[Candidate], phases: Sequence[int], cost: Decimal, size: int = 5
) -> StaffingResult:
    """Choose up to ``size`` members for a commission needing ``phases`` and ``cost`` days per month each."""
    phases = tuple(dict.fromkeys(phases))
    eligible: list[Candidate] = []
    excluded: dict[int, str] = {}
    for candidate in candidates:
        reason = candidate_exclusion(candidate, cost=cost)
        if reason:
            excluded[candidate.key] = reason
        else:
            eligible.append(candidate)
    scores = {candidate.key: _score(candidate, phases) for candidate in eligible}
    covers = {
        candidate.key: tuple(p for p in phases if candidate.ratings.get(p, (0, 0))[0] >= COMPETENT)
        for candidate in eligible
    }
    # The same order for every tie: score, then fewer current days, then the key.
    eligible.sort(key=lambda c: (-scores[c.key], c.load, c.key))

    chosen: list[Suggestion] = []
    departments: set[str] = set()
    uncovered = list(phases)

    def take(candidate: Candidate, chosen_for: tuple[int, ...]) -> None:
        chosen.append(
            Suggestion(
                candidate=candidate,
                score=scores[candidate.key],
                covers=covers[candidate.key],
                chosen_for=chosen_for,
                load_after=candidate.load + cost,
            )
        )
        if candidate.department:
            departments.add(candidate.department)
        eligible.remove(candidate)

    # 1. Cover the phases: each time, whoever covers most of what is left (new departments first).
    while uncovered and len(chosen) < size:
        best = None
        best_key = None
        for candidate in eligible:
            gain = tuple(p for p in uncovered if p in covers[candidate.key])
            if not gain:
                continue
            key = (len(gain), candidate.department not in departments or not candidate.department)
            if best_key is None or key > best_key:
                best, best_key = (candidate, gain), key
        if best is None:
            break
        take(best[0], best[1])
        uncovered = [p for p in uncovered if p not in best[1]]

    # 2. Fill the remaining places by score, a new department before a known one.
    while len(chosen) < size and eligible:
        fresh = [c for c in eligible if not c.department or c.department not in departments]
        take((fresh or eligible)[0], ())

    return StaffingResult(team=tuple(chosen), uncovered=tuple(uncovered), excluded=excluded)
