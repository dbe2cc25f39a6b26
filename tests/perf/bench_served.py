"""``make bench BENCH=served``: the pages as a visitor gets them, from gunicorn, under 16 connections.

Creates (afresh) the PostgreSQL database ``defis_bench_served`` beside the one of ``DATABASE_URL``, fills it
with the demo data plus 1,000 published challenges on one site (served_setup.py), starts gunicorn with
2×cores+1 workers, DEBUG off, on that database and on Redis (``REDIS_URL``), then drives each URL with
``wrk`` (Debian package ``wrk``), 16 connections, anonymous and signed in (a session cookie of the demo
challenge owner). The floor views (tests/perf/urls_served.py) give what a page cannot go below:

- signed-in layout floor ÷ anonymous layout floor: target ≥ 0.5;
- each page ÷ its floor (layout floor, same visitor): target ≥ 0.3;
- 0 errors (any socket error or status ≥ 400).

The third floor, the layout after reading one challenge, has no target: its ratio to the layout floor shows how
much of the 0.3 a page built around one object has left once that object is read.

Every row is driven once per round for ``BENCH_SERVED_SECONDS`` (4), in ``BENCH_SERVED_ROUNDS`` rounds (3) one
after the other; a row shows its medians over the rounds, and a ratio is the median of the ratios taken within each
round, so a change of the machine's load during the run does not land on one row alone. Three cached fragments of
the challenge page are involved (docs/architecture.md, section 7); no page is cached whole.
``BENCH_SERVED_DATABASE`` and ``BENCH_SERVED_PORT`` let two runs share a machine.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DATABASE = os.environ.get("BENCH_SERVED_DATABASE", "defis_bench_served")
CONNECTIONS = 16
PORT = int(os.environ.get("BENCH_SERVED_PORT", "8765"))
SECONDS = int(os.environ.get("BENCH_SERVED_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_SERVED_ROUNDS", "3"))
FLOOR_TARGET = 0.5
PAGE_TARGET = 0.3


def _database_settings() -> dict:
    base = settings.DATABASES["default"]
    if "postgresql" not in base["ENGINE"]:
        raise SystemExit("The served benchmark runs on PostgreSQL: set DATABASE_URL.")
    return base


def _recreate_database(base: dict) -> str:
    params = {"host": base["HOST"] or "127.0.0.1", "port": base["PORT"] or 5432, "user": base["USER"]}
    if base["PASSWORD"]:
        params["password"] = base["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    password = f":{base['PASSWORD']}" if base["PASSWORD"] else ""
    return f"postgres://{params['user']}{password}@{params['host']}:{params['port']}/{DATABASE}"


def _environment(database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.perf.settings_served",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        ACCOUNT_EMAIL_VERIFICATION="optional",
    )
    if not env.get("REDIS_URL"):
        raise SystemExit("The served benchmark runs on Redis: set REDIS_URL.")
    return env


def _status(path: str, cookie: str | None = None, *, timeout: float = 10.0) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        return connection.getresponse().status
    finally:
        connection.close()


def _wait_until_up(process: subprocess.Popen, *, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped before serving; see var/bench_served_gunicorn.log")
        try:
            if _status("/healthz", timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict[str, float]:
    """Requests/s, p50/p99 (ms) and errors (socket errors + statuses ≥ 400) from ``wrk --latency``."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return {"rate": rate, "p50": p50, "p99": p99, "errors": errors}


def _drive(url: str, cookie: str | None) -> dict[str, float]:
    # A 10 s timeout: on a loaded machine a slow answer is slow, not an error (wrk's default is 2 s).
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def _median_result(results: list[dict[str, float]]) -> dict[str, float]:
    """One row over the rounds: the median of its rates and latencies, the sum of its errors."""
    return {
        "rate": statistics.median(result["rate"] for result in results),
        "p50": statistics.median(result["p50"] for result in results),
        "p99": statistics.median(result["p99"] for result in results),
        "errors": sum(result["errors"] for result in results),
    }


