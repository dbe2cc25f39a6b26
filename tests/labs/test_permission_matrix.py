"""Persona × URL for labs. A lab's page and feed are public; a network is known to its members, its lab's
coordinators and staff (404 for others); what only coordinators do answers 403 to members and staff.

Each case runs on a fresh world. Every POST row sends valid data and names its effect: what it changes
must change when the request is accepted and stay as it was when it is refused. Where the persona's own
situation would make a write a no-op (undoing a step they never marked), ``prepare`` first puts them in
the situation the write changes, through the pages themselves. The facilitator coordinates the network
alone: they may not leave it before appointing another coordinator."""

import pytest
from django.urls import reverse

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


def count(model, **lookups):
    return lambda world: model.objects.filter(**lookups).count()


def field_of(path, name):
    def read(world):
        obj = world
        for key in path:
            obj = obj[key]
        return type(obj).objects.filter(pk=obj.pk).values_list(name, flat=True).first()

    return read


def first_post(url_name, key):
    """A ``prepare`` that posts to another page first, as the same persona (its answer does not matter)."""

    def prepare(client, world):
        client.post(reverse(url_name, args=[world[key].pk]))

    return prepare


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
    *cases_for(
        "labs:network_leave",
        posted(MEMBERS_READ) | {"staff": 403, "facilitator": 403},
        method="post",
        args=arg("network"),
        effect=count(NetworkMembership, status="active"),
    ),
    *cases_for("labs:values_edit", COORDINATOR_ONLY, args=arg("network")),
    *cases_for("labs:charter_edit", COORDINATOR_ONLY, args=arg("network")),
    *cases_for("labs:charter_version", MEMBERS_READ, args=charter_v1),
    # Staff see every network but are not members: they cannot accept its charter.
    *cases_for(
        "labs:charter_accept",
        posted(MEMBERS_READ) | {"staff": 403},
        method="post",
        args=arg("network"),
        effect=count(CharterAcceptance),
    ),
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
        effect=field_of(("memberships", 1), "role"),
    ),
    *cases_for(
        "labs:member_remove",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("memberships", 1),
        effect=field_of(("memberships", 1), "status"),
    ),
    *cases_for(
        "labs:application_accept",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("application"),
        data={"role": "ambassador"},
        effect=field_of(("application",), "status"),
    ),
    *cases_for(
        "labs:application_decline",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("application"),
        effect=field_of(("application",), "status"),
    ),
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
    *cases_for(
        "labs:step_done",
        posted(MEMBERS_READ) | {"staff": 403},
        method="post",
        args=arg("step"),
        effect=count(StepCompletion),
        prepare=first_post("labs:step_undo", "step"),
    ),
    *cases_for(
        "labs:step_undo",
        posted(MEMBERS_READ) | {"staff": 403},
        method="post",
        args=arg("step"),
        effect=count(StepCompletion),
        prepare=first_post("labs:step_done", "step"),
    ),
    *cases_for("labs:attestation_queue", COORDINATOR_ONLY, args=arg("network")),
    # An attestation by anybody but a coordinator of the lab is refused.
    *cases_for(
        "labs:step_attest",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("completion"),
        effect=count(StepCompletion, attested_at__isnull=False),
    ),
    *cases_for(
        "labs:step_attest",
        expect(contributor=404, owner=404, facilitator=404),
        method="post",
        args=arg("other", "completion"),
        effect=count(StepCompletion, attested_at__isnull=False),
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
    *cases_for(
        "labs:agenda_item_delete", posted(COORDINATOR_ONLY), method="post", args=arg("item"), effect=count(AgendaItem)
    ),
    *cases_for(
        "labs:session_register",
        posted(MEMBERS_READ) | {"staff": 403},
        method="post",
        args=arg("session"),
        effect=count(SessionRegistration),
        prepare=first_post("labs:session_unregister", "session"),
    ),
    *cases_for(
        "labs:session_unregister",
        posted(MEMBERS_READ) | {"staff": 403},
        method="post",
        args=arg("session"),
        effect=count(SessionRegistration),
        prepare=first_post("labs:session_register", "session"),
    ),
    *cases_for("labs:attendance", COORDINATOR_ONLY, args=arg("session")),
    *cases_for(
        "labs:session_export", posted(COORDINATOR_AND_STAFF), method="post", args=arg("session"), effect=count(Export)
    ),
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
    *cases_for(
        "labs:synthesis_publish",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("workshop"),
        effect=field_of(("workshop",), "synthesis_published_at"),
    ),
    *cases_for(
        "labs:note_section_add",
        posted(expect(contributor=200, facilitator=200)),
        method="post",
        args=arg("workshop"),
        data={"title": "Pistes"},
        effect=count(NoteSection),
    ),
    *cases_for(
        "labs:note_section_save",
        posted(expect(contributor=200, facilitator=200)),
        method="post",
        args=arg("section"),
        data={"revision": 0, "text": "Des notes"},
        effect=field_of(("section",), "text"),
    ),
    *cases_for(
        "labs:lead_add",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("workshop"),
        data={"kind": "contact", "text": "Une élue"},
        effect=count(WorkshopLead),
    ),
    *cases_for(
        "labs:lead_delete", posted(COORDINATOR_ONLY), method="post", args=arg("lead"), effect=count(WorkshopLead)
    ),
    *cases_for(
        "labs:next_step_add",
        posted(COORDINATOR_ONLY),
        method="post",
        args=arg("workshop"),
        data={"action": "Écrire", "owner_name": "Une invitée"},
        effect=count(NextStep),
    ),
    *cases_for(
        "labs:next_step_toggle",
        posted(expect(contributor=200, facilitator=200)),
        method="post",
        args=arg("next_step"),
        effect=field_of(("next_step",), "done_at"),
    ),
    # Library
    *cases_for("labs:resource_list", MEMBERS_READ, args=arg("lab")),
    *cases_for("labs:resource_create", COORDINATOR_ONLY, args=arg("lab")),
    *cases_for("labs:resource_edit", COORDINATOR_ONLY, args=arg("resource")),
    *cases_for(
        "labs:resource_delete", posted(COORDINATOR_ONLY), method="post", args=arg("resource"), effect=count(Resource)
    ),
]


def test_every_post_row_names_its_effect():
    assert [case.id for case in CASES if case.method == "post" and case.effect is None] == []


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
