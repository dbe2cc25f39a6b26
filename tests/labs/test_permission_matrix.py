"""Persona × URL for labs. A lab's page and feed are public; a network is known to its members, its lab's
coordinators and staff (404 for others); what only coordinators do answers 403 to members and staff.

Each case runs on a fresh world; POST rows send valid data, and their effect is checked in the
behaviour tests (test_networks, test_charters, test_onboarding...)."""

import pytest

from innovation.models import Export
from labs.models import (
    AgendaItem,
    CharterAcceptance,
    NetworkMembership,
    NextStep,
    NoteSection,
    Resource,
    SessionRegistration,
    StepCompletion,
    WorkshopLead,
)
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all


def arg(*path):
    def args(world):
        obj = world
        for key in path:
            obj = obj[key]
        return [obj.pk]

    return args


def charter_v1(world):
    return [world["network"].pk, 1]


def expect(anonymous=LOGIN, outsider=404, contributor=403, owner=403, facilitator=403, staff=403):
    return {"anonymous": anonymous, "outsider": outsider, "contributor": contributor, "owner": owner,
            "facilitator": facilitator, "staff": staff}  # fmt: skip


PUBLIC = same_for_all(200)
MEMBERS_READ = expect(contributor=200, owner=200, facilitator=200, staff=200)
COORDINATOR_ONLY = expect(facilitator=200)
COORDINATOR_AND_STAFF = expect(facilitator=200, staff=200)
SIGNED_IN = {**same_for_all(200), "anonymous": LOGIN}


def posted(expected, ok=302):
    return {persona: (ok if status == 200 else status) for persona, status in expected.items()}


