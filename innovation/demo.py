"""Demo people and organisations (fictional), loaded by ``manage.py load_demo_data``.

Every loader here is idempotent: running it again updates rather than duplicates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from innovation.models import Delivery, Organisation, User
from innovation.services.notifications import CATEGORIES, LOCKED_CATEGORIES, notification_preferences_update

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

# name, kind, territory: the demo logins' organisations, then those that brought a challenge to
# Rennes in 2018 (Iasi, a Romanian city, is filed as the nearest French kind: a commune).
DEMO_ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    ("CNFPT", Organisation.Kind.CNFPT, "France"),
    ("Ville de Rennes", Organisation.Kind.COMMUNE, "Ille-et-Vilaine"),
    ("Rennes Métropole", Organisation.Kind.EPCI, "Ille-et-Vilaine"),
    ("La Transfo", Organisation.Kind.REGION, "Occitanie"),
    ("Commune d’Etel", Organisation.Kind.COMMUNE, "Morbihan"),
    ("Conseil départemental d’Ille-et-Vilaine (CD 35)", Organisation.Kind.DEPARTEMENT, "Ille-et-Vilaine"),
    ("Dinan Agglomération", Organisation.Kind.EPCI, "Côtes-d’Armor"),
    ("Ville de Dreux", Organisation.Kind.COMMUNE, "Eure-et-Loir"),
    ("Commune de Savenay", Organisation.Kind.COMMUNE, "Loire-Atlantique"),
    ("Conseil départemental de la Vienne (CD 86)", Organisation.Kind.DEPARTEMENT, "Vienne"),
    ("Ville du Havre", Organisation.Kind.COMMUNE, "Seine-Maritime"),
    ("Conseil départemental de la Mayenne (CD 53)", Organisation.Kind.DEPARTEMENT, "Mayenne"),
    ("Commune de Chemillé-en-Anjou", Organisation.Kind.COMMUNE, "Maine-et-Loire"),
    ("Ville de Saint-Nazaire", Organisation.Kind.COMMUNE, "Loire-Atlantique"),
    ("Région Pays de la Loire", Organisation.Kind.REGION, "Pays de la Loire"),
    ("De l’Oust à Brocéliande Communauté", Organisation.Kind.EPCI, "Morbihan"),
    ("Ville de Iasi", Organisation.Kind.COMMUNE, "Roumanie"),
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


def demo_person_ensure(*, email: str, display_name: str, job_title: str, organisation: Organisation) -> User:
    """Create or refresh a fictional person who is not a documented login (a team member, say).

    They get the demo password and a verified address, like the demo logins. They read their
    notifications on the site only: loading the demo e-mails nobody but the documented logins.
    """
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            display_name=display_name,
            job_title=job_title,
            organisation=organisation,
        )
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        notification_preferences_update(
            person=person,
            choices={category: Delivery.OFF for category in CATEGORIES if category not in LOCKED_CATEGORIES},
        )
        return person
    wanted = {"display_name": display_name, "job_title": job_title, "organisation_id": organisation.pk}
    changed = [name for name, value in wanted.items() if getattr(person, name) != value]
    if changed:
        for name in changed:
            setattr(person, name, wanted[name])
        person.save(update_fields=changed)
    return person
