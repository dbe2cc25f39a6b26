"""The challenge services: create, update, publish, move phase, phase content, reformulate; each audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from challenges.models import AuditEntry, Challenge, ChallengeLink, PhaseContent, QuestionReformulation
from challenges.services import challenges as services
from tests.challenges.factories import ChallengeFactory, SiteFactory, ThemeFactory
from tests.challenges.helpers import pdf_upload
from tests.factories import OrganisationFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _fields(**overrides):
    return {"number": 3, "question": "Comment simplifier les inscriptions ?", **overrides}


def test_create_a_draft_with_every_field_links_and_attachments(facilitator, media):
    site = SiteFactory(facilitators=[facilitator])
    theme = ThemeFactory(edition=site.edition)

    challenge = services.challenge_create(
        site=site,
        author=facilitator,
        organisation="Dinan Agglomération",
        fields=_fields(
            subject="Inscriptions",
            theme=theme,
            territory="Dinan",
            territory_communes=64,
            territory_inhabitants=95000,
            territory_figures=[{"label": "Écoles", "value": "80"}],
            stakes="**Simplifier**",
            stakeholders="Écoles",
            users="Familles",
            obstacles="Logiciels",
            levers="Volonté des élus",
        ),
        links=[services.LinkInput(title="Blog", url="https://example.org/blog")],
        attachments=[services.AttachmentInput(title="Fiche", file=pdf_upload())],
    )

    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.DRAFT
    assert challenge.organisation.name == "Dinan Agglomération"
    assert challenge.theme == theme and challenge.territory_inhabitants == 95000
    assert challenge.territory_figures == [{"label": "Écoles", "value": "80"}]
    assert list(challenge.links.values_list("url", flat=True)) == ["https://example.org/blog"]
    attachment = challenge.attachments.get()
    assert attachment.content_type == "application/pdf" and attachment.size > 0
    actions = list(challenge.audit_entries.order_by("id").values_list("action", "actor"))
    assert actions == [
        (AuditEntry.Action.CREATED, facilitator.pk),
        (AuditEntry.Action.ATTACHMENT_ADDED, facilitator.pk),
        (AuditEntry.Action.MEMBER_ADDED, facilitator.pk),
    ]
    created = challenge.audit_entries.get(action=AuditEntry.Action.CREATED)
    assert created.changes["question"] == [None, "Comment simplifier les inscriptions ?"]
    assert created.changes["links"] == [None, ["Blog <https://example.org/blog>"]]


def test_an_existing_organisation_is_found_by_name_whatever_the_case(facilitator):
    existing = OrganisationFactory(name="Ville de Rennes")

    challenge = services.challenge_create(
        site=SiteFactory(), author=facilitator, organisation="ville de  rennes", fields=_fields()
    )

    assert challenge.organisation == existing


def test_create_refuses_a_missing_question_a_taken_number_and_a_theme_of_another_edition(facilitator):
    site = SiteFactory()
    ChallengeFactory(site=site, number=3)
    foreign_theme = ThemeFactory()

    with pytest.raises(ValidationError) as caught:
        services.challenge_create(
            site=site, author=facilitator, organisation="CD 35", fields=_fields(question="  ", theme=foreign_theme)
        )

    assert set(caught.value.error_dict) == {"question", "number", "theme"}
    assert Challenge.objects.filter(site=site).count() == 1
    assert not AuditEntry.objects.exists()


def test_the_same_number_is_free_on_another_site(facilitator):
    ChallengeFactory(number=3)

    challenge = services.challenge_create(
        site=SiteFactory(), author=facilitator, organisation="CD 35", fields=_fields()
    )

    assert challenge.number == 3


def test_update_records_each_changed_field_before_and_after(owner):
    challenge = ChallengeFactory(subject="Avant", territory="Rennes")
    ChallengeLink.objects.create(challenge=challenge, title="Ancien", url="https://example.org/a")

    services.challenge_update(
        challenge=challenge,
        actor=owner,
        organisation=challenge.organisation,
        fields={"subject": "Après", "territory": "Rennes", "territory_communes": 43},
        links=[services.LinkInput(title="Nouveau", url="https://example.org/b")],
    )

    entry = AuditEntry.objects.get(challenge=challenge, action=AuditEntry.Action.UPDATED)
    assert entry.actor == owner
    assert entry.changes == {
        "subject": ["Avant", "Après"],
        "territory_communes": [None, 43],
        "links": [["Ancien <https://example.org/a>"], ["Nouveau <https://example.org/b>"]],
    }
    assert list(challenge.links.values_list("title", flat=True)) == ["Nouveau"]


def test_update_cannot_change_the_question_without_a_reformulation(owner):
    challenge = ChallengeFactory()

    with pytest.raises(ValidationError) as caught:
        services.challenge_update(
            challenge=challenge, actor=owner, organisation=challenge.organisation, fields={"question": "Autre ?"}
        )

    assert "question" in caught.value.error_dict


def test_update_removes_attachments_and_their_files_once_committed(owner, media, django_capture_on_commit_callbacks):
    challenge = ChallengeFactory()
    attachment = services.attachment_add(challenge=challenge, actor=owner, title="Plan", file=pdf_upload())
    path = media / attachment.file.name

    with django_capture_on_commit_callbacks() as on_commit:
        services.challenge_update(
            challenge=challenge,
            actor=owner,
            organisation=challenge.organisation,
            fields={},
            removed_attachment_ids=[attachment.pk],
        )
        assert path.exists()  # the transaction is not committed yet: the file is still there
    for callback in on_commit:
        callback()

    assert not path.exists()
    assert not challenge.attachments.exists()
    assert challenge.audit_entries.filter(action=AuditEntry.Action.ATTACHMENT_REMOVED).get().changes == {
        "attachment": ["Plan", None]
    }


def test_move_phase_forwards_and_back_is_audited(facilitator):
    challenge = ChallengeFactory()

    services.challenge_move_phase(challenge=challenge, actor=facilitator, phase=Challenge.Phase.PROTOTYPE)
    services.challenge_move_phase(challenge=challenge, actor=facilitator, phase=Challenge.Phase.SELECTED_IDEA)

    challenge.refresh_from_db()
    assert challenge.phase == Challenge.Phase.SELECTED_IDEA
    moves = list(
        challenge.audit_entries.filter(action=AuditEntry.Action.PHASE_MOVED)
        .order_by("id")
        .values_list("changes", flat=True)
    )
    assert moves == [{"phase": ["ideation", "prototype"]}, {"phase": ["prototype", "selected_idea"]}]


def test_move_to_an_unknown_phase_is_refused(facilitator):
    challenge = ChallengeFactory()

    with pytest.raises(ValidationError):
        services.challenge_move_phase(challenge=challenge, actor=facilitator, phase="launch")

    assert not challenge.audit_entries.exists()


def test_moving_to_the_current_phase_changes_nothing(facilitator):
    challenge = ChallengeFactory()

    services.challenge_move_phase(challenge=challenge, actor=facilitator, phase=Challenge.Phase.IDEATION)

    assert not challenge.audit_entries.exists()


def test_phase_content_keeps_one_row_per_phase_with_its_files(facilitator, media):
    challenge = ChallengeFactory()

    services.phase_content_update(challenge=challenge, actor=facilitator, phase="test", text="Au guichet", learnings="")
    content = services.phase_content_update(
        challenge=challenge,
        actor=facilitator,
        phase="test",
        text="Au guichet, avec 12 familles",
        learnings="Le formulaire est trop long",
        attachments=[services.AttachmentInput(title="Photo", file=pdf_upload("photo.pdf"))],
    )

    assert PhaseContent.objects.filter(challenge=challenge).count() == 1
    assert content.learnings == "Le formulaire est trop long" and content.updated_by == facilitator
    assert challenge.attachments.get().phase == "test"
    assert challenge.audit_entries.filter(action=AuditEntry.Action.PHASE_CONTENT_UPDATED).count() == 2


def test_learnings_are_kept_for_the_test_phase_only(facilitator):
    challenge = ChallengeFactory()

    content = services.phase_content_update(
        challenge=challenge, actor=facilitator, phase="ideation", text="Idées", learnings="ignoré"
    )

    assert content.learnings == ""


def test_reformulate_keeps_the_previous_question_the_reason_and_the_author(facilitator):
    challenge = ChallengeFactory(question="Comment faire ?")

    reformulation = services.challenge_reformulate_question(
        challenge=challenge, author=facilitator, question="Comment mieux  accueillir ?", reason="Le terrain a parlé."
    )

    challenge.refresh_from_db()
    assert challenge.question == "Comment mieux accueillir ?"
    assert (reformulation.previous_question, reformulation.new_question) == ("Comment faire ?", challenge.question)
    assert reformulation.reason == "Le terrain a parlé." and reformulation.author == facilitator
    entry = challenge.audit_entries.get()
    assert entry.action == AuditEntry.Action.QUESTION_REFORMULATED
    assert entry.changes["question"] == ["Comment faire ?", "Comment mieux accueillir ?"]


@pytest.mark.parametrize(
    ("question", "reason", "fields"),
    [("", "Parce que", {"question"}), ("Comment faire ?", "Parce que", {"question"}), ("Autre ?", " ", {"reason"})],
)
def test_reformulate_needs_a_new_question_and_a_reason(facilitator, question, reason, fields):
    challenge = ChallengeFactory(question="Comment faire ?")

    with pytest.raises(ValidationError) as caught:
        services.challenge_reformulate_question(
            challenge=challenge, author=facilitator, question=question, reason=reason
        )

    assert set(caught.value.error_dict) == fields
    assert not QuestionReformulation.objects.exists()


def test_publish_and_unpublish_are_audited(facilitator):
    challenge = ChallengeFactory(status=Challenge.Status.DRAFT)

    services.challenge_set_status(challenge=challenge, actor=facilitator, status=Challenge.Status.PUBLISHED)
    services.challenge_set_status(challenge=challenge, actor=facilitator, status=Challenge.Status.DRAFT)

    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.DRAFT
    assert list(challenge.audit_entries.order_by("id").values_list("action", flat=True)) == [
        AuditEntry.Action.PUBLISHED,
        AuditEntry.Action.UNPUBLISHED,
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Ville de Rennes", "commune"),
        ("Commune de Bruz", "commune"),
        ("Mairie de Saint-Malo", "commune"),
        ("Rennes Métropole", "epci"),
        ("Dinan Agglomération", "epci"),
        ("Communauté de communes du Val d’Ille", "epci"),
        ("Département d’Ille-et-Vilaine (CD 35)", "departement"),
        ("Conseil départemental du Finistère", "departement"),
        ("Région Bretagne", "region"),
        ("Préfecture d’Ille-et-Vilaine", "etat"),
        ("CNFPT Bretagne", "cnfpt"),
        ("Association Les Petits Débrouillards", "association"),
        ("La Transfo", "other"),
    ],
)
def test_a_new_organisation_gets_the_kind_its_name_says(name, kind):
    assert services.organisation_kind_for_name(name=name) == kind


def test_a_removal_rolled_back_keeps_the_attachment_and_its_file(owner, media, django_capture_on_commit_callbacks):
    # Given an attachment with its file
    challenge = ChallengeFactory()
    attachment = services.attachment_add(challenge=challenge, actor=owner, title="Plan", file=pdf_upload())
    pk, path = attachment.pk, media / attachment.file.name

    # When its removal fails after the fact, in the same transaction (a later write is refused)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.attachment_remove(attachment=attachment, actor=owner)
        raise RuntimeError("a later write fails")

    # Then the row and the file are both still there
    assert challenge.attachments.filter(pk=pk).exists()
    assert path.read_bytes().startswith(b"%PDF")