CASES = [
    # Labs
    *cases_for("labs:lab_list", PUBLIC),
    *cases_for("labs:lab_detail", PUBLIC, args=arg("lab")),
    *cases_for("labs:lab_detail", PUBLIC, args=arg("other_lab")),
    *cases_for("labs:lab_calendar", PUBLIC, args=arg("lab")),
    *cases_for("labs:lab_create", expect(outsider=403, staff=200)),
    *cases_for("labs:lab_edit", expect(outsider=403, facilitator=200), args=arg("lab")),
    *cases_for("labs:lab_edit", expect(outsider=403), args=arg("other_lab")),
    *cases_for("labs:phase_edit", expect(outsider=403, facilitator=200), args=arg("lab")),
    *cases_for("labs:dashboard", expect(outsider=403, facilitator=200, staff=200), args=arg("lab")),
    *cases_for("labs:dashboard", expect(outsider=403, staff=200), args=arg("other_lab")),
    *cases_for("labs:me", SIGNED_IN),
    # Networks
    *cases_for("labs:network_create", expect(outsider=403, facilitator=200, staff=200), args=arg("lab")),
    *cases_for("labs:network_detail", MEMBERS_READ, args=arg("network")),
    *cases_for(
        "labs:network_detail", expect(contributor=404, owner=404, facilitator=404, staff=200), args=arg("other_network")
    ),
    *cases_for("labs:network_edit", COORDINATOR_ONLY, args=arg("network")),
    *cases_for("labs:network_apply", expect(outsider=200, staff=200), args=arg("network")),
    *cases_for("labs:network_apply", {**SIGNED_IN}, args=arg("other_network")),
    *cases_for("labs:network_leave", posted(MEMBERS_READ) | {"staff": 403}, method="post", args=arg("network")),
    *cases_for("labs:values_edit", COORDINATOR_ONLY, args=arg("network")),
    *cases_for("labs:charter_edit", COORDINATOR_ONLY, args=arg("network")),
    *cases_for("labs:charter_version", MEMBERS_READ, args=charter_v1),
    # Staff see every network but are not members: they cannot accept its charter.
    *cases_for("labs:charter_accept", posted(MEMBERS_READ) | {"staff": 403}, method="post", args=arg("network")),
    *cases_for("labs:network_audit", COORDINATOR_AND_STAFF, args=arg("network")),
    *cases_for("labs:network_export", COORDINATOR_AND_STAFF, args=arg("network")),
    # Members
    *cases_for("labs:member_list", COORDINATOR_ONLY, args=arg("network")),
    *cases_for("labs:member_list", expect(contributor=404, owner=404, facilitator=404), args=arg("other_network")),
    *cases_for("labs:member_invite", COORDINATOR_ONLY, args=arg("network")),
    *cases_for(
        "labs:member_role",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("memberships", 1),
        data={"role": "referent"},
    ),
    *cases_for("labs:member_remove", posted(COORDINATOR_ONLY), method="post", args=arg("memberships", 1)),
    *cases_for(
        "labs:application_accept",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("application"),
        data={"role": "ambassador"},
    ),
    *cases_for("labs:application_decline", posted(COORDINATOR_ONLY), method="post", args=arg("application")),
    *cases_for("labs:skills_matrix", MEMBERS_READ, args=arg("network")),
    *cases_for("labs:skills_edit", expect(owner=200), args=arg("membership")),
    # Interview notes and authorisation files: the member and the coordinators, nobody else (not staff).
    *cases_for("labs:interviews", expect(owner=200, facilitator=200), args=arg("membership")),
    *cases_for("labs:authorisation", expect(owner=200, facilitator=200), args=arg("membership")),
    *cases_for("labs:authorisation_file", expect(owner=200, facilitator=200), args=arg("membership")),
    *cases_for(
        "labs:authorisation_file", expect(contributor=404, owner=404, facilitator=404), args=arg("other", "membership")
    ),
    # Onboarding
    *cases_for("labs:onboarding", MEMBERS_READ, args=arg("network")),
    *cases_for("labs:onboarding_edit", COORDINATOR_ONLY, args=arg("network")),
    *cases_for("labs:step_done", posted(MEMBERS_READ) | {"staff": 403}, method="post", args=arg("step")),
    *cases_for("labs:step_undo", posted(MEMBERS_READ) | {"staff": 403}, method="post", args=arg("step")),
    *cases_for("labs:attestation_queue", COORDINATOR_ONLY, args=arg("network")),
    # An attestation by anybody but a coordinator of the lab is refused.
    *cases_for("labs:step_attest", posted(COORDINATOR_ONLY), method="post", args=arg("completion")),
    *cases_for(
        "labs:step_attest",
        expect(contributor=404, owner=404, facilitator=404),
        method="post",
        args=arg("other", "completion"),
    ),
    # Lab sessions
    *cases_for("labs:session_list", MEMBERS_READ, args=arg("lab")),
    *cases_for("labs:session_create", COORDINATOR_ONLY, args=arg("lab")),
    *cases_for("labs:session_detail", MEMBERS_READ, args=arg("session")),
    *cases_for(
        "labs:session_detail",
        expect(contributor=404, owner=404, facilitator=404, staff=200),
        args=arg("other", "session"),
    ),
    *cases_for("labs:session_edit", COORDINATOR_ONLY, args=arg("session")),
    *cases_for("labs:session_edit", expect(contributor=404, owner=404, facilitator=404), args=arg("other", "session")),
    *cases_for("labs:agenda_edit", COORDINATOR_ONLY, args=arg("session")),
    *cases_for("labs:agenda_item_edit", COORDINATOR_ONLY, args=arg("item")),
    *cases_for("labs:agenda_item_delete", posted(COORDINATOR_ONLY), method="post", args=arg("item")),
    *cases_for("labs:session_register", posted(MEMBERS_READ) | {"staff": 403}, method="post", args=arg("session")),
    *cases_for("labs:session_unregister", posted(MEMBERS_READ) | {"staff": 403}, method="post", args=arg("session")),
    *cases_for("labs:attendance", COORDINATOR_ONLY, args=arg("session")),
    *cases_for("labs:session_export", posted(COORDINATOR_AND_STAFF), method="post", args=arg("session")),
    # Workshops: the contributor takes part in the workshop and owns its next step.
    *cases_for("labs:workshop_list", MEMBERS_READ, args=arg("lab")),
    *cases_for("labs:workshop_create", COORDINATOR_ONLY, args=arg("lab")),
    *cases_for("labs:workshop_detail", MEMBERS_READ, args=arg("workshop")),
    *cases_for(
        "labs:workshop_detail",
        expect(contributor=404, owner=404, facilitator=404, staff=200),
        args=arg("other", "workshop"),
    ),
    *cases_for("labs:workshop_edit", COORDINATOR_ONLY, args=arg("workshop")),
    *cases_for("labs:synthesis_edit", COORDINATOR_ONLY, args=arg("workshop")),
    *cases_for("labs:synthesis_publish", posted(COORDINATOR_ONLY), method="post", args=arg("workshop")),
    *cases_for(
        "labs:note_section_add",
        posted(expect(contributor=200, facilitator=200)),
        method="post",
        args=arg("workshop"),
        data={"title": "Pistes"},
    ),
    *cases_for(
        "labs:note_section_save",
        posted(expect(contributor=200, facilitator=200)),
        method="post",
        args=arg("section"),
        data={"revision": 0, "text": "Des notes"},
    ),
    *cases_for(
        "labs:lead_add",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("workshop"),
        data={"kind": "contact", "text": "Une élue"},
    ),
    *cases_for("labs:lead_delete", posted(COORDINATOR_ONLY), method="post", args=arg("lead")),
    *cases_for(
        "labs:next_step_add",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("workshop"),
        data={"action": "Écrire", "owner_name": "Une invitée"},
    ),
    *cases_for(
        "labs:next_step_toggle", posted(expect(contributor=200, facilitator=200)), method="post", args=arg("next_step")
    ),
    # Library
    *cases_for("labs:resource_list", MEMBERS_READ, args=arg("lab")),
    *cases_for("labs:resource_create", COORDINATOR_ONLY, args=arg("lab")),
    *cases_for("labs:resource_edit", COORDINATOR_ONLY, args=arg("resource")),
    *cases_for("labs:resource_delete", posted(COORDINATOR_ONLY), method="post", args=arg("resource")),
]


