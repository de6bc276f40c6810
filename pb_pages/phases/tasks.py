"""The scheduled job: re-index the consultations whose phase boundary has just passed,
so that the search index's status facet (upcoming, open, closed) and what it says a
page allows follow the clock within a minute. Run every minute by `bokrao_clock`."""

from datetime import timedelta

from django.db.models import Q
from django_tasks import task

from consultation_blocks.clock import every_minute
from consultation_blocks.timing import now

# Looking back further than the clock's minute makes a late or missed run harmless;
# sending a page twice costs nothing (the outbox keeps one entry per document).
LOOK_BACK = timedelta(minutes=5)


def consultations_that_crossed(since, until):
    """The pages whose phases start or end in (since, until]: every translation."""
    from pb_pages.models import ConsultationPage

    from .models import Phase

    crossed = Q(starts_at__gt=since, starts_at__lte=until) | Q(
        ends_at__gt=since, ends_at__lte=until
    )
    keys = set(Phase.objects.filter(crossed).values_list("page__translation_key", flat=True))
    return list(ConsultationPage.objects.filter(translation_key__in=keys))


def reindex_crossed_boundaries(at=None):
    """Queue the pages (and what hangs on their state) that crossed a boundary lately."""
    from .services import _reindex

    at = at or now()
    pages = consultations_that_crossed(at - LOOK_BACK, at)
    _reindex(pages)
    return len(pages)


@every_minute
@task()
def phase_boundaries():
    return reindex_crossed_boundaries()
