"""The one way to guard a view: a permission's name and, for object permissions, how to find the object.

::

    @guard("challenges.change_challenge", load=Scope(challenges_visible_to, kwarg="challenge_id"))
    def challenge_edit(request, challenge): ...

In order, for every request:

1. a method outside ``methods`` answers 405 (HEAD is allowed wherever GET is);
2. ``load(request, **url_kwargs)`` finds the object among those the person may know about; anything
   outside that scope answers 404 (its existence is not revealed);
3. the person must hold ``permission`` on it (``rules`` answers, see each app's ``rules.py``): a
   signed-in person without it gets 403;
4. the view is called with the object after the request, and the URL arguments ``load`` did not use.

An anonymous visitor is never told 403 or 404: whatever they may not see or do (an object outside their
scope, a missing one, a missing permission) sends them to the login page, so a signed-out team member who
follows a link to their draft signs in and lands on it, and a stranger learns nothing about what exists.
The exception is a loader marked :func:`public` (an object anyone holding its link may see, such as a
stand's short URL): signing in cannot reveal a missing one, so it answers 404 to everybody.

``guard()`` with no permission only asks the person to be signed in. ``denied`` (a lazy translation) says
on the 403 page why the person may not, when the generic text would leave them guessing. The view's
``permission`` attribute names what it checks.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404


class Refused(PermissionDenied):
    """A 403 of the guard, with the sentence the 403 page shows (``innovation.views.pages.error_403``)."""

    def __init__(self, message: Any = None) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Scope:
    """Finds a view's object: ``queryset(user=...)`` is what the person may know about; ``kwarg`` names its key.

    ``queryset`` is asked for anonymous visitors too (an empty queryset sends them to the login page).
    """

    queryset: Callable[..., QuerySet]
    kwarg: str = "pk"

    def __call__(self, request: HttpRequest, **kwargs: Any) -> Model:
        return get_object_or_404(self.queryset(user=request.user), pk=kwargs[self.kwarg])

    @property
    def used(self) -> frozenset[str]:
        return frozenset({self.kwarg})


def public(load: Callable[..., Model]) -> Callable[..., Model]:
    """Mark a loader whose objects anyone with the link may see: a missing one answers 404, even signed out."""
    load.public = True  # type: ignore[attr-defined]
    return load


def _used_kwargs(load: Callable[..., Any]) -> frozenset[str]:
    if isinstance(load, Scope):
        return load.used
    parameters = inspect.signature(load).parameters
    return frozenset(name for name in parameters if name != "request")


def _allowed_methods(methods: Iterable[str]) -> frozenset[str]:
    allowed = {method.upper() for method in methods}
    if "GET" in allowed:
        allowed.add("HEAD")
    return frozenset(allowed)


def guard(
    permission: str | None = None,
    *,
    load: Callable[..., Model] | None = None,
    methods: Iterable[str] = ("GET", "POST"),
    denied: Any = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    allowed = _allowed_methods(methods)
    used = _used_kwargs(load) if load is not None else frozenset()

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def guarded(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if request.method not in allowed:
                return HttpResponseNotAllowed(sorted(allowed))
            user = request.user
            anonymous = not user.is_authenticated
            if anonymous and permission is None:
                return redirect_to_login(request.get_full_path())
            target = None
            if load is not None:
                try:
                    target = load(request, **kwargs)
                except Http404:
                    if anonymous and not getattr(load, "public", False):
                        return redirect_to_login(request.get_full_path())
                    raise
            if permission is not None and not user.has_perm(permission, target):
                if anonymous:
                    return redirect_to_login(request.get_full_path())
                raise Refused(denied)
            rest = {name: value for name, value in kwargs.items() if name not in used}
            if load is not None:
                return view(request, target, **rest)
            return view(request, **rest)

        guarded.permission = permission  # type: ignore[attr-defined]
        return guarded

    return decorator
