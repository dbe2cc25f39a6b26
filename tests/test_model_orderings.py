"""Every model of the core and the challenge apps sorts by default on its own columns.

A default ordering that starts with a foreign key ("site", "challenge"...) sorts by the related
model's ordering, so a plain filter joins its tables just to sort. Readers that need another
order (a site's challenges by number, a report grouped by site) say it with ``order_by``.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

APPS = ("innovation", "challenges", "grids")
MODELS = [model for label in APPS for model in apps.get_app_config(label).get_models()]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_the_default_ordering_starts_with_a_local_column(model):
    ordering = model._meta.ordering

    assert ordering, f"{model._meta.label} has no default ordering"
    first = ordering[0].lstrip("-")
    assert "__" not in first, f"{model._meta.label} sorts first through a relation: {first}"
    try:
        field = model._meta.get_field(first)
    except FieldDoesNotExist:
        field = None
    assert field is not None and field.concrete, f"{model._meta.label} sorts first by {first}, not a column"
    assert not field.is_relation, f"{model._meta.label} sorts first by the foreign key {first}"


@pytest.mark.django_db
def test_a_plain_filter_sorts_without_a_join():
    from grids.models import Answer

    sql = str(Answer.objects.filter(assessment_id=1).query)

    assert "JOIN" not in sql
