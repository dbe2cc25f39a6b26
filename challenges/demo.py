"""Load the demo's 2018 summer university and its fourteen Rennes challenges (``challenges/demo_2018.py``).

Called by ``manage.py load_demo_data`` after ``innovation.demo.load_people()``. Every write goes
through the services the pages use, so each challenge's history and audit trail are the real
ones: created, team built, published, phase after phase, question reformulated. Idempotent: rows
are found by their natural keys (edition title, site place, theme position, challenge number on
the site, person e-mail) and only what differs is changed, through the same services; a second
run writes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from challenges.demo_2018 import (
    CHALLENGE_2_IDEAS,
    CHALLENGE_2_RETAINED,
    DIGITAL_CHALLENGES,
    EDITION_DESCRIPTION,
    EDITION_ORGANISER,
    EDITION_TITLE,
    ENDS_ON,
    FACILITATOR,
    RENNES,
    RENNES_2018,
    RENNES_PARTICIPANTS,
    RENNES_PROGRAMME,
    SITES,
    STAFF,
    STARTS_ON,
    TEAM_PEOPLE,
    THEMES,
    DemoChallenge,
)
from challenges.models import Challenge, Edition, Site, Theme
from challenges.models.challenges import PHASE_ORDER
from challenges.services import challenges as challenge_services
from challenges.services import editions as edition_services
from challenges.services import ideas as idea_services
from challenges.services import teams as team_services
from innovation.demo import demo_person_ensure
from innovation.models import Organisation, User

__all__ = ["EDITION_TITLE", "RENNES", "demo_rennes_challenge", "load"]

# Only when an older demo left another question in place: the history says why it changes back.
QUESTION_RESTORED = "La question de travail reprend celle que le défi a posée en 2018."


def demo_rennes_challenge(*, number: int) -> Challenge | None:
    """Challenge ``number`` of the demo's Rennes site, for the loaders of the apps built on challenges."""
    return Challenge.objects.filter(site__edition__title=EDITION_TITLE, site__place=RENNES, number=number).first()


def _edition(*, organiser: Organisation) -> Edition:
    wanted = {"organiser": organiser, "starts_on": STARTS_ON, "ends_on": ENDS_ON, "description": EDITION_DESCRIPTION}
    edition = Edition.objects.filter(title=EDITION_TITLE).first()
    if edition is None:
        return edition_services.edition_create(title=EDITION_TITLE, **wanted)
    changed = {name: value for name, value in wanted.items() if getattr(edition, name) != value}
    return edition_services.edition_update(edition=edition, **changed) if changed else edition


def _sites(*, edition: Edition) -> dict[str, Site]:
    existing = {site.place: site for site in edition.sites.all()}
    sites = {}
    for place, description in SITES:
        site = existing.get(place)
        if site is None:
            site = edition_services.site_create(edition=edition, place=place, description=description)
        else:
            wanted = {"starts_on": STARTS_ON, "ends_on": ENDS_ON, "description": description}
            changed = {name: value for name, value in wanted.items() if getattr(site, name) != value}
            if changed:
                edition_services.site_update(site=site, **changed)
        sites[place] = site
    return sites


def _themes(*, edition: Edition) -> dict[int, Theme]:
    """The four themes by position; an older demo's theme at that position is retitled, not duplicated."""
    existing = {theme.position: theme for theme in edition.themes.all()}
    themes = {}
    for position, (title, description) in enumerate(THEMES, start=1):
        theme = existing.get(position)
        if theme is None:
            theme = edition_services.theme_create(
                edition=edition, title=title, description=description, position=position
            )
        elif (theme.title, theme.description) != (title, description):
            edition_services.theme_update(theme=theme, title=title, description=description)
        themes[position] = theme
    return themes


def _description(item: DemoChallenge, *, theme: Theme) -> dict[str, Any]:
    return {
        "subject": item.subject,
        "theme": theme,
        "territory": item.territory,
        "territory_communes": item.communes,
        "territory_inhabitants": item.inhabitants,
        "territory_figures": [{"label": label, "value": value} for label, value in item.figures],
        "stakes": item.stakes,
        "stakeholders": item.stakeholders,
        "users": item.users,
        "obstacles": item.obstacles,
        "levers": item.levers,
    }


def _team(*, challenge: Challenge, item: DemoChallenge, actor: User, staff: User) -> None:
    """Build the story's team; the facilitator is staffed by CNFPT staff rather than adding themself."""
    wanted = dict(item.team)
    present = set()
    for membership in challenge.team.all():
        if wanted.get(membership.person.email) == membership.role:
            present.add(membership.person.email)
        else:  # not in the story's team, or in another role: the service has no role change
            team_services.team_member_remove(membership=membership, actor=actor)
    for email, role in item.team:
        if email not in present:
            inviter = staff if email == actor.email else actor
            team_services.team_member_invite(challenge=challenge, invited_by=inviter, email=email, role=role)


def _phases(*, challenge: Challenge, item: DemoChallenge, actor: User) -> None:
    """Write each phase's content in turn and move on, up to the phase the challenge has reached."""
    contents = {content.phase: content for content in challenge.phase_contents.all()}
    reached = PHASE_ORDER.index(item.phase)
    for index, phase in enumerate(PHASE_ORDER):
        text = item.phase_texts.get(phase, "") if index <= reached else ""
        learnings = item.learnings if phase == Challenge.Phase.TEST and text else ""
        if index <= reached and PHASE_ORDER.index(challenge.phase) < index:
            challenge_services.challenge_move_phase(challenge=challenge, actor=actor, phase=phase)
        content = contents.get(phase)
        stored = (content.text, content.learnings) if content else ("", "")
        if stored != (text, learnings):
            challenge_services.phase_content_update(
                challenge=challenge, actor=actor, phase=phase, text=text, learnings=learnings
            )
    if challenge.phase != item.phase:  # an older demo had taken it further
        challenge_services.challenge_move_phase(challenge=challenge, actor=actor, phase=item.phase)