def _page_ratio_row(measure: str, ratio: float, *, floor: bool) -> dict:
    """A page's ratio to its layout floor, against the target; a floor's ratio is printed for reading only."""
    if floor:
        return {"measure": measure, "value": f"{ratio:.2f}", "unit": "ratio", "target": ""}
    return {
        "measure": measure,
        "value": f"{ratio:.2f}",
        "unit": "ratio",
        "target": f">= {PAGE_TARGET}",
        "ok": ratio >= PAGE_TARGET,
    }


def _median_ratio(rounds: list[dict], row: tuple[str, str], floor: tuple[str, str]) -> float:
    """The median over the rounds of ``row``'s rate ÷ ``floor``'s rate in the same round."""
    return statistics.median(one[row]["rate"] / one[floor]["rate"] for one in rounds)


def run() -> list[dict]:
    if shutil.which("wrk") is None:
        raise SystemExit("The served benchmark needs wrk: apt-get install -y wrk")
    database_url = _recreate_database(_database_settings())
    env = _environment(database_url)
    setup = subprocess.run(
        [sys.executable, "-m", "tests.perf.served_setup"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if setup.returncode != 0:
        raise SystemExit(f"served_setup failed:\n{setup.stderr[-3000:]}")
    data = json.loads(setup.stdout.strip().splitlines()[-1])
    cookie = data["session_cookie"]
    workers = 2 * (os.cpu_count() or 1) + 1
    log = (ROOT / "var" / "bench_served_gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "innovation.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{PORT}",
            "--error-logfile=-",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{PORT}"
    rows: list[dict] = []
    try:
        _wait_until_up(server)
        targets = [*data["floors"].items(), *data["pages"].items()]
        rows_to_drive = [
            (name, path, visitor, visitor_cookie)
            for name, path in targets
            for visitor, visitor_cookie in (("anonymous", None), ("signed in", cookie))
            # a private page sends the anonymous visitor to the login page
            if not (visitor == "anonymous" and name in data["private"])
        ]
        for name, path, visitor, visitor_cookie in rows_to_drive:
            # Warm every worker first (its templates compiled, its database connection open): a cold
            # worker would charge its start to whichever row comes first.
            for _ in range(4 * workers):
                status = _status(path, visitor_cookie)
                if status != 200:
                    raise SystemExit(f"{name} ({visitor}) {path} answered {status}, not 200")
        # Every row once per round, the rounds one after the other: a change of the machine's load during the
        # run weighs on every row of a round alike, and a ratio is taken within its round.
        rounds: list[dict[tuple[str, str], dict[str, float]]] = []
        for _ in range(ROUNDS):
            rounds.append(
                {
                    (name, visitor): _drive(base + path, visitor_cookie)
                    for name, path, visitor, visitor_cookie in rows_to_drive
                }
            )
        results = {key: _median_result([one[key] for one in rounds]) for key in rounds[0]}
        for (name, visitor), result in results.items():
            rows.append(
                {
                    "measure": f"{name}, {visitor} (req/s; p50/p99 ms; errors)",
                    "value": f"{result['rate']:.0f}; {result['p50']:.1f}/{result['p99']:.1f}; {result['errors']}",
                    "unit": "req/s",
                    "target": "0 errors",
                    "ok": result["errors"] == 0,
                }
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    ratio = _median_ratio(rounds, ("floor: layout", "signed in"), ("floor: layout", "anonymous"))
    rows.append(
        {
            "measure": "signed-in layout floor / anonymous layout floor",
            "value": f"{ratio:.2f}",
            "unit": "ratio",
            "target": f">= {FLOOR_TARGET}",
            "ok": ratio >= FLOOR_TARGET,
        }
    )
    for name, visitor in results:
        if name in {"floor: bare", "floor: layout"}:
            continue
        ratio = _median_ratio(rounds, (name, visitor), ("floor: layout", visitor))
        rows.append(_page_ratio_row(f"{name} / layout floor, {visitor}", ratio, floor=name.startswith("floor")))
    rows.append(
        {"measure": "challenges on the benchmarked site", "value": data["site_challenges"], "unit": "", "target": ""}
    )
    return rows
