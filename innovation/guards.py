"""The one way to guard a view: a permission's name and, for object permissions, how to find the object.

::

    @guard("challenges.change_challenge", load=challenge_in_scope)
    def challenge_edit(request, challenge): ...

In order, for every request:

1. ``load(request, **url_kwargs)`` finds the object among those the person may know about; anything
   outside that scope answers 404 (its existence is not revealed);
2. the person must hold ``permission`` on it (``rules`` answers, see each app's ``rules.py``): an
   anonymous visitor without it is sent to the login page, a signed-in person gets 403;
3. the view is called with the object after the request, and the URL arguments ``load`` did not use.

``guard()`` with no permission only asks the person to be signed in. ``methods`` restricts the HTTP
methods (405 otherwise), so ``require_POST`` is not needed beside it.
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
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404


@dataclass(frozen=True)
class Scope:
    """Finds a view's object: ``queryset(user)`` is what the person may know about; ``kwarg`` names its key."""

    queryset: Callable[..., QuerySet]
    kwarg: str = "pk"

    def __call__(self, request: HttpRequest, **kwargs: Any) -> Model:
        return get_object_or_404(self.queryset(user=request.user), pk=kwargs[self.kwarg])

    @property
    def used(self) -> frozenset[str]:
        return frozenset({self.kwarg})


def _used_kwargs(load: Callable[..., Any]) -> frozenset[str]:
    if isinstance(load, Scope):
        return load.used
    parameters = inspect.signature(load).parameters
    return frozenset(name for name in parameters if name != "request")


def guard(
    permission: str | None = None,
    *,
    load: Callable[..., Model | None] | None = None,
    methods: Iterable[str] = ("GET", "HEAD", "POST"),
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    allowed = frozenset(method.upper() for method in methods)
    used = _used_kwargs(load) if load is not None else frozenset()

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def guarded(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if request.method not in allowed:
                return HttpResponseNotAllowed(sorted(allowed))
            user = request.user
            if permission is None and not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = load(request, **kwargs) if load is not None else None
            if permission is not None and not user.has_perm(permission, target):
                if not user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            rest = {name: value for name, value in kwargs.items() if name not in used}
            if load is not None:
                return view(request, target, **rest)
            return view(request, **rest)

        guarded.permission = permission  # type: ignore[attr-defined]
        return guarded

    return decorator
