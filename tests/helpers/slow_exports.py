"""Imported by a test worker only (``celery_worker_factory(include="tests.helpers.slow_exports")``).

It slows every export down from the test side, so that a test can kill a worker in the middle of one:
each row (or PDF part) a builder counts waits ``EXPORT_TEST_ROW_DELAY_MS`` milliseconds. The
application has no such setting.
"""

from __future__ import annotations

import os
import time

from innovation.services import exports

DELAY = int(os.environ.get("EXPORT_TEST_ROW_DELAY_MS", "0")) / 1000
_advance = exports.ExportProgress.advance


def _slow_advance(self: exports.ExportProgress, count: int = 1) -> None:
    time.sleep(DELAY * count)
    _advance(self, count)


exports.ExportProgress.advance = _slow_advance  # type: ignore[method-assign]
