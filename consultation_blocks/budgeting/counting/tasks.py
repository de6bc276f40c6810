"""Counting when a round enters its results step: a task run every minute by the clock
(`bokrao_clock`). Safe to run twice or late: a round is counted once its results step
has begun and it has no count made since then."""

from django_tasks import task

from ...clock import every_minute
from ...timing import now


def rounds_due(at=None):
    """The live rounds (one page per round) in or past their results step that have no
    count made since that step began."""
    from pb_pages.models import BudgetRoundPage
    from pb_pages.phases.models import Phase

    from .. import phases
    from ..models import RoundCount

    at = at or now()
    started = {}
    for key, starts_at in Phase.objects.filter(
        kind=phases.RESULTS, starts_at__lte=at, page__live=True
    ).values_list("page__translation_key", "starts_at"):
        started[key] = min(starts_at, started.get(key, starts_at))
    due = []
    for page in BudgetRoundPage.objects.live().filter(translation_key__in=list(started)):
        if any(found.translation_key == page.translation_key for found in due):
            continue
        if RoundCount.objects.filter(
            consultation=page.translation_key, counted_at__gte=started[page.translation_key]
        ).exists():
            continue
        if phases.shows_results(page, at):
            due.append(page)
    return due


def count_due_rounds(at=None):
    from .services import count_round

    counted = 0
    for page in rounds_due(at):
        count_round(page, at=at)
        counted += 1
    return counted


@every_minute
@task()
def count_rounds_entering_results():
    return count_due_rounds()
