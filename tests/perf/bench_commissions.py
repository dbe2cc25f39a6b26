"""Staffing a commission: a 200-member network suggests a team (candidates read from the database, then
the pure suggestion) in under 100 ms."""

from __future__ import annotations

import datetime
from decimal import Decimal

TARGET_MS = 100


def run() -> list[dict]:
    from django.utils import timezone

    from innovation.models import User
    from labs.models import Authorisation, Commission, NetworkMembership, SkillRating, StaffingProposal
    from labs.selectors.commissions import staffing_candidates
    from labs.services.staffing import staffing_suggest
    from tests.labs.factories import NetworkFactory
    from tests.perf.bench import bench_database, median_seconds

    rows: list[dict] = []
    with bench_database():
        network = NetworkFactory(name="Réseau de 200")
        lab = network.lab
        phases = list(lab.phases.all())
        people = User.objects.bulk_create(
            User(email=f"membre{i}@bench.example", display_name=f"Membre {i}") for i in range(200)
        )
        memberships = NetworkMembership.objects.bulk_create(
            NetworkMembership(network=network, person=person, department=f"Direction {i % 12}",
                              joined_at=timezone.now())
            for i, person in enumerate(people)
        )  # fmt: skip
        SkillRating.objects.bulk_create(
            SkillRating(membership=m, phase=p, competence=(i + j) % 4, appetence=(i * 3 + j) % 4)
            for i, m in enumerate(memberships)
            for j, p in enumerate(phases)
        )
        Authorisation.objects.bulk_create(
            Authorisation(membership=m, manager_name="Responsable", status=Authorisation.Status.GRANTED,
                          valid_until=timezone.localdate() + datetime.timedelta(days=100),
                          days_per_month=Decimal(1 + i % 3))
            for i, m in enumerate(memberships) if i % 5
        )  # fmt: skip
        busy = [Commission.objects.create(lab=lab, title=f"En cours {i}", initial_request="x",
                                          state=Commission.State.IN_PROGRESS) for i in range(10)]  # fmt: skip
        StaffingProposal.objects.bulk_create(
            StaffingProposal(commission=busy[i % 10], membership=m, status=StaffingProposal.Status.ACCEPTED)
            for i, m in enumerate(memberships[:50])
        )
        commission = Commission.objects.create(
            lab=lab, title="Occiline", initial_request="x", state=Commission.State.VALIDATED
        )
        commission.phases.set(phases)
        needed = [p.pk for p in phases]

        def suggest():
            candidates = staffing_candidates(commission=commission)
            return staffing_suggest(candidates=candidates, phases=needed, cost=commission.days_per_month)

        result = suggest()
        assert len(result.team) == 5 and not result.uncovered
        seconds = median_seconds(suggest)
        value = round(seconds * 1000, 1)
        rows.append({"measure": "suggest a team, 200-member network", "value": value, "unit": "ms",
                     "target": TARGET_MS, "ok": value <= TARGET_MS})  # fmt: skip
    return rows
