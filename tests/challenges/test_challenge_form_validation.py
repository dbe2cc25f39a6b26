"""Bad input on the challenge pages: a clear French message next to the field, never a 500, nothing typed lost."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from challenges.models import Challenge
from tests.challenges.factories import ChallengeFactory, ThemeFactory
from tests.challenges.helpers import ELF_BYTES, PDF_BYTES, PNG_BYTES, challenge_form_data, management

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def facilitator_client(client, world, facilitator):
    client.force_login(facilitator)
    return client


def _create(client, world, data, files=None):
    url = reverse("challenges:challenge_create", args=[world["site"].pk])
    return client.post(url, {**data, **(files or {})})


def _field_errors(response, field):
    return response.context["form"].errors.get(field, [])


def _assert_typed_text_kept(response, *texts):
    html = response.content.decode()
    for text in texts:
        assert text in html, f"{text!r} was lost"


def test_a_challenge_without_a_question(facilitator_client, world):
    data = challenge_form_data(question="", subject="Un sujet déjà tapé", stakes="Des enjeux déjà tapés")

    response = _create(facilitator_client, world, data)

    assert response.status_code == 200
    assert _field_errors(response, "question") == ["Écrivez la question de travail du défi."]
    _assert_typed_text_kept(response, "Un sujet déjà tapé", "Des enjeux déjà tapés")
    assert not Challenge.objects.filter(site=world["site"], number=10).exists()


def test_a_number_already_used_on_the_site(facilitator_client, world):
    data = challenge_form_data(number="1", question="Comment garder ce texte ?", levers="Des leviers")

    response = _create(facilitator_client, world, data)

    assert response.status_code == 200
    assert _field_errors(response, "number") == ["Le défi 1 existe déjà sur ce site\u00a0: choisissez un autre numéro."]
    _assert_typed_text_kept(response, "Comment garder ce texte ?", "Des leviers")


@pytest.mark.parametrize("theme", ["other_edition", "missing"])
def test_an_unknown_theme(facilitator_client, world, theme):
    theme_id = ThemeFactory().pk if theme == "other_edition" else 999_999
    data = challenge_form_data(theme=str(theme_id), territory="Pays de Dinan")

    response = _create(facilitator_client, world, data)

    assert response.status_code == 200
    assert _field_errors(response, "theme") == ["Choisissez un thème de cette édition."]
    _assert_typed_text_kept(response, "Pays de Dinan")


def test_a_theme_of_the_edition_is_accepted(facilitator_client, world):
    theme = ThemeFactory(edition=world["edition"])

    response = _create(facilitator_client, world, challenge_form_data(theme=str(theme.pk)))

    assert response.status_code == 302
    assert Challenge.objects.get(site=world["site"], number=10).theme == theme


def test_a_20_mb_attachment_is_refused(facilitator_client, world, media):
    big = SimpleUploadedFile("rapport.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024), content_type="application/pdf")
    data = challenge_form_data(subject="Sujet conservé", **management("files", total=1), **{"files-0-title": "Rapport"})

    response = _create(facilitator_client, world, data, {"files-0-file": big})

    assert response.status_code == 200
    errors = response.context["files"].forms[0].errors["file"]
    assert errors == ["Ce fichier est trop gros (20,0\xa0Mio)\u00a0: la limite est de 10,0\xa0Mio."]
    _assert_typed_text_kept(response, "Sujet conservé", 'value="Rapport"')
    assert not Challenge.objects.filter(number=10).exists()


def test_an_executable_renamed_pdf_is_refused(facilitator_client, world, media):
    fake = SimpleUploadedFile("notes.pdf", ELF_BYTES, content_type="application/pdf")
    data = challenge_form_data(**management("files", total=1))

    response = _create(facilitator_client, world, data, {"files-0-file": fake})

    assert response.status_code == 200
    assert response.context["files"].forms[0].errors["file"] == [
        "Ce type de fichier n’est pas accepté\u00a0: envoyez un PDF, une image ou un document bureautique."
    ]
    assert not list(media.rglob("notes*"))


def test_a_real_pdf_and_image_are_stored_with_their_real_type(facilitator_client, world, media):
    data = challenge_form_data(**management("files", total=2))
    files = {
        "files-0-file": SimpleUploadedFile("fiche.pdf", PDF_BYTES),
        "files-1-file": SimpleUploadedFile("photo.bin", PNG_BYTES),
    }

    response = _create(facilitator_client, world, data, files)

    assert response.status_code == 302
    challenge = Challenge.objects.get(site=world["site"], number=10)
    assert sorted(challenge.attachments.values_list("content_type", flat=True)) == ["application/pdf", "image/png"]


def test_a_figure_without_its_value_and_a_link_without_address(facilitator_client, world):
    data = challenge_form_data(
        **management("figures", total=1),
        **management("links", total=1),
        **{"figures-0-label": "Écoles", "links-0-title": "Blog du défi"},
    )

    response = _create(facilitator_client, world, data)

    assert response.status_code == 200
    assert response.context["figures"].forms[0].non_field_errors() == ["Indiquez à la fois le chiffre et sa valeur."]
    assert response.context["links"].forms[0].errors["url"] == ["Indiquez l’adresse du lien."]
    _assert_typed_text_kept(response, 'value="Écoles"', 'value="Blog du défi"')


def test_client_side_validation_attributes(facilitator_client, world):
    response = facilitator_client.get(reverse("challenges:challenge_create", args=[world["site"].pk]))

    html = response.content.decode()
    assert 'name="question" maxlength="500"' in html and "required" in html
    assert 'type="number" name="number"' in html
    assert 'type="url" name="links-0-url"' in html
    assert 'accept=".pdf' in html


def test_number_zero_is_refused_next_to_the_field(facilitator_client, world):
    data = challenge_form_data(number="0", question="Comment compter à partir de un ?", levers="Des leviers")

    response = _create(facilitator_client, world, data)

    assert response.status_code == 200
    assert _field_errors(response, "number") == ["Le numéro d’un défi commence à 1."]
    _assert_typed_text_kept(response, "Comment compter à partir de un ?", "Des leviers")
    assert not Challenge.objects.filter(site=world["site"], number=0).exists()


def test_edit_keeps_what_was_typed_when_the_number_is_taken(client, world, owner):
    client.force_login(owner)
    ChallengeFactory(site=world["site"], number=5)
    url = reverse("challenges:challenge_edit", args=[world["challenge"].pk])

    response = client.post(url, challenge_form_data(number="5", obstacles="Des obstacles tapés"))

    assert response.status_code == 200
    assert _field_errors(response, "number") == ["Le défi 5 existe déjà sur ce site\u00a0: choisissez un autre numéro."]
    _assert_typed_text_kept(response, "Des obstacles tapés")
    world["challenge"].refresh_from_db()
    assert world["challenge"].number == 1


def test_reformulating_without_a_reason(client, world, facilitator):
    client.force_login(facilitator)
    url = reverse("challenges:challenge_reformulate", args=[world["challenge"].pk])

    response = client.post(url, {"question": "Comment accueillir mieux ?", "reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Dites pourquoi la question change."]
    _assert_typed_text_kept(response, "Comment accueillir mieux ?")


def test_inviting_someone_already_in_the_team(client, world, facilitator, owner):
    client.force_login(facilitator)
    url = reverse("challenges:team_manage", args=[world["challenge"].pk])

    response = client.post(url, {"email": owner.email, "role": "owner", "job_title": "Cheffe de projet"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Cette personne fait déjà partie de l’équipe."]
    _assert_typed_text_kept(response, "Cheffe de projet")


def test_a_bad_photo_on_the_phase_page_keeps_the_description(client, world, facilitator, media):
    client.force_login(facilitator)
    url = reverse("challenges:phase_content_edit", args=[world["challenge"].pk, "prototype"])
    data = {"text": "Une maquette en carton", **management("files", total=1), "files-0-title": "Photo"}

    response = client.post(url, {**data, "files-0-file": SimpleUploadedFile("photo.jpg", ELF_BYTES)})

    assert response.status_code == 200
    assert response.context["files"].forms[0].errors["file"] == [
        "Ce type de fichier n’est pas accepté\u00a0: envoyez un PDF, une image ou un document bureautique."
    ]
    _assert_typed_text_kept(response, "Une maquette en carton")
    assert not world["challenge"].phase_contents.exists()


def test_an_unknown_phase_page_is_404(client, world, facilitator):
    client.force_login(facilitator)

    response = client.get(reverse("challenges:phase_content_edit", args=[world["challenge"].pk, "launch"]))

    assert response.status_code == 404


def test_a_wrong_file_type_and_a_taken_number_are_both_shown_at_once(facilitator_client, world, media):
    fake = SimpleUploadedFile("notes.pdf", ELF_BYTES, content_type="application/pdf")
    data = challenge_form_data(number="1", question="Comment tout dire d’un coup ?", **management("files", total=1))

    response = _create(facilitator_client, world, data, {"files-0-file": fake})

    assert response.status_code == 200
    assert response.context["files"].forms[0].errors["file"]
    assert _field_errors(response, "number") == ["Le défi 1 existe déjà sur ce site\u00a0: choisissez un autre numéro."]
    _assert_typed_text_kept(response, "Comment tout dire d’un coup ?")
    assert Challenge.objects.filter(site=world["site"]).count() == 2


def test_an_empty_question_is_said_once_when_a_file_is_wrong_too(facilitator_client, world, media):
    fake = SimpleUploadedFile("notes.pdf", ELF_BYTES, content_type="application/pdf")
    data = challenge_form_data(number="1", question="", **management("files", total=1))

    response = _create(facilitator_client, world, data, {"files-0-file": fake})

    assert _field_errors(response, "question") == ["Écrivez la question de travail du défi."]
    assert len(_field_errors(response, "number")) == 1


def test_editing_with_a_wrong_file_shows_the_taken_number_too(client, world, owner, media):
    client.force_login(owner)
    fake = SimpleUploadedFile("notes.pdf", ELF_BYTES, content_type="application/pdf")
    data = challenge_form_data(number="2", **management("files", total=1))

    response = client.post(
        reverse("challenges:challenge_edit", args=[world["challenge"].pk]), {**data, "files-0-file": fake}
    )

    assert response.status_code == 200
    assert _field_errors(response, "number") == ["Le défi 2 existe déjà sur ce site\u00a0: choisissez un autre numéro."]
    assert response.context["files"].forms[0].errors["file"]


def test_the_summary_lists_each_error_with_a_link_to_its_field_and_takes_the_focus(facilitator_client, world):
    data = challenge_form_data(number="1", question="Comment lister les erreurs ?")
    data.update({"links-TOTAL_FORMS": "1", "links-0-title": "Blog", "links-0-url": "javascript:alert(1)"})

    response = _create(facilitator_client, world, data)

    html = response.content.decode().replace("\xa0", " ")
    opening, summary = html.split("data-error-summary", 1)
    assert response.status_code == 200
    assert 'tabindex="-1"' in opening[opening.rindex("<div") :]
    summary = summary.split("</div>")[0]
    assert 'href="#id_number">Numéro : Le défi 1 existe déjà sur ce site' in summary
    assert 'href="#id_links-0-url">' in summary
