"""Counting in the worker, never in a request: when a round enters its results step (a
task run every minute by the clock, `bokrao_clock`; safe to run twice or late: a round
is counted once its results step has begun and it has no count made since then), and
when staff ask for a recount from the admin (a large round's Equal Shares takes a while).
"""

from django_tasks import task

from ...clock import every_minute
from ...timing import now


def rounds_due(at=None):
    """The live rounds (one page per round) in or past their results step that have no
    count made since that step began.

    The step's start is the round's timeline's, not its stored dates: staff who advance
    a round into its results (or hold its counting) move it. So every live round with a
    results step is looked at; one already counted since the start is skipped."""
    from django.db.models import Max

    from pb_pages.models import BudgetRoundPage

    from .. import phases
    from ..models import RoundCount

    at = at or now()
    last_counted = dict(
        RoundCount.objects.values("consultation")
        .annotate(last=Max("counted_at"))
        .values_list("consultation", "last")
    )
    due, seen = [], set()
    rounds = (
        BudgetRoundPage.objects.live().filter(phases__kind=phases.RESULTS).distinct().order_by("pk")
    )
    for page in rounds:
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        started = phases.results_start(page)
        if started is None or started > at:
            continue
        last = last_counted.get(page.translation_key)
        if last is not None and last >= started:
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


@task()
def recount_round(page_id, user_id, at=None):
    """Staff's recount (services.recount enqueues it): the number of ballots counted, or
    None if the round can no longer be counted (moved back before its counting step)."""
    from datetime import datetime

    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from .services import CountRefused, count_round

    page = Page.objects.get(pk=page_id).specific
    user = get_user_model().objects.filter(pk=user_id).first()
    try:
        counts = count_round(page, by=user, at=datetime.fromisoformat(at) if at else None)
    except CountRefused:
        return None
    return next(iter(counts.values())).ballots
