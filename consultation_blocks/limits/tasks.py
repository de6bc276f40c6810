"""The rate limits' every-minute job: forget the windows that have closed, so that no
trace of an attempt stays longer than its window (run by `bokrao_clock`)."""

from django_tasks import task

from ..clock import every_minute
from . import forget_closed_windows


@every_minute
@task()
def closed_limit_windows():
    return forget_closed_windows()
