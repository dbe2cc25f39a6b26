"""Hand work to the Celery workers by task name.

Services send their tasks through here instead of importing them, so imports run one way: a task
module imports the services it calls, never the reverse. Every app imports its ``tasks`` module in
``AppConfig.ready()``, so the names are known in every process (web, worker, beat); with no broker
configured the task runs at once, in the sending process.
"""

from __future__ import annotations

from django.db import transaction

from innovation.celery import app


def task_send(name: str, *args: int | str) -> None:
    """Send the task called ``name`` now. An unknown name raises ``NotRegistered``."""
    app.tasks[name].apply_async(args=args)


def task_send_on_commit(name: str, *args: int | str) -> None:
    """Send the task called ``name`` once the current transaction commits (at once outside one)."""
    app.tasks[name]  # fail now, in the caller's transaction, if the name is wrong
    transaction.on_commit(lambda: task_send(name, *args))
