"""Settings of the served benchmark only (tests/perf/bench_served.py): the project's, plus the floor views.

The floor views live in a tests-only URLconf, so no production configuration can ever reach them.
"""

from innovation.settings import *  # noqa: F403

ROOT_URLCONF = "tests.perf.urls_served"
