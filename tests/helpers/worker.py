"""A real Celery worker on Redis for the tests marked ``integration``.

The worker is a separate process started with the test database and the
test Redis; tests that use it need ``transactional_db`` so that what they
write is committed and visible to it.

The tests' Redis database is not ``REDIS_URL``'s own: it is the one 8 further (modulo 16, Redis's
default number of databases, see ``tests.helpers.services.redis_url_for_tests``), e.g.
``redis://127.0.0.1:6379/1`` → ``/9``. ``tests/conftest.py`` points
the whole test run there (cache, broker, worker), so emptying it, as every worker test and every
``cache.clear()`` does, never touches the queue or the cache of ``make run`` / ``make worker``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.services import redis_answers, redis_url_for_tests, service_missing

ROOT = Path(__file__).resolve().parents[2]


class Worker:
    def __init__(self, env: dict[str, str], log: Path, queues: str, include: str = "") -> None:
        self.env = env
        self.log = log
        self.queues = queues
        self.include = include  # test-only modules the worker imports (e.g. one that slows exports down)
        self.process: subprocess.Popen | None = None

    def start(self, *, timeout: float = 30.0) -> Worker:
        from innovation.celery import app

        name = f"test-{os.getpid()}-{time.monotonic_ns()}@localhost"
        self._log_file = self.log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "innovation", "worker", "--loglevel=INFO",
                "-Q", self.queues, "-c", "1", "--pool=prefork", "-n", name,
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                *(["-I", self.include] if self.include else []),
            ],
            cwd=ROOT, env=self.env, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited early; see {self.log}")
            if app.control.ping(destination=[name], timeout=0.5):
                return self
        self.stop()
        raise RuntimeError(f"the Celery worker did not answer within {timeout}s; see {self.log}")

    def stop(self, *, kill: bool = False) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        if kill:
            # SIGKILL the whole group: the main process and its prefork child.
            os.killpg(self.process.pid, signal.SIGKILL)
        else:
            self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._log_file.close()


@pytest.fixture
def celery_worker_factory(request, settings, tmp_path) -> Iterator:
    """Start real workers on demand: ``worker = celery_worker_factory()``; they are stopped at the end."""
    if not request.node.get_closest_marker("integration"):
        raise RuntimeError("celery_worker_factory is for tests marked integration")
    if not redis_answers(settings.REDIS_URL):
        service_missing("Redis does not answer (set REDIS_URL)")
    from django.db import connection

    if connection.vendor != "postgresql":
        service_missing("the worker tests need PostgreSQL (set DATABASE_URL)")
    import redis

    # The tests' own database (see the top of this module): what earlier runs left in it goes.
    assert redis_url_for_tests(os.environ["REDIS_URL"]) == settings.REDIS_URL, "conftest did not isolate Redis"
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    db = connection.settings_dict
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    credentials = f"{db['USER']}:{db['PASSWORD'] or ''}"
    address = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{credentials}@{address}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"file://{mail_dir}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": "innovation.settings",
    }
    workers: list[Worker] = []

    def start(queues: str = "default,mail,reports", include: str = "") -> Worker:
        worker = Worker(env, tmp_path / f"worker-{len(workers)}.log", queues, include).start()
        workers.append(worker)
        return worker

    start.mail_dir = mail_dir  # type: ignore[attr-defined]
    yield start
    for worker in workers:
        worker.stop()


def sent_messages(mail_dir: Path) -> list[str]:
    """The e-mails a worker wrote with the file backend, one string each."""
    messages: list[str] = []
    for path in sorted(mail_dir.glob("*.log")):
        chunks = path.read_text().split("-" * 79)
        messages.extend(chunk for chunk in chunks if "Subject:" in chunk)
    return messages


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
