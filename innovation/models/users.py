from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
    _auser_has_module_perms,
    _auser_has_perm,
    _user_has_module_perms,
    _user_has_perm,
)
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an e-mail address.

    ``is_staff`` marks CNFPT staff: they run editions and may use the admin.
    Every other role (facilitator, owner, coordinator...) is held on an object.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "innovation.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    is_staff = models.BooleanField(
        _("CNFPT staff"),
        default=False,
        help_text=_("Staff run editions, appoint facilitators and may use the administration."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    calendar_token = models.CharField(
        _("calendar feed key"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The secret part of the address of this person's own calendar feed; a new key revokes the old."),
    )
    erased_at = models.DateTimeField(
        _("erasure date"),
        null=True,
        blank=True,
        help_text=_("The person deleted their account: their data are erased, their contributions kept anonymous."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["display_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        """The name shown to others: never the e-mail address (only staff and the person see it, issue 10)."""
        if self.erased_at is not None:
            return gettext("Deleted user")  # in the reader's language; see innovation.privacy
        if self.display_name.strip():
            return self.display_name
        if not self.has_usable_password() and self.last_login is None:
            return gettext("Invited person (pending)")
        return gettext("Member with no name yet")

    # Django's PermissionsMixin lets an active superuser pass every check before any backend is asked. Here
    # ``rules`` answers every permission (innovation.backends): ``is_superuser`` grants nothing by itself, and a
    # deactivated person holds nothing.
    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_active and _user_has_perm(self, perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active and _user_has_module_perms(self, app_label)

    async def ahas_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_active and await _auser_has_perm(self, perm, obj)

    async def ahas_module_perms(self, app_label: str) -> bool:
        return self.is_active and await _auser_has_module_perms(self, app_label)

    def get_short_name(self) -> str:
        return self.get_full_name()
