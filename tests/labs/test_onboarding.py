"""The onboarding journey: members mark steps done, only a coordinator of the lab attests them (the member is
told, the audit keeps who did), and a new version keeps everyone's progress on the steps that stay."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from labs.models import AuditEntry, OnboardingJourney, OnboardingStep, StepCompletion
from labs.selectors.onboarding import network_progress
from labs.services import onboarding
from tests.labs.factories import LabSessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["owner", "contributor", "staff"])
def test_an_attestation_by_anybody_but_a_coordinator_gets_403_and_changes_nothing(client, world, personas, persona):
    client.force_login(personas[persona])

    response = client.post(reverse("labs:step_attest", args=[world["completion"].pk]))

    assert response.status_code == 403
    world["completion"].refresh_from_db()
    assert world["completion"].attested_at is None
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.STEP_ATTESTED).exists()


def test_a_coordinator_of_another_lab_does_not_even_see_the_attestation(client, world):
    client.force_login(world["other"]["coordination"].person)

    response = client.post(reverse("labs:step_attest", args=[world["completion"].pk]))

    assert response.status_code == 404


def test_the_coordinator_attests_from_the_queue_the_member_is_told_and_it_is_audited(
    client, world, facilitator, owner, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    queue = client.get(reverse("labs:attestation_queue", args=[world["network"].pk])).content.decode()
    assert "Attester «\u00a0Suivre le MOOC\u00a0» pour Sophie (owner)" in queue

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("labs:step_attest", args=[world["completion"].pk]))

    completion = StepCompletion.objects.get(pk=world["completion"].pk)
    assert completion.attested_by == facilitator and completion.attested_at is not None
    entry = AuditEntry.objects.get(action=AuditEntry.Action.STEP_ATTESTED)
    assert entry.actor == facilitator and "Suivre le MOOC" in entry.subject
    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert "a attesté votre étape «\u00a0Suivre le MOOC\u00a0»" in mail.outbox[0].body
    assert (
        "Rien à attester." in client.get(reverse("labs:attestation_queue", args=[world["network"].pk])).content.decode()
    )


def test_attesting_twice_writes_one_attestation_and_one_notification(world, facilitator):
    onboarding.step_attest(completion=world["completion"], actor=facilitator)
    onboarding.step_attest(completion=world["completion"], actor=facilitator)

    assert AuditEntry.objects.filter(action=AuditEntry.Action.STEP_ATTESTED).count() == 1


def test_a_member_marks_a_step_done_and_takes_it_back_unless_attested(world, contributor, facilitator):
    step = world["step"]

    completion = onboarding.step_complete(step=step, person=contributor)
    onboarding.step_complete(step=step, person=contributor)
    onboarding.step_undo(step=step, person=contributor)
    assert not StepCompletion.objects.filter(pk=completion.pk).exists()

    completion = onboarding.step_complete(step=step, person=contributor)
    onboarding.step_attest(completion=completion, actor=facilitator)
    with pytest.raises(ValidationError):
        onboarding.step_undo(step=step, person=contributor)


def test_a_new_version_keeps_progress_on_the_steps_that_stay(world, facilitator, owner):
    network = world["network"]
    mooc = world["step"]
    onboarding.step_attest(completion=world["completion"], actor=facilitator)

    journey = onboarding.journey_publish(
        network=network,
        actor=facilitator,
        title="Parcours v2",
        base_version=1,
        steps=[
            onboarding.StepInput(key=mooc.key, title="Suivre le MOOC U Lab", kind="mooc", requires_attestation=True),
            onboarding.StepInput(title="Journée d’intégration", kind="integration_day", position=2),
        ],
    )

    assert journey.version == 2
    _journey, _steps, progress = network_progress(network=network)
    owner_progress = progress[world["membership"].pk]
    assert [state.step.title for state in owner_progress.steps] == ["Suivre le MOOC U Lab", "Journée d’intégration"]
    assert owner_progress.steps[0].complete and not owner_progress.steps[1].done
    assert AuditEntry.objects.filter(action=AuditEntry.Action.JOURNEY_PUBLISHED).exists()


def test_a_step_of_an_older_version_cannot_be_marked_done(world, facilitator, contributor):
    old_step = world["step"]
    onboarding.journey_publish(
        network=world["network"], actor=facilitator, title="v2", base_version=1,
        steps=[onboarding.StepInput(title="Nouvelle étape")],
    )  # fmt: skip

    with pytest.raises(ValidationError):
        onboarding.step_complete(step=old_step, person=contributor)


def test_the_journey_editor_starts_from_the_default_steps_and_publishes_version_1(client, world, facilitator):
    network = world["network"]
    OnboardingJourney.objects.filter(network=network).delete()
    client.force_login(facilitator)
    url = reverse("labs:onboarding_edit", args=[network.pk])

    formset = client.get(url).context["formset"]
    titles = [form.initial.get("title") for form in formset.forms if form.initial.get("title")]
    assert titles[0] == "Lire les valeurs et accepter la charte" and titles[-1] == "Rattraper les sessions passées"
    data = {"title": "Parcours nouvel ambassadeur", "summary": "", "base_version": "",
            "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "20", "steps-0-position": "1", "steps-0-kind": "mooc",
            "steps-0-title": "Suivre le MOOC", "steps-0-requires_attestation": "on"}  # fmt: skip
    response = client.post(url, data)

    assert response.status_code == 302
    step = OnboardingStep.objects.get(journey__network=network)
    assert step.requires_attestation and step.journey.version == 1


def test_the_catch_up_lists_past_sessions_with_their_syntheses(client, world, owner):
    LabSessionFactory(
        lab=world["lab"], number=3, title="Session passée", synthesis="Ce que nous avons appris.",
        starts_on=timezone.localdate().replace(year=2018), ends_on=timezone.localdate().replace(year=2018),
    )  # fmt: skip
    client.force_login(owner)

    page = client.get(reverse("labs:onboarding", args=[world["network"].pk])).content.decode()

    assert "Session passée" in page and "Ce que nous avons appris." in page
