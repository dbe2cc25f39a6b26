"""Persona × URL for editions, sites, challenges, their team, phases, question and history.

A draft is hidden (404) from whoever may not see it, including a facilitator of another
site; a person who sees a challenge but lacks a permission gets 403; anonymous people are
sent to the login page for whatever they may not see or do (a draft included: nothing is revealed,
and a signed-out team member lands on it after signing in).
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from challenges.models import Challenge, ChallengeAttachment, PhaseContent, TeamMembership
from tests.challenges.factories import ChallengeFactory, TeamMembershipFactory
from tests.challenges.helpers import PDF_BYTES, challenge_form_data
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all


def _edition(w):
    return [w["edition"].pk]


def _site(w):
    return [w["site"].pk]


def _other_site(w):
    return [w["other_site"].pk]


def _challenge(w):
    return [w["challenge"].pk]


def _draft(w):
    return [w["draft"].pk]


def _other(w):
    return [w["other_challenge"].pk]


def _other_published(w):
    return [w["other_published"].pk]


TEAM_ONLY = {"anonymous": LOGIN, "outsider": 404, "contributor": 200, "owner": 200, "facilitator": 200, "staff": 200}
STAFF_ONLY_404 = {**same_for_all(404), "anonymous": LOGIN, "staff": 200}
RUNNERS_GET = {"anonymous": LOGIN, "outsider": 403, "contributor": 403, "owner": 403, "facilitator": 200, "staff": 200}
RUNNERS_POST = {**RUNNERS_GET, "facilitator": 302, "staff": 302}
CHANGERS_GET = {**RUNNERS_GET, "owner": 200}
CHANGERS_POST = {**RUNNERS_POST, "owner": 302}
TEAM_AND_RUNNERS = {
    "anonymous": LOGIN,
    "outsider": 403,
    "contributor": 200,
    "owner": 200,
    "facilitator": 200,
    "staff": 200,
}


def _draft_variant(expected):
    """The same row on the draft: an outsider no longer sees it (404 instead of 403)."""
    return {**expected, "outsider": 404}


INVITE = {"email": "nouvelle@example.org", "display_name": "Nouvelle", "job_title": "", "role": "contributor"}


# What each write changes, read from the database (see tests/helpers/matrix.py).
def _challenges_on_site(w):
    return Challenge.objects.filter(site=w["site"]).count()


def _field_of(key, name):
    return lambda w: getattr(Challenge.objects.get(pk=w[key].pk), name)


def _phase_text(w):
    return list(PhaseContent.objects.filter(challenge=w["challenge"], phase="test").values_list("text", "learnings"))


def _team(w):
    return sorted(TeamMembership.objects.filter(challenge=w["challenge"]).values_list("person__email", flat=True))


CASES = [
    # Reading pages: open to everybody; drafts only to their team, site facilitators and staff.
    *cases_for("challenges:edition_list", same_for_all(200)),
    *cases_for("challenges:edition_detail", same_for_all(200), args=_edition),
    *cases_for("challenges:site_detail", same_for_all(200), args=_site),
    *cases_for("challenges:challenge_detail", same_for_all(200), args=_challenge),
    *cases_for("challenges:challenge_detail", TEAM_ONLY, args=_draft),
    *cases_for("challenges:challenge_detail", {**same_for_all(404), "anonymous": LOGIN, "staff": 200}, args=_other),
    *cases_for("challenges:attachment_download", same_for_all(200), args=lambda w: [w["challenge"].pk, w["file"].pk]),
    *cases_for("challenges:attachment_download", TEAM_ONLY, args=lambda w: [w["draft"].pk, w["draft_file"].pk]),
    # Creating a challenge: the site's facilitators and staff.
    *cases_for("challenges:challenge_create", RUNNERS_GET, args=_site),
    *cases_for("challenges:challenge_create", {**RUNNERS_GET, "facilitator": 403}, args=_other_site),
    *cases_for(
        "challenges:challenge_create",
        RUNNERS_POST,
        method="post",
        args=_site,
        data=challenge_form_data(),
        effect=_challenges_on_site,
    ),
    # Editing the description: the owner too, never a contributor.
    *cases_for("challenges:challenge_edit", CHANGERS_GET, args=_challenge),
    *cases_for("challenges:challenge_edit", _draft_variant(CHANGERS_GET), args=_draft),
    *cases_for("challenges:challenge_edit", STAFF_ONLY_404, args=_other),
    *cases_for("challenges:challenge_edit", {**CHANGERS_GET, "owner": 403, "facilitator": 403}, args=_other_published),
    *cases_for(
        "challenges:challenge_edit",
        CHANGERS_POST,
        method="post",
        args=_challenge,
        data=challenge_form_data(number="1", subject="Un sujet revu"),
        effect=_field_of("challenge", "subject"),
    ),
    # Publishing, moving the phase, reformulating, the team: facilitators and staff.
    *cases_for(
        "challenges:challenge_status",
        RUNNERS_POST,
        method="post",
        args=_challenge,
        data={"status": "draft", "confirmed": "on"},
        effect=_field_of("challenge", "status"),
    ),
    *cases_for(
        "challenges:challenge_status",
        {**STAFF_ONLY_404, "staff": 302},
        method="post",
        args=_other,
        data={"status": "published"},
        effect=_field_of("other_challenge", "status"),
    ),
    *cases_for(
        "challenges:challenge_move_phase",
        RUNNERS_POST,
        method="post",
        args=_challenge,
        data={"phase": "prototype"},
        effect=_field_of("challenge", "phase"),
    ),
    *cases_for(
        "challenges:challenge_move_phase",
        _draft_variant(RUNNERS_POST),
        method="post",
        args=_draft,
        data={"phase": "test"},
        effect=_field_of("draft", "phase"),
    ),
    *cases_for("challenges:phase_content_edit", CHANGERS_GET, args=lambda w: [w["challenge"].pk, "prototype"]),
    *cases_for(
        "challenges:phase_content_edit",
        CHANGERS_POST,
        method="post",
        args=lambda w: [w["challenge"].pk, "test"],
        data={
            "text": "Testé au guichet",
            "learnings": "Trop long",
            "files-TOTAL_FORMS": "0",
            "files-INITIAL_FORMS": "0",
        },
        effect=_phase_text,
    ),
    *cases_for("challenges:challenge_reformulate", RUNNERS_GET, args=_challenge),
    *cases_for(
        "challenges:challenge_reformulate",
        _draft_variant(RUNNERS_POST),
        method="post",
        args=_draft,
        data={"question": "Comment accueillir mieux ?", "reason": "Les usagers parlent d’accueil."},
        effect=_field_of("draft", "question"),
    ),
    *cases_for("challenges:challenge_reformulate", STAFF_ONLY_404, args=_other),
    *cases_for("challenges:team_manage", RUNNERS_GET, args=_challenge),
    *cases_for("challenges:team_manage", RUNNERS_POST, method="post", args=_challenge, data=INVITE, effect=_team),
    *cases_for("challenges:team_manage", STAFF_ONLY_404, args=_other),
    *cases_for(
        "challenges:team_member_remove",
        RUNNERS_POST,
        method="post",
        args=lambda w: [w["challenge"].pk, w["extra_member"].pk],
        effect=_team,
    ),
    # The audit trail: the team, the site's facilitators and staff.
    *cases_for("challenges:challenge_history", TEAM_AND_RUNNERS, args=_challenge),
    *cases_for("challenges:challenge_history", _draft_variant(TEAM_AND_RUNNERS), args=_draft),
    *cases_for("challenges:challenge_history", STAFF_ONLY_404, args=_other),
]


@pytest.fixture
def matrix_world(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    other_published = ChallengeFactory(site=world["other_site"], number=2, status=Challenge.Status.PUBLISHED)
    files = {}
    for key, challenge in (("file", world["challenge"]), ("draft_file", world["draft"])):
        attachment = ChallengeAttachment(challenge=challenge, title="Fiche", content_type="application/pdf", size=10)
        attachment.file.save("fiche.pdf", ContentFile(PDF_BYTES), save=True)
        files[key] = attachment
    return {
        **world,
        **files,
        "other_published": other_published,
        "extra_member": TeamMembershipFactory(challenge=world["challenge"]),
    }


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, matrix_world, personas):
    check_case(case, world=matrix_world, personas=personas)