def _membership_status(world, user):
    return (
        NetworkMembership.objects.filter(network=world["network"], person=user).values_list("status", flat=True).first()
    )


def _refetch(key, field):
    def probe(world, user):
        obj = world[key]
        return type(obj).objects.filter(pk=obj.pk).values_list(field, flat=True).first()

    return probe


def _member(index, field):
    def probe(world, user):
        return NetworkMembership.objects.values_list(field, flat=True).get(pk=world["memberships"][index].pk)

    return probe


# What each POST changes, read before and after the request: a refused request changes nothing, an allowed
# one changes it, except where the persona's own situation makes it a no-op (listed with the probe).
EFFECTS = {
    "labs:network_leave": (_membership_status, {"facilitator"}),  # the last coordinator may not leave
    "labs:charter_accept": (lambda w, u: CharterAcceptance.objects.filter(person=u).count(), set()),
    "labs:member_role": (_member(1, "role"), set()),
    "labs:member_remove": (_member(1, "status"), set()),
    "labs:application_accept": (_refetch("application", "status"), set()),
    "labs:application_decline": (_refetch("application", "status"), set()),
    "labs:step_done": (lambda w, u: StepCompletion.objects.filter(membership__person=u).count(), {"owner"}),
    "labs:step_undo": (
        lambda w, u: StepCompletion.objects.filter(membership__person=u).count(),
        {"contributor", "facilitator"},
    ),
    "labs:step_attest": (_refetch("completion", "attested_at"), set()),
    "labs:agenda_item_delete": (lambda w, u: AgendaItem.objects.filter(pk=w["item"].pk).exists(), set()),
    "labs:session_register": (lambda w, u: SessionRegistration.objects.filter(person=u).count(), {"owner"}),
    "labs:session_unregister": (
        lambda w, u: SessionRegistration.objects.filter(person=u).count(),
        {"contributor", "facilitator"},
    ),
    "labs:session_export": (lambda w, u: Export.objects.count(), set()),
    "labs:synthesis_publish": (_refetch("workshop", "synthesis_published_at"), set()),
    "labs:note_section_add": (lambda w, u: NoteSection.objects.filter(workshop=w["workshop"]).count(), set()),
    "labs:note_section_save": (_refetch("section", "text"), set()),
    "labs:lead_add": (lambda w, u: WorkshopLead.objects.filter(workshop=w["workshop"]).count(), set()),
    "labs:lead_delete": (lambda w, u: WorkshopLead.objects.filter(pk=w["lead"].pk).exists(), set()),
    "labs:next_step_add": (lambda w, u: NextStep.objects.filter(workshop=w["workshop"]).count(), set()),
    "labs:next_step_toggle": (_refetch("next_step", "done_at"), set()),
    "labs:resource_delete": (lambda w, u: Resource.objects.filter(pk=w["resource"].pk).exists(), set()),
}


def test_every_post_row_has_its_effect_checked():
    posted_urls = {case.url_name for case in CASES if case.method == "post"}

    assert posted_urls == set(EFFECTS)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    user = personas[case.persona]
    probe, no_op_for = EFFECTS.get(case.url_name, (None, set()))
    before = probe(world, user) if probe else None

    check_case(case, world=world, personas=personas)

    if probe is not None:
        changed = probe(world, user) != before
        assert changed == (case.expected == 302 and case.persona not in no_op_for), f"{case.id}: changed={changed}"
