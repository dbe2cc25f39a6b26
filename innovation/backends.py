"""Authentication only: who is this person? What they may do is answered by ``rules`` alone.

The person of a signed-in request is read with what every page's layout shows about them (the unread
notifications badge, whether the navigation offers the grids and reports), in the one query that loads
them: each fact is an annotation an app registers in its ``AppConfig.ready()``, since ``innovation``
knows nothing of the apps above it. A fact is read fresh on each request (no cache to invalidate); code
that needs it after changing it in the same request asks its selector again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Expression

# name → a function returning the annotation (an expression on the person, e.g. ``Exists(...OuterRef("pk"))``).
SIGNED_IN_FACTS: dict[str, Callable[[], Expression]] = {}


def signed_in_fact_register(*, name: str, expression: Callable[[], Expression]) -> None:
    """Read ``name`` on the person of every signed-in request, with them (``person.<name>``)."""
    if SIGNED_IN_FACTS.get(name, expression) is not expression:
        raise ValueError(f"Two apps read the signed-in fact {name!r}.")
    SIGNED_IN_FACTS[name] = expression
    _person_with_facts_sql.cache_clear()


@functools.cache
def _person_with_facts_sql() -> tuple[str, tuple]:
    """The SQL reading one person with every fact, and its parameters but the person's key.

    Compiled once per process: building and compiling the facts' subqueries cost twice as much CPU as running the
    query, on every signed-in request. The ORM writes the query; each request only runs it for one key.
    """
    model = get_user_model()
    facts = {name: expression() for name, expression in SIGNED_IN_FACTS.items()}
    sql, params = model._default_manager.order_by().annotate(**facts).query.sql_with_params()
    key = connection.ops.quote_name(model._meta.pk.column)
    # The ORM's own SQL and a quoted column name; the person's key is a parameter.
    return f"SELECT * FROM ({sql}) AS person WHERE person.{key} = %s", tuple(params)  # noqa: S608


def signed_in_fact(person, name: str):
    """The fact ``name`` read with ``person``, or ``None`` when this object was loaded another way."""
    return getattr(person, name, None)  # getattr, not __dict__: request.user is a lazy proxy


class AuthenticateOnlyBackend(AuthenticationBackend):
    """allauth's e-mail + password check (an inactive person is refused), without Django's model permissions.

    Django's ``ModelBackend`` answers ``has_perm`` from the permission tables: two queries on signed-in pages
    and a second, unused source of truth. Here every permission question returns nothing, so
    ``rules.permissions.ObjectPermissionBackend`` decides alone.
    """

    def get_user(self, user_id):
        sql, params = _person_with_facts_sql()
        person = next(iter(get_user_model()._default_manager.raw(sql, (*params, user_id))), None)
        return person if person is not None and self.user_can_authenticate(person) else None

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return False

    def has_module_perms(self, user_obj, app_label) -> bool:
        return False

    def with_perm(self, perm, is_active=True, include_superusers=True, obj=None):
        return get_user_model()._default_manager.none()
