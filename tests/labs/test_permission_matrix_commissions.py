"""Persona × URL for commissions. The personas' places:

- ``facilitator`` coordinates the lab; ``owner`` and ``contributor`` are ambassadors in it;
- ``outsider`` belongs to no network but is the *commissioner* of the « main » commission: they see its
  page and answer its reformulation, never its interview (403), and nothing else of the lab (404);
- ``owner`` interviewed for « main », so is on its team and sees the confidential interview;
  ``contributor`` is an ambassador of another commission (« staffed », proposed to them): 403 on it;
- ``staff`` reads the lab's commissions but never an interview (403);
- the other lab's commission answers 404 to every member of this lab (its existence is not revealed).

Each case runs on a fresh world; every POST row names its effect."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from innovation.models import Export
from labs.models import Commission, InterviewSketch, NetworkMembership, Reformulation, StaffingProposal
from labs.services import commissions as services
from tests.factories import UserFactory
from tests.helpers.matrix import LOGIN, cases_for, check_case, same_for_all
from tests.labs.factories import LabSessionFactory, NetworkFactory, NetworkMembershipFactory


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _grid_ready(commission, actor, checker=None, check=False):
    grid = services.grid_current(commission=commission)
    services.grid_question_add(grid=grid, actor=actor, section="outline", text="Quel est le besoin ?")
    services.grid_question_add(
        grid=grid, actor=actor, section="uncomfortable", text="À quoi servira-t-il ?", about_usefulness=True
    )
    if checker is not None:
        services.grid_submit(grid=grid, actor=actor, checker=checker)
        if check:
            services.grid_check(grid=grid, actor=checker)
    return grid


def _plan(commission, actor, interviewers):
    return services.interview_plan(
        commission=commission,
        actor=actor,
        held_at=timezone.now() + datetime.timedelta(days=2),
        place="Maison de la Région",
        interviewers=[(person, "Intervieweur") for person in interviewers],
        interviewees=[("Claire", "Commanditaire")],
    )


def _commission(lab, actor, title, commissioner):
    return services.commission_create(
        lab=lab,
        actor=actor,
        title=title,
        initial_request="Une demande",
        commissioner=commissioner,
        phases=list(lab.phases.all()[:2]),
    )


def _main(lab, coordinator, commissioner, team_member, checker):
    """Reformulated and waiting for the commissioner; ``team_member`` interviewed with the coordinator."""
    main = _commission(lab, coordinator, "Occiborne", commissioner)
    _grid_ready(main, coordinator, checker=checker, check=True)
    interview = _plan(main, coordinator, [coordinator, team_member])
    services.sketch_add(interview=interview, actor=coordinator, image=SimpleUploadedFile("c.png", png_bytes()))
    services.interview_record(commission=main, actor=coordinator)
    services.reformulation_record(commission=main, actor=coordinator, changes={"title": ("Occiline", "Un guichet")})
    return main


@pytest.fixture
def world(db, facilitator, owner, contributor, outsider):
    network = NetworkFactory(name="Ambassadeurs")
    lab = network.lab
    NetworkMembershipFactory(network=network, person=facilitator, role=NetworkMembership.Role.COORDINATOR)
    owner_m = NetworkMembershipFactory(network=network, person=owner, department="DRH")
    contributor_m = NetworkMembershipFactory(network=network, person=contributor, department="Jeunesse")
    stranger = UserFactory()
    main = _main(lab, facilitator, outsider, owner, contributor)
    grid_commission = _commission(lab, facilitator, "Conseil régional des jeunes", stranger)
    grid = _grid_ready(grid_commission, facilitator, checker=contributor)
    planned = _commission(lab, facilitator, "Réseau des assistantes", stranger)
    _grid_ready(planned, facilitator, checker=owner, check=True)
    _plan(planned, facilitator, [facilitator])
    staffed = _commission(lab, facilitator, "Accueil", stranger)
    _grid_ready(staffed, facilitator, checker=owner, check=True)
    _plan(staffed, facilitator, [facilitator])
    services.interview_record(commission=staffed, actor=facilitator)
    services.reformulation_record(commission=staffed, actor=facilitator, changes={"title": ("Accueil 2", "Mieux")})
    services.reformulation_review(commission=staffed, actor=stranger, validated=True)
    services.staffing_propose(commission=staffed, actor=facilitator, memberships=[owner_m, contributor_m], why={})
    accepted = staffed.proposals.get(membership=owner_m)
    services.proposal_answer(proposal=accepted, actor=owner, accept=True)
    LabSessionFactory(lab=lab)

    other_network = NetworkFactory(name="Autre réseau")
    other_coordinator = UserFactory()
    NetworkMembershipFactory(network=other_network, person=other_coordinator, role=NetworkMembership.Role.COORDINATOR)
    other_member = NetworkMembershipFactory(network=other_network).person
    other_main = _main(other_network.lab, other_coordinator, UserFactory(), other_member, other_member)
    return {
        "lab": lab,
        "main": main,
        "sketch": main.interview.sketches.first(),
        "grid_commission": grid_commission,
        "grid": grid,
        "planned": planned,
        "staffed": staffed,
        "proposal": staffed.proposals.get(membership=contributor_m),
        "other_lab": other_network.lab,
        "other_main": other_main,
        "other_sketch": other_main.interview.sketches.first(),
    }


def arg(key):
    return lambda world: [world[key].pk]


def expect(anonymous=LOGIN, outsider=404, contributor=403, owner=403, facilitator=403, staff=403):
    return {"anonymous": anonymous, "outsider": outsider, "contributor": contributor, "owner": owner,
            "facilitator": facilitator, "staff": staff}  # fmt: skip


def posted(expected, ok=302):
    return {persona: (ok if status == 200 else status) for persona, status in expected.items()}


def count(model, **lookups):
    return lambda world: model.objects.filter(**lookups).count()


def field_of(key, name):
    return lambda world: type(world[key]).objects.filter(pk=world[key].pk).values_list(name, flat=True).first()


MEMBERS_READ = expect(contributor=200, owner=200, facilitator=200, staff=200)
COORDINATOR_ONLY = expect(facilitator=200)
# On « main », the commissioner (outsider) knows the commission: refused with 403, not 404.
MAIN_COORDINATOR_ONLY = expect(outsider=403, facilitator=200)
OTHER_LAB = expect(contributor=404, owner=404, facilitator=404)
# The confidential interview: its team (owner interviewed) and the coordinators; never the commissioner,
# another ambassador or staff.
INTERVIEW = expect(outsider=403, owner=200, facilitator=200)

CASES = [
    *cases_for("labs:commission_board", MEMBERS_READ, args=arg("lab")),
    *cases_for("labs:commission_board", expect(contributor=404, owner=404, facilitator=404, staff=200),
               args=arg("other_lab")),
    *cases_for("labs:commission_create", expect(contributor=200, owner=200, facilitator=200), args=arg("lab")),
    *cases_for("labs:commission_create", posted(expect(contributor=200, owner=200, facilitator=200)), method="post",
               args=arg("lab"), data={"title": "Outiller", "initial_request": "Un logiciel", "mode": "ambassadors",
                                      "days_per_month": "1"},
               effect=count(Commission)),
    *cases_for("labs:commissions_file", posted(expect(facilitator=200, staff=200)), method="post", args=arg("lab"),
               data={"format": "xlsx"}, effect=count(Export)),
    *cases_for("labs:my_commissions", {**same_for_all(200), "anonymous": LOGIN}),
    *cases_for("labs:commission_detail", expect(outsider=200, contributor=200, owner=200, facilitator=200,
                                                staff=200), args=arg("main")),
    *cases_for("labs:commission_detail", expect(outsider=404, contributor=404, owner=404, facilitator=404,
                                                staff=200), args=arg("other_main")),
    *cases_for("labs:commission_detail", MEMBERS_READ, args=arg("staffed")),
    *cases_for("labs:commissioner_invite", posted(MAIN_COORDINATOR_ONLY), method="post", args=arg("main"),
               data={"email": "nouvelle@region.fr"}, effect=field_of("main", "commissioner_id")),
    *cases_for("labs:commission_sessions", MAIN_COORDINATOR_ONLY, args=arg("main")),
    *cases_for("labs:grid_edit", COORDINATOR_ONLY, args=arg("grid_commission")),
    *cases_for("labs:grid_edit", posted(COORDINATOR_ONLY), method="post", args=arg("grid_commission"),
               data={"action": "new_version"}, effect=count(Commission.grids.rel.related_model)),
    *cases_for("labs:grid_check", expect(contributor=200), args=arg("grid_commission")),
    *cases_for("labs:grid_check", posted(expect(contributor=200)), method="post", args=arg("grid_commission"),
               data={"notes": "Bien"}, effect=field_of("grid", "checked_at")),
    *cases_for("labs:interview_plan", COORDINATOR_ONLY, args=arg("grid_commission")),
    *cases_for("labs:interview", INTERVIEW, args=arg("main")),
    *cases_for("labs:interview", OTHER_LAB, args=arg("other_main")),
    *cases_for("labs:interview", posted(INTERVIEW), method="post", args=arg("main"),
               data={"revision": "0", "notes": "Très ouverte."}, effect=lambda world: world["main"].interview.__class__
               .objects.get(commission=world["main"]).notes),
    *cases_for("labs:sketch_add", posted(INTERVIEW), method="post", args=arg("main"),
               data=lambda world: {"image": SimpleUploadedFile("croquis.png", png_bytes(), "image/png")},
               effect=count(InterviewSketch)),
    *cases_for("labs:sketch_file", INTERVIEW, args=arg("sketch")),
    *cases_for("labs:sketch_file", OTHER_LAB, args=arg("other_sketch")),
    *cases_for("labs:interview_record", posted(COORDINATOR_ONLY), method="post", args=arg("planned"),
               effect=field_of("planned", "state")),
    *cases_for("labs:interview_in_sheet", posted(MAIN_COORDINATOR_ONLY), method="post", args=arg("main"),
               data={"included": "1"}, effect=field_of("main", "interview_in_sheet")),
    *cases_for("labs:reformulate", MAIN_COORDINATOR_ONLY, args=arg("main")),
    *cases_for("labs:reformulate", posted(MAIN_COORDINATOR_ONLY), method="post", args=arg("main"),
               data={"question": "Comment accueillir à distance ?", "question_reason": "Le besoin"},
               effect=count(Reformulation)),
    *cases_for("labs:reformulation_review", posted(expect(outsider=200)), method="post", args=arg("main"),
               data={"decision": "validate"}, effect=field_of("main", "state")),
    *cases_for("labs:staffing", COORDINATOR_ONLY, args=arg("staffed")),
    *cases_for("labs:staffing", posted(COORDINATOR_ONLY), method="post", args=arg("staffed"),
               data=lambda world: {"members": [m.pk for m in NetworkMembership.objects.filter(
                   network__lab=world["lab"], role="coordinator")]}, effect=count(StaffingProposal)),
    *cases_for("labs:team_confirm", posted(COORDINATOR_ONLY), method="post", args=arg("staffed"),
               effect=field_of("staffed", "state")),
    *cases_for("labs:proposal_answer", posted(expect(contributor=200)), method="post", args=arg("proposal"),
               data={"answer": "accept"}, effect=field_of("proposal", "status")),
    *cases_for("labs:commission_state", posted(MAIN_COORDINATOR_ONLY), method="post", args=arg("main"),
               data={"action": "abandon", "reason": "Plus de budget"}, effect=field_of("main", "state")),
    *cases_for("labs:commission_sheet", posted(expect(outsider=403, facilitator=200, staff=200)), method="post",
               args=arg("main"), effect=count(Export)),
]  # fmt: skip


def test_every_post_row_names_its_effect():
    assert [case.id for case in CASES if case.method == "post" and case.effect is None] == []


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case, world, personas):
    check_case(case, world=world, personas=personas)
