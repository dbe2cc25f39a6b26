"""The embedded SQLite default holds a person clicking fast: concurrent autosaves never fail (issue 10).

The suite runs on PostgreSQL, so the check runs in a child process whose only database is a fresh
SQLite file, configured exactly as ``make run`` configures it (no ``DATABASE_URL``-specific options).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys, threading
    import django
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    options = settings.DATABASES["default"].get("OPTIONS", {})
    print("OPTIONS", sorted(options))
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        print("JOURNAL", cursor.fetchone()[0])

    from grids.services import assessments as services
    from grids.services.grids import default_grid_ensure
    from grids.models import Answer, Criterion
    from tests.challenges.factories import ChallengeFactory, TeamMembershipFactory
    from tests.factories import UserFactory

    default_grid_ensure()
    owner = UserFactory()
    challenge = ChallengeFactory()
    TeamMembershipFactory(challenge=challenge, person=owner, role="owner")
    assessment = services.assessment_start(challenge=challenge, by=owner)
    criteria = list(Criterion.objects.filter(step__grid=assessment.grid).values_list("pk", flat=True))
    connection.close()

    errors = []
    barrier = threading.Barrier(6)

    def clicker(offset):
        try:
            barrier.wait(timeout=30)
            for round_ in range(6):
                for index, criterion_id in enumerate(criteria):
                    if index % 6 != offset:
                        continue
                    services.answer_save(
                        assessment=assessment, by=owner, criterion_id=criterion_id,
                        value=str(round_ % 4), justification=f"round {round_}",
                    )
                    # the next page read, as htmx does after each save
                    Answer.objects.filter(assessment=assessment).count()
        except BaseException as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=clicker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    print("ERRORS", len(errors), errors[:3])
    print("ANSWERS", Answer.objects.filter(assessment=assessment).count(), len(criteria))
    sys.exit(1 if errors else 0)
    """
)


def test_concurrent_autosaves_on_the_sqlite_default_never_report_database_is_locked(tmp_path):
    # Given the development settings with no DATABASE_URL but a SQLite file of its own
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="innovation.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    # When six threads (six quick clicks in flight) autosave answers of one assessment at once
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    output = done.stdout + done.stderr
    # Then the file is in WAL mode, with immediate transactions, and no save failed
    assert "JOURNAL wal" in output, output
    assert "'transaction_mode'" in output, output
    assert "database is locked" not in output, output
    assert "ERRORS 0" in output, output
    assert done.returncode == 0, output
    answers, criteria = output.split("ANSWERS ")[1].split()[:2]
    assert answers == criteria
