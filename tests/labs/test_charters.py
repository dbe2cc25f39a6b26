"""The versioned charter: published through the service only, once even when sent twice at once; members
see a readable diff, accept again, and are reminded a week later if they have not."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from innovation.models import Notification
from labs.models import AuditEntry, Charter, CharterAcceptance
from labs.selectors.charters import charter_diff
from labs.services import charters
from tests.labs.factories import NetworkMembershipFactory

pytestmark = pytest.mark.django_db


def test_publishing_a_version_notifies_the_members_and_is_audited(
    world, facilitator, owner, contributor, django_capture_on_commit_callbacks
):
    network = world["network"]

    with django_capture_on_commit_callbacks(execute=True):
        charter = charters.charter_publish(
            network=network, actor=facilitator, text="Nouvelle charte", summary="Plus courte.", base_version=1
        )

    assert charter.version == 2 and charter.published_by == facilitator
    assert sorted(message.to[0] for message in mail.outbox) == sorted([owner.email, contributor.email])
    message = next(message for message in mail.outbox if message.to == [owner.email])
    assert message.subject == "[Défis] Version 2 de la charte de «\u00a0Réseau des ambassadeurs\u00a0»"
    assert "Ce qui change\u00a0: Plus courte." in message.body
    assert f"/labos/reseaux/{network.pk}/charte/v2/" in message.body
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CHARTER_PUBLISHED)
    assert entry.actor == facilitator and entry.changes["version"] == [1, 2]


def test_a_version_written_from_an_older_one_is_refused_and_nothing_is_published(world, facilitator):
    charters.charter_publish(network=world["network"], actor=facilitator, text="v2", summary="s", base_version=1)

    with pytest.raises(ValidationError) as error:
        charters.charter_publish(
            network=world["network"], actor=facilitator, text="v2 bis", summary="s", base_version=1
        )

    assert "publiée pendant que vous écriviez" in " ".join(error.value.message_dict["text"])
    assert Charter.objects.filter(network=world["network"]).count() == 2


def test_an_unchanged_text_or_a_missing_summary_is_refused_next_to_its_field(client, world, facilitator):
    client.force_login(facilitator)
    url = reverse("labs:charter_edit", args=[world["network"].pk])
    current = world["network"].charters.get().text

    response = client.post(url, {"base_version": 1, "text": current, "summary": ""})

    assert response.status_code == 200
    form = response.context["form"]
    assert "modifiez-le pour en publier une nouvelle" in form.errors["text"][0]
    assert "Résumez ce qui change" in form.errors["summary"][0]
    assert Charter.objects.filter(network=world["network"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_charter_published_twice_at_once_yields_one_version(world, facilitator):
    """Two requests from the same form (a double click, two coordinators) race on PostgreSQL: the network row
    lock makes the second see the first's version and refuse."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    network = world["network"]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def publish() -> None:
        try:
            barrier.wait()
            charters.charter_publish(
                network=network, actor=facilitator, text="Version écrite une fois", summary="s", base_version=1
            )
            outcomes.append("published")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["published", "refused"]
    assert list(Charter.objects.filter(network=network).values_list("version", flat=True)) == [2, 1]


def test_a_member_accepts_the_new_version_and_the_page_shows_who_accepted_which(client, world, facilitator, owner):
    network = world["network"]
    CharterAcceptance.objects.create(charter=network.charters.get(), person=owner)
    charters.charter_publish(network=network, actor=facilitator, text="Deux", summary="s", base_version=1)
    client.force_login(owner)

    client.post(reverse("labs:charter_accept", args=[network.pk]), {"version": 2})
    page = client.get(reverse("labs:network_detail", args=[network.pk])).content.decode()

    assert CharterAcceptance.objects.filter(charter__version=2, person=owner).exists()
    assert "version 2, " in page and "pas encore" in page  # the contributor has accepted no version


def test_accepting_from_a_page_older_than_the_current_version_is_refused(client, world, facilitator, owner):
    network = world["network"]
    charters.charter_publish(network=network, actor=facilitator, text="Deux", summary="s", base_version=1)
    client.force_login(owner)

    response = client.post(reverse("labs:charter_accept", args=[network.pk]), {"version": 1})

    assert response["Location"] == reverse("labs:charter_version", args=[network.pk, 2])
    assert not CharterAcceptance.objects.filter(person=owner).exists()


def test_staff_cannot_accept_a_charter_even_as_superuser(world, staff):
    """The service refuses anybody who is not a member, whatever their permissions say."""
    staff.is_superuser = True
    staff.save()

    with pytest.raises(charters.CharterError):
        charters.charter_accept(charter=world["network"].charters.get(), person=staff)

    assert not CharterAcceptance.objects.filter(person=staff).exists()


def test_the_diff_marks_removed_and_added_words_and_lines():
    old = "Nous nous engageons à :\n- partager nos échecs ;\n- respecter la confidentialité."
    new = "Nous nous engageons à :\n- partager nos réussites et nos échecs ;\n- respecter la confidentialité.\n- venir."

    lines = charter_diff(old=old, new=new)

    assert [line.kind for line in lines] == ["same", "changed", "same", "added"]
    assert ("added", "réussites et nos ") in lines[1].parts
    assert all(kind != "removed" for kind, _text in lines[1].parts)
    assert charter_diff(old="a\nb", new="a")[1].kind == "removed"


def test_the_diff_page_renders_ins_and_del_with_words_for_screen_readers(client, world, facilitator, owner):
    network = world["network"]
    charters.charter_publish(
        network=network, actor=facilitator, text="Nous nous engageons à tester.", summary="s", base_version=1
    )
    client.force_login(owner)

    page = client.get(reverse("labs:charter_version", args=[network.pk, 2])).content.decode()

    assert '<del><span class="visually-hidden">Texte retiré' in page
    assert '<ins><span class="visually-hidden">Texte ajouté' in page


def test_members_who_have_not_accepted_are_reminded_once_a_week_after(world, facilitator, owner, contributor):
    network = world["network"]
    world["other_network"].delete()
    charter = charters.charter_publish(network=network, actor=facilitator, text="Deux", summary="s", base_version=1)
    CharterAcceptance.objects.create(charter=charter, person=owner)
    NetworkMembershipFactory(network=network, status="left")  # who left is not reminded
    published = timezone.localdate()

    too_early = charters.charter_reminders_send(today=published + datetime.timedelta(days=6))
    sent = charters.charter_reminders_send(today=published + datetime.timedelta(days=7))
    again = charters.charter_reminders_send(today=published + datetime.timedelta(days=8))

    assert (too_early, again) == (0, 0)
    assert sent == 2  # the coordinator (who published without accepting) and the contributor
    reminded = set(Notification.objects.filter(kind="labs_charter_reminder").values_list("recipient__email", flat=True))
    assert reminded == {facilitator.email, contributor.email}
