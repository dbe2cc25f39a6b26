"""factory-boy factories of the cross-cutting models. Apps add theirs in ``tests/<app>/factories.py``."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from innovation.models import Notification, Organisation, User

PASSWORD = "correct-horse-battery-staple"
# The authenticator-app secret of every person made with two-factor sign-in (staff by default):
# tests compute its codes with tests.helpers.two_factor.totp_code().
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


# Factory sequences grow over the whole run: numbers and positions are PostgreSQL smallints.
SMALLINT_ROOM = 30_000


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Commune n°{n}")
    kind = Organisation.Kind.COMMUNE
    territory = "Ille-et-Vilaine"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name", locale="fr_FR")
    job_title = "Chargé de mission"
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=extracted is not False, primary=True)

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        """Staff must sign in with two factors (innovation.middleware): they have an authenticator app by default.

        ``UserFactory(is_staff=True, two_factor=False)`` makes a member of staff who has not set it up yet.
        """
        if create and (extracted if extracted is not None else self.is_staff):
            TOTP.activate(self, TOTP_SECRET)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "invitation"
    event_key = factory.Sequence(lambda n: f"test-event-{n}")
    context = factory.LazyFunction(
        lambda: {"invited_by": "Yann", "purpose": "", "accept_url": "http://x/a", "max_age_days": 14}
    )
