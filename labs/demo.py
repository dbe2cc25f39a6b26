"""Demo lab and network (fictional people), loaded by ``manage.py load_demo_data``. Idempotent."""

from __future__ import annotations

from django.db import transaction

from innovation.models import Organisation, User
from labs.models import Charter, Lab, Network, NetworkMembership

VALUES = [
    {"name": "Autonomie", "description": "Chacun prend des initiatives et s’organise avec les autres."},
    {"name": "Horizontalité", "description": "Pas de hiérarchie dans le réseau : on coopère entre pairs."},
    {"name": "Frugalité", "description": "Faire avec les moyens du bord, tester petit avant de grandir."},
    {"name": "Curiosité", "description": "Aller voir ailleurs, sur le terrain, chez les usagers."},
    {"name": "Congruence", "description": "Agir en accord avec ce que l’on dit et ce que l’on défend."},
]

CHARTER = """Les ambassadeurs et ambassadrices de l’innovation publique s’engagent à :

- mettre les usagers au cœur de chaque projet ;
- partager leurs méthodes, leurs réussites et leurs échecs avec le réseau ;
- donner de leur temps aux commandes du labo, à hauteur de ce que leur service permet ;
- respecter la confidentialité des entretiens avec les commanditaires.
"""


@transaction.atomic
def load(*, people: dict[str, User]) -> Network:
    organisation = Organisation.objects.get(name="La Transfo")
    lab, _ = Lab.objects.update_or_create(
        name="La Transfo Occitanie",
        defaults={"organisation": organisation, "description": "Le labo d’innovation publique de la Région."},
    )
    network, _ = Network.objects.update_or_create(
        lab=lab, name="Réseau des ambassadeurs de l’innovation", defaults={"values": VALUES}
    )
    if not network.charters.exists():
        Charter.objects.create(network=network, version=1, text=CHARTER)
    for email, role in (
        ("coordinatrice@demo.defis.fr", NetworkMembership.Role.COORDINATOR),
        ("testeur@demo.defis.fr", NetworkMembership.Role.MEMBER),
        ("contributeur@demo.defis.fr", NetworkMembership.Role.MEMBER),
    ):
        NetworkMembership.objects.update_or_create(network=network, person=people[email], defaults={"role": role})
    return network