def _question_steps(item: DemoChallenge) -> list[tuple[str, str, str]]:
    """(previous question, new question, reason) for each reformulation the story holds."""
    steps, previous = [], item.question
    for question, reason in item.reformulations:
        steps.append((previous, question, reason))
        previous = question
    return steps


def _question_restore(*, challenge: Challenge, item: DemoChallenge, actor: User) -> list[tuple[str, str, str]]:
    """Bring back the story's question if an older demo left another one; return the steps still to do."""
    done = {(r.previous_question, r.new_question) for r in challenge.reformulations.all()}
    pending = [step for step in _question_steps(item) if step[:2] not in done]
    expected = pending[0][0] if pending else item.final_question
    if challenge.question != expected:
        challenge_services.challenge_reformulate_question(
            challenge=challenge, author=actor, question=expected, reason=QUESTION_RESTORED
        )
    return pending


def _question_reformulate(*, challenge: Challenge, steps: list[tuple[str, str, str]], actor: User) -> None:
    for previous, question, reason in steps:
        if challenge.question != previous:
            challenge_services.challenge_reformulate_question(
                challenge=challenge, author=actor, question=previous, reason=QUESTION_RESTORED
            )
        challenge_services.challenge_reformulate_question(
            challenge=challenge, author=actor, question=question, reason=reason
        )


def _challenge(
    *,
    item: DemoChallenge,
    challenge: Challenge | None,
    site: Site,
    theme: Theme,
    organisation: Organisation,
    actor: User,
    staff: User,
) -> Challenge:
    fields = _description(item, theme=theme)
    if challenge is None:
        challenge = challenge_services.challenge_create(
            site=site,
            author=actor,
            organisation=organisation,
            fields={"number": item.number, "question": item.question, **fields},
        )
        steps = _question_steps(item)
    else:
        steps = _question_restore(challenge=challenge, item=item, actor=actor)
        changed = {name: value for name, value in fields.items() if getattr(challenge, name) != value}
        if changed or challenge.organisation_id != organisation.pk:
            challenge_services.challenge_update(
                challenge=challenge, actor=actor, organisation=organisation, fields=changed
            )
    _team(challenge=challenge, item=item, actor=actor, staff=staff)
    challenge_services.challenge_set_status(challenge=challenge, actor=actor, status=Challenge.Status.PUBLISHED)
    _phases(challenge=challenge, item=item, actor=actor)
    _question_reformulate(challenge=challenge, steps=steps, actor=actor)
    return challenge


@transaction.atomic
def load(*, people: dict[str, User]) -> Edition:
    """Create or refresh the 2018 summer university, its sites and themes, and the Rennes challenges."""
    names = {EDITION_ORGANISER} | {item.organisation for item in RENNES_2018}
    organisations = {organisation.name: organisation for organisation in Organisation.objects.filter(name__in=names)}
    for person in TEAM_PEOPLE:
        demo_person_ensure(
            email=person.email,
            display_name=person.display_name,
            job_title=person.job_title,
            organisation=organisations[person.organisation],
        )
    facilitator = people[FACILITATOR]

    edition = _edition(organiser=organisations[EDITION_ORGANISER])
    rennes = _sites(edition=edition)[RENNES]
    if not rennes.facilitators.filter(pk=facilitator.pk).exists():
        edition_services.site_facilitator_appoint(site=rennes, email=facilitator.email, appointed_by=people[STAFF])
    themes = _themes(edition=edition)

    existing = {
        challenge.number: challenge
        for challenge in Challenge.objects.filter(site=rennes)
        .select_related("organisation", "theme")
        .prefetch_related("team__person", "phase_contents", "reformulations")
    }
    made: dict[int, Challenge] = {}
    for item in RENNES_2018:
        made[item.number] = _challenge(
            item=item,
            challenge=existing.get(item.number),
            site=rennes,
            theme=themes[item.theme],
            organisation=organisations[item.organisation],
            actor=facilitator,
            staff=people[STAFF],
        )
    _method_loop(site=rennes, challenges=made, facilitator=facilitator)
    return edition


def _method_loop(*, site: Site, challenges: dict[int, Challenge], facilitator: User) -> None:
    """Issue 15: the site's participants and programme, the digital tag, challenge 2's key ideas (idempotent)."""
    if site.participant_count != RENNES_PARTICIPANTS:
        edition_services.site_update(site=site, participant_count=RENNES_PARTICIPANTS)
    if not site.programme.exists():
        for kind, title in RENNES_PROGRAMME:
            edition_services.site_programme_item_add(site=site, kind=kind, title=title)
    for challenge in challenges.values():
        nature = "digital" if challenge.number in DIGITAL_CHALLENGES else "non_digital"
        if challenge.nature != nature:
            challenge_services.challenge_update(
                challenge=challenge, actor=facilitator, organisation=challenge.organisation, fields={"nature": nature}
            )
    second = challenges.get(2)
    if second is not None and not second.ideas.exists():
        owner = second.team.filter(role="owner").select_related("person").first()
        actor = owner.person if owner else facilitator
        for index, (title, description) in enumerate(CHALLENGE_2_IDEAS):
            idea = idea_services.idea_add(challenge=second, actor=actor, title=title, description=description)
            if index < CHALLENGE_2_RETAINED:
                idea_services.idea_set_retained(idea=idea, actor=actor, retained=True)
