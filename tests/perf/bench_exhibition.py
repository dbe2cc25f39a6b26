"""Exhibition burst: 200 testers submit feedback within 60 s, served by gunicorn on PostgreSQL and Redis.

The served benchmark harness (``tests/perf/served.py``) is not on main yet, so this module carries a
minimal, self-contained one: it fills a throw-away database with a 14-stand session, starts gunicorn
(DEBUG off, 3 workers as in the Dockerfile) on 127.0.0.1 only, and lets 200 simulated phones arrive at
random moments of one minute. Each opens its stand's page (which sets its cookies) and sends its
answers, as a phone would; the driver's loops are bounded in count and time.
Target: 0 errors and p99 ≤ 300 ms per request.

Run it with ``make bench BENCH=exhibition`` (PostgreSQL and Redis required).
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTERS = 200
WINDOW_SECONDS = 60.0
STANDS = 14
P99_TARGET_MS = 300
CONCURRENCY = 64  # simulated phones in flight at once, at most
TIMEOUT = 10.0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a 302 is the answer we measure, not a page to follow
        return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _session_with_stands() -> list[str]:
    from challenges.models import Challenge, TeamMembership
    from tests.challenges.factories import ChallengeFactory, SiteFactory
    from tests.factories import UserFactory
    from tests.testsessions.factories import SessionFactory, StandFactory

    site = SiteFactory(place="Rennes")
    session = SessionFactory(site=site)
    tokens = []
    for number in range(1, STANDS + 1):
        challenge = ChallengeFactory(site=site, number=number, phase=Challenge.Phase.PROTOTYPE)
        for role in ("owner", "contributor", "contributor"):
            TeamMembership.objects.create(challenge=challenge, person=UserFactory(), role=role)
        tokens.append(StandFactory(session=session, challenge=challenge).token)
    return tokens


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "innovation.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "3",
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not answer within 30 s")


def _tester(base: str, token: str, start_at: float, origin: float, rng: random.Random) -> dict:
    """One phone: wait for its moment, open the stand's page, send the answers. Returns its timings."""
    time.sleep(max(0.0, origin + start_at - time.monotonic()))
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    url = f"{base}/t/{token}/"
    result = {"get_ms": None, "post_ms": None, "error": ""}
    try:
        started = time.perf_counter()
        with opener.open(url, timeout=TIMEOUT) as response:
            html = response.read().decode()
        result["get_ms"] = (time.perf_counter() - started) * 1000
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "q_clarity": str(rng.randint(1, 5)),
                "q_relevance": rng.choice(["validated", "partly", "no"]),
                "q_change": rng.choice(["", "Plus d'exemples concrets", "Un parcours plus court"]),
                "profile": rng.choice(["", "user", "agent", "elected"]),
            }
        ).encode()
        started = time.perf_counter()
        try:
            request = urllib.request.Request(url, data=data, headers={"Referer": url})  # noqa: S310 - loopback
            opener.open(request, timeout=TIMEOUT)
            result["error"] = "no redirect after the answer"
        except urllib.error.HTTPError as answer:
            result["post_ms"] = (time.perf_counter() - started) * 1000
            if answer.code != 302:
                result["error"] = f"POST answered {answer.code}"
    except Exception as exc:  # every failure is counted, none stops the run
        result["error"] = f"{type(exc).__name__}: {exc}"
    return result


def run() -> list[dict]:
    from django.conf import settings
    from django.db import connection

    from tests.perf.bench import bench_database
    from testsessions.models import Feedback

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"] or not settings.REDIS_URL:
        return [{"measure": "exhibition burst", "value": "skipped: needs PostgreSQL and REDIS_URL", "ok": None}]
    rows: list[dict] = []
    with bench_database():
        tokens = _session_with_stands()
        db = connection.settings_dict
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 60,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}",
            "REDIS_URL": settings.REDIS_URL,
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        port = _free_port()
        server = _serve(env, port)
        try:
            # Every worker loads its templates and connections before the exhibition opens (not measured).
            for token in tokens * 3:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/t/{token}/", timeout=TIMEOUT) as page:
                    page.read()
            rng = random.Random(2018)
            plan = sorted((rng.uniform(0, WINDOW_SECONDS), rng.choice(tokens)) for _ in range(TESTERS))
            origin = time.monotonic() + 0.5
            lock = threading.Lock()
            results: list[dict] = []

            def one(item):
                start_at, token = item
                outcome = _tester(f"http://127.0.0.1:{port}", token, start_at, origin, random.Random(start_at))
                with lock:
                    results.append(outcome)

            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
                list(pool.map(one, plan))
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        errors = [result["error"] for result in results if result["error"]]
        posts = [result["post_ms"] for result in results if result["post_ms"] is not None]
        gets = [result["get_ms"] for result in results if result["get_ms"] is not None]
        stored = Feedback.objects.count()
        p99_post = round(_percentile(posts, 0.99), 1) if posts else None
        p99_get = round(_percentile(gets, 0.99), 1) if gets else None
        rows += [
            {"measure": f"{TESTERS} testers in {WINDOW_SECONDS:.0f} s: errors", "value": len(errors), "target": 0,
             "ok": not errors},
            {"measure": "feedback stored", "value": stored, "target": TESTERS, "ok": stored == TESTERS},
            {"measure": "answer (POST) p50", "value": round(statistics.median(posts), 1) if posts else "-",
             "unit": "ms"},
            {"measure": "answer (POST) p99", "value": p99_post, "unit": "ms", "target": P99_TARGET_MS,
             "ok": p99_post is not None and p99_post <= P99_TARGET_MS},
            {"measure": "stand page (GET) p99", "value": p99_get, "unit": "ms", "target": P99_TARGET_MS,
             "ok": p99_get is not None and p99_get <= P99_TARGET_MS},
            {"measure": "burst wall time", "value": round(elapsed, 1), "unit": "s"},
        ]  # fmt: skip
        if errors:
            rows.append({"measure": "first error", "value": errors[0][:120]})
    return rows
