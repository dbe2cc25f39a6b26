"""Demo people and organisations (fictional), loaded by ``manage.py load_demo_data``.

Every loader here is idempotent: running it again updates rather than duplicates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from innovation.models import Organisation, User

DEMO_PASSWORD = "defis-demo-2026"  # noqa: S105 - documented demo password, fictional people only


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    display_name: str
    job_title: str
    organisation: str
    is_staff: bool = False


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("staff (CNFPT)", "staff@demo.defis.fr", "Claire Morvan", "Chargée de mission innovation", "CNFPT"),
    DemoLogin("facilitator", "animateur@demo.defis.fr", "Yann Le Gall", "Facilitateur", "CNFPT"),
    DemoLogin("challenge owner", "porteur@demo.defis.fr", "Sophie Tanguy", "Cheffe de projet", "Ville de Rennes"),
    DemoLogin("contributor", "contributeur@demo.defis.fr", "Karim Benali", "Agent d'accueil", "Ville de Rennes"),
    DemoLogin("tester", "testeur@demo.defis.fr", "Lucie Perrin", "Designer de services", "Rennes Métropole"),
    DemoLogin("lab coordinator", "coordinatrice@demo.defis.fr", "Inès Roux", "Coordinatrice du réseau", "La Transfo"),
)

DEMO_ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    ("CNFPT", Organisation.Kind.CNFPT, "France"),
    ("Ville de Rennes", Organisation.Kind.COMMUNE, "Ille-et-Vilaine"),
    ("Rennes Métropole", Organisation.Kind.EPCI, "Ille-et-Vilaine"),
    ("Département d'Ille-et-Vilaine (CD 35)", Organisation.Kind.DEPARTEMENT, "Ille-et-Vilaine"),
    ("Dinan Agglomération", Organisation.Kind.EPCI, "Côtes-d'Armor"),
    ("Région Bretagne", Organisation.Kind.REGION, "Bretagne"),
    ("La Transfo", Organisation.Kind.REGION, "Occitanie"),
)


DemoLoader = Callable[..., object]

# Each app adds the loader of its demo data in its AppConfig.ready(), in the order of INSTALLED_APPS:
# a loader may rely on what the apps before it loaded.
DEMO_LOADERS: list[DemoLoader] = []


def demo_loader_register(loader: DemoLoader) -> None:
    """``loader(*, people)`` creates or refreshes an app's demo data; it must be safe to run again."""
    if loader not in DEMO_LOADERS:
        DEMO_LOADERS.append(loader)


@transaction.atomic
def load_people() -> dict[str, User]:
    """Create or refresh the demo organisations and the demo logins. Returns people by e-mail."""
    organisations = {}
    for name, kind, territory in DEMO_ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "territory": territory}
        )
    people: dict[str, User] = {}
    for login in DEMO_LOGINS:
        person, _ = User.objects.update_or_create(
            email=login.email,
            defaults={
                "display_name": login.display_name,
                "job_title": login.job_title,
                "organisation": organisations[login.organisation],
                "is_staff": login.role.startswith("staff"),
                "is_superuser": login.role.startswith("staff"),
            },
        )
        person.set_password(DEMO_PASSWORD)
        person.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=person, email=person.email, defaults={"verified": True, "primary": True}
        )
        people[login.email] = person
    return people
