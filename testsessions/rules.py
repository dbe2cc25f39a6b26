"""Who may do what with test sessions, stands, feedback and debriefs: named predicates for views, templates and tests.

A session is run by its site's facilitators and CNFPT staff. A stand's feedback is read by the stand's team,
the site's facilitators and staff. Testers need no account: the stand page is reached through its token,
and only takes feedback while its session is open.
"""

from __future__ import annotations

import rules

from challenges.rules import (
    is_challenge_site_facilitator,
    is_site_facilitator,
    is_staff,
    is_team_facilitator,
    is_team_member,
    is_team_owner,
)


@rules.predicate
def is_session_site_facilitator(user, session) -> bool:
    return session is not None and is_site_facilitator.test(user, session.site)


@rules.predicate
def is_stand_site_facilitator(user, stand) -> bool:
    return stand is not None and is_site_facilitator.test(user, stand.session.site)


@rules.predicate
def is_stand_team_member(user, stand) -> bool:
    return stand is not None and is_team_member.test(user, stand.challenge)


@rules.predicate
def leads_stand_team(user, stand) -> bool:
    """The challenge's owners and team facilitators: they speak for the team."""
    return stand is not None and (
        is_team_owner.test(user, stand.challenge) or is_team_facilitator.test(user, stand.challenge)
    )


@rules.predicate
def is_stand_session_open(user, stand) -> bool:
    return stand is not None and stand.session.state == "open"


@rules.predicate
def is_feedback_session_facilitator(user, feedback) -> bool:
    return feedback is not None and is_site_facilitator.test(user, feedback.stand.session.site)


runs_session = is_session_site_facilitator | is_staff
runs_stand = is_stand_site_facilitator | is_staff

# Sessions: created, prepared, opened and closed by the site's facilitators and staff.
rules.add_perm("testsessions.view_site_sessions", rules.always_allow)  # drafts are filtered by the selector
rules.add_perm("testsessions.add_session", is_site_facilitator | is_staff)
rules.add_perm("testsessions.manage_session", runs_session)
rules.add_perm("testsessions.export_session", runs_session)
rules.add_perm("testsessions.moderate_feedback", is_feedback_session_facilitator | is_staff)

# Stands: a tester needs only the token; the team reads its feedback, debriefs and reformulates.
rules.add_perm("testsessions.view_stand", rules.always_allow)
rules.add_perm("testsessions.give_feedback", is_stand_session_open & ~is_stand_team_member)
rules.add_perm("testsessions.view_feedback", is_stand_team_member | runs_stand)
# On a challenge: whether its page reads its stands at all (a stand is on its challenge's site).
rules.add_perm("testsessions.view_challenge_feedback", is_team_member | is_challenge_site_facilitator | is_staff)
rules.add_perm("testsessions.change_stand", leads_stand_team | runs_stand)
rules.add_perm("testsessions.remove_stand", runs_stand)
rules.add_perm("testsessions.write_debrief", leads_stand_team | runs_stand)
