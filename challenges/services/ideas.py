"""Key ideas of the ideation phase: the team lists and retains them, the owner confirms the retained one."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import AuditEntry, Challenge, Idea
from challenges.services.audit import audit_record
from challenges.services.challenges import challenge_content_changed
from innovation.models import User


@transaction.atomic
def idea_add(*, challenge: Challenge, actor: User, title: str, description: str = "") -> Idea:
    """Add a key idea at the end of the challenge's list."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": ValidationError(_("Give the idea a title."), code="required")})
    Challenge.objects.select_for_update().filter(pk=challenge.pk).first()  # one position at a time
    last = Idea.objects.filter(challenge=challenge).aggregate(last=Max("position"))["last"] or 0
    idea = Idea.objects.create(challenge=challenge, position=last + 1, title=title, description=description.strip())
    challenge_content_changed(challenge_id=challenge.pk)
    return idea


@transaction.atomic
def idea_set_retained(*, idea: Idea, actor: User, retained: bool) -> Idea:
    """The team marks an idea as retained, or not; a confirmed idea stays retained."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if not retained and idea.confirmed_at is not None:
        raise ValidationError(
            _("The owner has confirmed this idea: it stays retained."), code="confirmed_idea_stays_retained"
        )
    if idea.retained != retained:
        idea.retained = retained
        idea.save(update_fields=["retained"])
        challenge_content_changed(challenge_id=idea.challenge_id)
    return idea


@transaction.atomic
def idea_confirm(*, idea: Idea, actor: User) -> Idea:
    """The owner confirms the retained idea that matches the commissioner's expectation, in the history.

    Confirming another retained idea moves the confirmation to it; both moves are in the history.
    """
    Challenge.objects.select_for_update().filter(pk=idea.challenge_id).first()
    idea = Idea.objects.select_related("challenge").get(pk=idea.pk)
    if not idea.retained:
        raise ValidationError(_("Only a retained idea can be confirmed."), code="idea_not_retained")
    if idea.confirmed_at is not None:
        return idea
    previous = Idea.objects.filter(challenge_id=idea.challenge_id, confirmed_at__isnull=False).first()
    if previous is not None:
        Idea.objects.filter(pk=previous.pk).update(confirmed_at=None, confirmed_by=None)
    idea.confirmed_at = timezone.now()
    idea.confirmed_by = actor
    idea.save(update_fields=["confirmed_at", "confirmed_by"])
    challenge_content_changed(challenge_id=idea.challenge_id)
    audit_record(
        challenge=idea.challenge,
        actor=actor,
        action=AuditEntry.Action.IDEA_CONFIRMED,
        changes={"idea": [previous.title if previous else None, idea.title]},
    )
    return idea
