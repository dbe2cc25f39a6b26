"""The lab's library: roles, glossary, bibliography, methods and exemplary documents, tagged by phase."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from innovation.models import User
from labs.models import Lab, MethodPhase, Resource


@transaction.atomic
def resource_save(
    *,
    lab: Lab,
    actor: User,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    phases: Iterable[MethodPhase] = (),
    resource: Resource | None = None,
) -> Resource:
    title = title.strip()
    phases = list(phases)
    errors: dict[str, ValidationError] = {}
    if kind not in Resource.Kind.values:
        errors["kind"] = ValidationError(_("Choose the kind of resource."), code="invalid")
    if not title:
        errors["title"] = ValidationError(_("Give the resource a title."), code="required")
    elif (
        Resource.objects.filter(lab=lab, kind=kind, title__iexact=title)
        .exclude(pk=resource.pk if resource else None)
        .exists()
    ):
        errors["title"] = ValidationError(_("The library already has this title in this section."), code="taken")
    if not body.strip() and not url.strip():
        errors["body"] = ValidationError(_("Write the text, or give a link."), code="empty")
    if any(phase.lab_id != lab.pk for phase in phases):
        errors["phases"] = ValidationError(_("Choose phases of this lab."), code="phase")
    if errors:
        raise ValidationError(errors)
    resource = resource or Resource(lab=lab)
    resource.kind, resource.title, resource.body, resource.url = kind, title, body.strip(), url.strip()
    resource.save()
    resource.phases.set(phases)
    return resource


def resource_delete(*, resource: Resource, actor: User) -> None:
    resource.delete()
