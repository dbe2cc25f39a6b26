"""Who may do what with editions, sites and challenges: named predicates, used by views, templates and tests.

Roles are held on objects: a site's facilitators (``Site.facilitators``) and a
challenge's team (``TeamMembership``: owner, facilitator, contributor). CNFPT
staff (``User.is_staff``) may do everything.
"""

from __future__ import annotations

import rules

from challenges.models import Challenge, Site, TeamMembership
from challenges.selectors.challenges import challenges_visible_to

is_staff = rules.is_staff


def _team_role(user, challenge: Challenge) -> str | None:
    """The person's role on the challenge's team, fetched once per request and object."""
    if not user.is_authenticated or challenge is None:
        return None
    cache = challenge.__dict__.setdefault("_team_roles", {})
    if user.pk not in cache:
        cache[user.pk] = (
            TeamMembership.objects.filter(challenge=challenge, person=user).values_list("role", flat=True).first()
        )
    return cache[user.pk]


@rules.predicate
def is_site_facilitator(user, site: Site) -> bool:
    """Asked once per request, person and site object; a page that read the answer with the site primes it
    (``site.__dict__["_facilitates"]``, as the challenge page primes ``_team_roles``)."""
    if not user.is_authenticated or site is None:
        return False
    cache = site.__dict__.setdefault("_facilitates", {})
    if user.pk not in cache:
        cache[user.pk] = site.facilitators.filter(pk=user.pk).exists()
    return cache[user.pk]


@rules.predicate
def is_site_team_member(user, site: Site) -> bool:
    """On the team of a challenge of the site; asked once per request, person and site object (a page that read
    the answer with the site primes ``site.__dict__["_in_a_team"]``)."""
    if not user.is_authenticated or site is None:
        return False
    cache = site.__dict__.setdefault("_in_a_team", {})
    if user.pk not in cache:
        cache[user.pk] = TeamMembership.objects.filter(person=user, challenge__site=site).exists()
    return cache[user.pk]


@rules.predicate
def is_challenge_site_facilitator(user, challenge: Challenge) -> bool:
    return challenge is not None and is_site_facilitator.test(user, challenge.site)


@rules.predicate
def is_team_owner(user, challenge: Challenge) -> bool:
    return _team_role(user, challenge) == TeamMembership.Role.OWNER


@rules.predicate
def is_team_facilitator(user, challenge: Challenge) -> bool:
    return _team_role(user, challenge) == TeamMembership.Role.FACILITATOR


@rules.predicate
def is_team_contributor(user, challenge: Challenge) -> bool:
    return _team_role(user, challenge) == TeamMembership.Role.CONTRIBUTOR


@rules.predicate
def is_team_member(user, challenge: Challenge) -> bool:
    return _team_role(user, challenge) is not None


@rules.predicate
def can_see_challenge(user, challenge: Challenge) -> bool:
    """Whether ``challenge`` is among ``challenges_visible_to(user)``: visibility is written once, as that query.

    Asked once per request and object; a page that loaded the challenge through that query primes the answer.
    """
    if challenge is None:
        return False
    cache = challenge.__dict__.setdefault("_visible_to", {})
    if user.pk not in cache:
        cache[user.pk] = challenges_visible_to(user=user).filter(pk=challenge.pk).exists()
    return cache[user.pk]


runs_challenge = is_team_facilitator | is_challenge_site_facilitator | is_staff

# Editions and sites (their pages and calendars are public)
rules.add_perm("challenges.view_calendar", rules.always_allow)
rules.add_perm("challenges.view_edition_themes", rules.always_allow)
rules.add_perm("challenges.add_edition", is_staff)
rules.add_perm("challenges.change_edition", is_staff)
rules.add_perm("challenges.change_site", is_staff)
rules.add_perm("challenges.appoint_facilitators", is_staff)
rules.add_perm("challenges.add_challenge", is_site_facilitator | is_staff)
rules.add_perm("challenges.import_challenges", is_site_facilitator | is_staff)
rules.add_perm("challenges.change_programme", is_site_facilitator | is_staff)  # on a site (issue 15)

# Challenges
rules.add_perm("challenges.view_challenge", can_see_challenge)
rules.add_perm("challenges.change_challenge", is_team_owner | runs_challenge)
rules.add_perm("challenges.manage_team", runs_challenge)
rules.add_perm("challenges.move_phase", runs_challenge)
rules.add_perm("challenges.reformulate_question", runs_challenge)
rules.add_perm("challenges.view_history", is_team_member | is_challenge_site_facilitator | is_staff)
rules.add_perm("challenges.publish_challenge", runs_challenge)
# The team's consent: only its owner lets the open data show the latest verdict.
rules.add_perm("challenges.share_verdict", is_team_owner)

# Key ideas of the ideation phase: the team lists and retains them, the owner confirms the retained one.
rules.add_perm("challenges.manage_ideas", is_team_member | runs_challenge)
rules.add_perm("challenges.confirm_idea", is_team_owner)
