"""The lab's library: kept by its coordinators, tagged by method phase, filtered by section and phase, linked
from onboarding steps and workshop leads."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from labs.models import Resource, WorkshopLead
from labs.services import onboarding, workshops
from tests.labs.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_a_resource_tagged_by_phase_and_a_duplicate_title_is_refused(client, world, facilitator):
    client.force_login(facilitator)
    url = reverse("labs:resource_create", args=[world["lab"].pk])
    ideation = world["lab"].phases.get(name="Idéation")
    data = {"kind": "method", "title": "Grille du démarreur bienveillant", "body": "Les questions dérangeantes.",
            "url": "", "phases": [ideation.pk]}  # fmt: skip

    client.post(url, data)
    response = client.post(url, {**data, "title": "grille du démarreur bienveillant"})

    resource = Resource.objects.get(lab=world["lab"], kind="method")
    assert list(resource.phases.all()) == [ideation]
    assert "a déjà ce titre" in response.context["form"].errors["title"][0]


def test_the_library_filters_by_section_and_phase(client, world, owner):
    ideation = world["lab"].phases.get(name="Idéation")
    ResourceFactory(lab=world["lab"], kind="method", title="Carte d’empathie").phases.set([ideation])
    ResourceFactory(lab=world["lab"], kind="bibliography", title="Un livre")
    client.force_login(owner)
    url = reverse("labs:resource_list", args=[world["lab"].pk])

    by_phase = client.get(url, {"phase": ideation.pk}).context["sections"]
    by_kind = client.get(url, {"kind": "bibliography"}).context["sections"]

    assert [(title, [r.title for r in items]) for title, items in by_phase] == [("Méthode", ["Carte d’empathie"])]
    assert [(title, [r.title for r in items]) for title, items in by_kind] == [("Bibliographie", ["Un livre"])]


def test_onboarding_steps_and_workshop_leads_link_resources_of_their_own_lab_only(world, facilitator):
    mine, theirs = world["resource"], world["other"]["resource"]

    with pytest.raises(ValidationError) as error:
        onboarding.journey_publish(network=world["network"], actor=facilitator, title="v2", base_version=1,
                                   steps=[onboarding.StepInput(title="Lire", resource=theirs)])  # fmt: skip
    assert "bibliothèque de ce labo" in str(error.value)
    with pytest.raises(ValidationError) as error:
        workshops.lead_add(workshop=world["workshop"], actor=facilitator, kind="resource", text="x", resource=theirs)
    assert "resource" in error.value.message_dict

    workshops.lead_add(workshop=world["workshop"], actor=facilitator, kind="resource", text="Voir", resource=mine)
    assert WorkshopLead.objects.filter(resource=mine).exists()
