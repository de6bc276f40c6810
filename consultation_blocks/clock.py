"""The one scheduled place for timed work: tasks that run every minute.

Time-driven events (a phase opens, a window closes) are handled here rather than
checked on every request. An app registers a django-tasks task, in its `apps.py`
`ready()` or where the task is defined:

    from consultation_blocks.clock import every_minute

    @every_minute
    @task()
    def reindex_what_crossed_a_phase_boundary(): ...

`manage.py bokrao_clock` enqueues every registered task once a minute; the task worker
(`manage.py db_worker`) runs them. A task must therefore be safe to run twice, or late:
it asks the one clock (`timing.now()`) what is due instead of assuming a minute passed.
"""

from django_tasks.base import Task

_every_minute = {}


def every_minute(task):
    """Register `task` (a django-tasks task taking no arguments); returns it unchanged."""
    if not isinstance(task, Task):
        raise TypeError(f"every_minute() takes a django-tasks task (@task()), not {task!r}")
    # Keyed by import path: importing a module twice registers its task once.
    _every_minute[task.module_path] = task
    return task


def registered():
    """The registered tasks, in the order they were registered."""
    return list(_every_minute.values())
