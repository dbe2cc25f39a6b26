"""Authentication only: who is this person? What they may do is answered by ``rules`` alone."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model


class AuthenticateOnlyBackend(AuthenticationBackend):
    """allauth's e-mail + password check (an inactive person is refused), without Django's model permissions.

    Django's ``ModelBackend`` answers ``has_perm`` from the permission tables: two queries on signed-in pages
    and a second, unused source of truth. Here every permission question returns nothing, so
    ``rules.permissions.ObjectPermissionBackend`` decides alone.
    """

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
