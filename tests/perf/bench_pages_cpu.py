"""``make bench BENCH=pages_cpu``: the served benchmark's pages and floors, interleaved, in CPU time per request.

``bench_served`` drives one URL after the other: on a machine shared with other work, a change of load between two
rows moves their ratio. Here each round asks every URL once, in turn, through Django's test client with the served
settings (DEBUG off), and counts the CPU time of that one process. The database's and the HTTP server's work are
left out: the ratios are the application's own, steady under a changing load. Same database as ``bench_served``
(``BENCH_SERVED_DATABASE``), recreated and filled by served_setup.py; ``BENCH_SERVED_CPU_ROUNDS`` rounds (40).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.perf.bench_served import ROOT, _database_settings, _environment, _page_ratio_row, _recreate_database

ROUNDS = int(os.environ.get("BENCH_SERVED_CPU_ROUNDS", "40"))


def measure(data: dict, rounds: int) -> dict[str, float]:
    """Run inside the served settings: milliseconds of CPU per request, per ``"<name>|<visitor>"``."""
    import time

    from django.conf import settings
    from django.test import Client

    clients = {"anonymous": Client(SERVER_NAME="localhost"), "signed in": Client(SERVER_NAME="localhost")}
    clients["signed in"].cookies[settings.SESSION_COOKIE_NAME] = data["session_cookie"].partition("=")[2]
    targets = [*data["floors"].items(), *data["pages"].items()]
    rows = [
        (page, path, visitor)
        for page, path in targets
        for visitor in clients
        if not (visitor == "anonymous" and page in data["private"])
    ]
    for page, path, visitor in rows:  # warm: templates compiled, connection open
        for _ in range(3):
            status = clients[visitor].get(path).status_code
            if status != 200:
                raise SystemExit(f"{page} ({visitor}) {path} answered {status}, not 200")
    spent = dict.fromkeys((f"{page}|{visitor}" for page, _, visitor in rows), 0.0)
    for _ in range(rounds):
        for page, path, visitor in rows:
            started = time.process_time()
            clients[visitor].get(path)
            spent[f"{page}|{visitor}"] += time.process_time() - started
    return {key: seconds * 1000 / rounds for key, seconds in spent.items()}


def run() -> list[dict]:
    env = _environment(_recreate_database(_database_settings()))
    env["ALLOWED_HOSTS"] = "localhost"
    setup = subprocess.run(
        [sys.executable, "-m", "tests.perf.served_setup"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if setup.returncode != 0:
        raise SystemExit(f"served_setup failed:\n{setup.stderr[-3000:]}")
    data = setup.stdout.strip().splitlines()[-1]
    code = (
        "import json, sys, django; django.setup(); from tests.perf.bench_pages_cpu import measure; "
        "print(json.dumps(measure(json.loads(sys.argv[1]), int(sys.argv[2]))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, data, str(ROUNDS)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"measuring failed:\n{result.stderr[-3000:]}")
    spent = json.loads(result.stdout.strip().splitlines()[-1])
    rows = [
        {"measure": f"{key.replace('|', ', ')} (CPU ms per request)", "value": f"{ms:.1f}", "unit": "ms", "target": ""}
        for key, ms in spent.items()
    ]
    for key, ms in spent.items():
        page, visitor = key.split("|")
        if page in {"floor: bare", "floor: layout"}:
            continue
        ratio = spent[f"floor: layout|{visitor}"] / ms
        rows.append(_page_ratio_row(f"{page} / layout floor, {visitor} (CPU)", ratio, floor=page.startswith("floor")))
    return rows
