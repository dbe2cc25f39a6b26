"""What labs hold about a person is in their data download, and what is only about them goes with their
account: memberships with their skills, interviews, authorisation and its signed file, registrations."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from innovation.privacy import personal_data_of
from labs.models import (
    Authorisation,
    NetworkMembership,
    NextStep,
    SessionRegistration,
    SkillInterview,
    SkillRating,
    WorkshopParticipant,
)
from labs.privacy import erase
from tests.labs.factories import SkillRatingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_download_holds_the_person_s_labs_data(world, owner, contributor):
    SkillRatingFactory(membership=world["membership"], comment="Carton et ficelle")
    SkillInterview.objects.create(membership=world["membership"], held_on="2018-02-12", notes="Envie d’enquêter.")

    data = personal_data_of(person=owner)

    assert data["network_memberships"][0]["network"] == "Réseau des ambassadeurs"
    assert data["lab_skills"][0]["comment"] == "Carton et ficelle"
    assert data["lab_interviews"][0]["notes"] == "Envie d’enquêter."
    assert data["lab_authorisations"][0]["manager_name"] == "Anne Responsable"
    assert data["lab_onboarding"][0]["step"] == "Suivre le MOOC"
    assert data["lab_sessions"][0]["session"] == world["session"].number
    assert {row["workshop"] for row in personal_data_of(person=contributor)["lab_workshops"]} == {
        str(world["workshop"])
    }


def test_the_erasure_takes_what_is_only_about_the_person_and_keeps_their_contributions(
    world, owner, contributor, django_capture_on_commit_callbacks
):
    SkillRatingFactory(membership=world["membership"])
    file_name = Authorisation.objects.get(membership=world["membership"]).file.name
    assert default_storage.exists(file_name)

    with django_capture_on_commit_callbacks(execute=True):
        erase(person=owner)
        erase(person=contributor)

    assert not NetworkMembership.objects.filter(person__in=[owner, contributor]).exists()
    assert not SkillRating.objects.exists()  # the owner's one rating went with the membership
    assert not Authorisation.objects.filter(membership__person=owner).exists()
    assert not default_storage.exists(file_name)
    assert not SessionRegistration.objects.filter(person=owner).exists()
    participant = WorkshopParticipant.objects.get(workshop=world["workshop"], person=contributor)
    assert participant.name == ""  # the copy of the name goes, the row (pointing at the anonymised person) stays
    assert NextStep.objects.filter(owner=contributor).exists()  # a contribution to the workshop
