"""Notification centre and digest: page time with many notifications, digest time for many people."""

from __future__ import annotations

import datetime


def run() -> list[dict]:
    from django.core import mail
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from innovation.celery import app as celery_app
    from innovation.models import Delivery, Notification
    from innovation.services import digests
    from tests.factories import NotificationFactory, UserFactory
    from tests.perf.bench import bench_database, median_seconds

    rows: list[dict] = []
    with bench_database(), override_settings(ALLOWED_HOSTS=["testserver"]):
        celery_app.conf.task_always_eager = True
        person = UserFactory()
        Notification.objects.bulk_create(
            Notification(recipient=person, kind="invitation", event_key=f"bench-{i}", context={"invited_by": "Yann"})
            for i in range(5000)
        )
        client = Client()
        client.force_login(person)
        url = reverse("notifications")
        seconds = median_seconds(lambda: client.get(url))
        rows.append(
            {"measure": "centre, 5000 notifications", "value": round(seconds * 1000, 1), "unit": "ms", "target": 300}
        )
        rows[-1]["ok"] = rows[-1]["value"] <= 300

        people = [UserFactory() for _ in range(200)]
        for someone in people:
            for _ in range(5):
                NotificationFactory(recipient=someone, kind="site_reminder", delivery=Delivery.DIGEST,
                                    context={"place": "Rennes", "starts_on": "2018-07-09"})  # fmt: skip
        mail.outbox = []
        from time import perf_counter

        started = perf_counter()
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            written = digests.digests_send(day=datetime.date(2026, 3, 2))
        elapsed = perf_counter() - started
        rows.append({"measure": f"digests for {written} people × 5 items", "value": round(elapsed, 2), "unit": "s"})
    return rows
