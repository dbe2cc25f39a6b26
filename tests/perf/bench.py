"""``make bench``: speed and memory measurements, printed as one table. Never a timed unit test.

Each ``tests/perf/bench_<topic>.py`` module exposes ``run() -> list[dict]``; every dict is a row
with at least ``measure`` and ``value`` (and optionally ``unit``, ``target``, ``ok``). The modules
set up their own data in a throw-away test database.
"""

from __future__ import annotations

import importlib
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent


@contextmanager
def bench_database():
    """A throw-away test database (``test_<name>``) for the duration of a benchmark module."""
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    setup_test_environment(debug=False)
    config = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)
        teardown_test_environment()


def median_seconds(action, *, repeat: int = 15, warmup: int = 2) -> float:
    """Median wall time of ``action()`` over ``repeat`` runs, after ``warmup`` runs."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovation.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    selected = sys.argv[1:]
    modules = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if selected:
        modules = [name for name in modules if any(word in name for word in selected)]
    rows: list[dict] = []
    for name in modules:
        module = importlib.import_module(f"tests.perf.{name}")
        for row in module.run():
            rows.append({"bench": name.removeprefix("bench_"), **row})
    if not rows:
        print("No benchmark found in tests/perf/bench_*.py")
        return 0
    headers = ["bench", "measure", "value", "unit", "target", "ok"]
    table = [[str(row.get(h, "")) for h in headers] for row in rows]
    widths = [max(len(h), *(len(line[i]) for line in table)) for i, h in enumerate(headers)]
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for line in table:
        print(" | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))
    failed = [row for row in rows if row.get("ok") is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
