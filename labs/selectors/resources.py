"""The lab's library, by section, filterable by kind and method phase."""

from __future__ import annotations

from itertools import groupby

from django.db.models import Prefetch

from labs.models import Lab, MethodPhase, Resource


def library(*, lab: Lab, kind: str = "", phase: int | None = None) -> list[tuple[str, list[Resource]]]:
    resources = Resource.objects.filter(lab=lab).prefetch_related(
        Prefetch("phases", queryset=MethodPhase.objects.order_by("position", "id"))
    )
    if kind:
        resources = resources.filter(kind=kind)
    if phase:
        resources = resources.filter(phases=phase)
    labels = dict(Resource.Kind.choices)
    order = {value: index for index, value in enumerate(Resource.Kind.values)}
    ordered = sorted(resources, key=lambda item: (order[item.kind], item.title.casefold()))
    return [(labels[kind_], list(items)) for kind_, items in groupby(ordered, key=lambda item: item.kind)]
